// The stages of a country review, in order, with their deadlines and what each needs before a
// review moves on (who may move it is accounts/permissions' `STAGE_MOVERS`).
// Pure: the facts a guard needs come in (the server computes them from the database), a verdict
// or new facts come out, so the same rules serve the server, the pages and the tests.
//
// The stage is the last stage reached; `reached` keeps the day each one was reached. Deadlines
// come from the mechanism's settings (review-mechanism-facts.md, lines 36–47): a setting that is
// null (or absent) gives no deadline, so the secretariat decides them by confirming settings,
// not by changing code.
import { addDays, addMonths } from '../dates';
import { m } from '$lib/paraglide/messages';
import { intlLocale, locale, number, translated, type Locale } from '$lib/i18n';

export const STAGES = [
	'launched',
	'focal-point-named',
	'experts-named',
	'self-assessment',
	'feedback',
	'observations',
	'agreed',
	'published'
] as const;
export type Stage = (typeof STAGES)[number];

const STAGE_MESSAGES = {
	launched: m.reviews_stage_launched,
	'focal-point-named': m.reviews_stage_focal_point_named,
	'experts-named': m.reviews_stage_experts_named,
	'self-assessment': m.reviews_stage_self_assessment,
	feedback: m.reviews_stage_feedback,
	observations: m.reviews_stage_observations,
	agreed: m.reviews_stage_agreed,
	published: m.reviews_stage_published
} satisfies Record<Stage, unknown>;

/** Each stage in words, in the request's language (read on access). */
export const STAGE_LABELS: Readonly<Record<Stage, string>> = translated(STAGE_MESSAGES);

/** A stage in words, in `to` (a review's working language for its report and notices). */
export function stageLabel(stage: Stage, to?: Locale): string {
	return STAGE_MESSAGES[stage]({}, { locale: to });
}

const SHORT_MESSAGES = {
	launched: m.reviews_stage_short_launched,
	'focal-point-named': m.reviews_stage_short_focal_point_named,
	'experts-named': m.reviews_stage_short_experts_named,
	'self-assessment': m.reviews_stage_short_self_assessment,
	feedback: m.reviews_stage_short_feedback,
	observations: m.reviews_stage_short_observations,
	agreed: m.reviews_stage_short_agreed,
	published: m.reviews_stage_short_published
} satisfies Record<Stage, unknown>;

/** A stage in a few words, for a table's cell ("Self-assessment answered"); an unknown value as it is. */
export function shortStageLabel(stage: string, to?: Locale): string {
	return isStage(stage) ? SHORT_MESSAGES[stage]({}, { locale: to }) : stage;
}

export function isStage(s: unknown): s is Stage {
	return typeof s === 'string' && (STAGES as readonly string[]).includes(s);
}

function index(stage: Stage): number {
	return STAGES.indexOf(stage);
}

/** The stage after `stage`, or null after the last. */
export function after(stage: Stage): Stage | null {
	return STAGES[index(stage) + 1] ?? null;
}

/** The stage before `stage`, or null before the first. */
export function before(stage: Stage): Stage | null {
	return index(stage) > 0 ? STAGES[index(stage) - 1] : null;
}

/** The stage a review goes to next, or null once published. */
export function next(facts: Pick<ReviewFacts, 'stage'>): Stage | null {
	return after(facts.stage);
}

/** Has the review reached `stage` (is it at it or past it)? */
export function hasReached(facts: Pick<ReviewFacts, 'stage'>, stage: Stage): boolean {
	return index(facts.stage) >= index(stage);
}

// ---------------------------------------------------------------------------------------------
// Deadlines

/** The settings that give deadlines, by their keys in data/review-mechanisms.json. */
export const DEADLINE_SETTINGS = [
	'focal_point_weeks',
	'experts_weeks',
	'self_assessment_months',
	'feedback_months',
	'observations_months',
	// not a setting of the data file yet: there for the day a source gives that deadline
	'agreed_months'
] as const;
export type DeadlineSetting = (typeof DEADLINE_SETTINGS)[number];

/**
 * Setting values by key (a mechanism's whole settings map will do: other keys are ignored).
 * Only a number gives a deadline; null, a boolean or a missing key gives none.
 */
export type StageSettings = Readonly<Partial<Record<DeadlineSetting, number | boolean | null>>>;

export interface DeadlineRule {
	setting: DeadlineSetting;
	unit: 'weeks' | 'months';
	/** The stage whose day the time runs from (`launched`: the launch). */
	from: Stage;
}

/**
 * How each stage's deadline is counted. The questionnaire's time runs from the launch; the
 * feedback's from the day the focal point cleared the self-assessment ("6 months from receiving
 * the questionnaire", line 42); the observations' from the end of the feedback.
 */
export const DEADLINE_RULES: Record<Stage, DeadlineRule | null> = {
	launched: null,
	'focal-point-named': { setting: 'focal_point_weeks', unit: 'weeks', from: 'launched' },
	'experts-named': { setting: 'experts_weeks', unit: 'weeks', from: 'launched' },
	'self-assessment': { setting: 'self_assessment_months', unit: 'months', from: 'launched' },
	feedback: { setting: 'feedback_months', unit: 'months', from: 'self-assessment' },
	observations: { setting: 'observations_months', unit: 'months', from: 'feedback' },
	agreed: { setting: 'agreed_months', unit: 'months', from: 'observations' },
	published: null
};

function amount(settings: StageSettings, key: DeadlineSetting): number | null {
	const v = settings[key];
	return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The day the review was launched: `launchedOn`, or the day recorded for the launched stage. */
function launchDay(facts: Pick<ReviewFacts, 'launchedOn' | 'reached'>): string | null {
	return facts.launchedOn ?? facts.reached.launched ?? null;
}

/**
 * The day by which each stage must be reached, or null when no setting gives one or the day it
 * runs from is not known yet (the feedback's deadline waits for the self-assessment).
 * Months are calendar months, clamped at a month's end: 31 August + 6 months is 28 February
 * (29 in a leap year).
 */
export function deadlines(facts: Pick<ReviewFacts, 'launchedOn' | 'reached'>, settings: StageSettings): Record<Stage, string | null> {
	const out = {} as Record<Stage, string | null>;
	for (const stage of STAGES) {
		const rule = DEADLINE_RULES[stage];
		const n = rule && amount(settings, rule.setting);
		const from = rule && (rule.from === 'launched' ? launchDay(facts) : (facts.reached[rule.from] ?? null));
		out[stage] = rule && n !== null && from ? (rule.unit === 'weeks' ? addDays(from, n * 7) : addMonths(from, n)) : null;
	}
	return out;
}

/** Each rule in words, by the stage it is the deadline of (the unit and the day it runs from are the rule's). */
const DEADLINE_MESSAGES: Record<Stage, ((inputs: { count: number; shown: string }, options?: { locale?: Locale }) => string) | null> = {
	launched: null,
	'focal-point-named': m.reviews_deadline_weeks_from_launch,
	'experts-named': m.reviews_deadline_weeks_from_launch,
	'self-assessment': m.reviews_deadline_months_from_launch,
	feedback: m.reviews_deadline_months_from_self_assessment,
	observations: m.reviews_deadline_months_from_feedback,
	agreed: m.reviews_deadline_months_from_observations,
	published: null
};

/** The rule in words: "within 2 weeks of the launch", "no deadline". */
export function deadlineText(stage: Stage, settings: StageSettings, to: Locale = locale()): string {
	const rule = DEADLINE_RULES[stage];
	const n = rule && amount(settings, rule.setting);
	const message = DEADLINE_MESSAGES[stage];
	if (!rule || n === null || !message) return m.reviews_no_deadline({}, { locale: to });
	return message({ count: n, shown: number(n, to) }, { locale: to });
}

export interface OverdueStage {
	stage: Stage;
	/** The deadline it missed. */
	due: string;
}

/**
 * The stages not reached whose deadline is before `today` (the deadline day itself is still in
 * time), in order. Mostly the next stage; more when a review has fallen further behind.
 */
export function overdue(facts: Pick<ReviewFacts, 'stage' | 'launchedOn' | 'reached'>, settings: StageSettings, today: string): OverdueStage[] {
	const due = deadlines(facts, settings);
	return STAGES.filter((s) => !hasReached(facts, s) && due[s] !== null && due[s]! < today).map((s) => ({ stage: s, due: due[s]! }));
}

// ---------------------------------------------------------------------------------------------
// Moving a review on

/** What the guards need to know about a review, computed by the server from the database. */
export interface ReviewFacts {
	stage: Stage;
	launchedOn: string | null;
	/** The ISO day each stage was reached. */
	reached: Partial<Record<Stage, string>>;
	/** The focal point(s) the review needs are named. */
	focalPointNamed: boolean;
	/** The governmental experts are named. */
	expertsNamed: boolean;
	/** Items of the questionnaire (articles of the cluster, per instrument) and how many have an answer. */
	itemsTotal: number;
	itemsAnswered: number;
	/** Clarification questions not answered yet. */
	openQuestions: number;
	/** The reviewing States have commented on every item. */
	reviewersCommentedAll: boolean;
	observationsDrafted: boolean;
	summaryDrafted: boolean;
	/** The list of observations and its summary, agreed by each side's focal point. */
	agreedBy: { underReview: boolean; reviewers: boolean };
}

export type Verdict = { ok: true } | { ok: false; reason: string };

const OK: Verdict = { ok: true };
const no = (reason: string): Verdict => ({ ok: false, reason });

/** What is missing before a review can enter `to`, in words (in `lang`); empty when nothing is. */
function missing(facts: ReviewFacts, to: Stage, lang: Locale): string[] {
	const out: string[] = [];
	const o = { locale: lang };
	switch (to) {
		case 'focal-point-named':
			if (!facts.focalPointNamed) out.push(m.reviews_gap_no_focal_point({}, o));
			break;
		case 'experts-named':
			if (!facts.expertsNamed) out.push(m.reviews_gap_no_experts({}, o));
			break;
		case 'self-assessment': {
			const left = facts.itemsTotal - facts.itemsAnswered;
			if (facts.itemsTotal === 0) out.push(m.reviews_gap_no_items({}, o));
			else if (left > 0) out.push(m.reviews_gap_unanswered({ count: left, shown: number(left, lang), total: number(facts.itemsTotal, lang) }, o));
			break;
		}
		case 'feedback':
			if (!facts.reviewersCommentedAll) out.push(m.reviews_gap_not_commented({}, o));
			if (facts.openQuestions > 0) out.push(m.reviews_gap_open_questions({ count: facts.openQuestions, shown: number(facts.openQuestions, lang) }, o));
			break;
		case 'observations':
			if (!facts.observationsDrafted) out.push(m.reviews_gap_no_observations({}, o));
			if (!facts.summaryDrafted) out.push(m.reviews_gap_no_summary({}, o));
			break;
		case 'agreed':
			if (!facts.agreedBy.underReview) out.push(m.reviews_gap_state_not_agreed({}, o));
			if (!facts.agreedBy.reviewers) out.push(m.reviews_gap_reviewers_not_agreed({}, o));
			break;
	}
	return out;
}

/** "a, b and c" as the language lists things. */
function list(parts: string[], lang: Locale): string {
	return new Intl.ListFormat(intlLocale(lang), { type: 'conjunction' }).format(parts);
}

function sentence(parts: string[], lang: Locale): string {
	const s = list(parts, lang);
	return m.reviews_gaps_sentence({ list: s.charAt(0).toLocaleUpperCase(intlLocale(lang)) + s.slice(1) }, { locale: lang });
}

export interface MoveRequest {
	to: Stage;
	/** Why the review goes back a stage; required for a move back. */
	reason?: string | null;
	/**
	 * Moving on although what the stage needs is not all there: the secretariat's override of a
	 * gate (an item no one can answer, a reviewer who never comments), with `reason` saying why.
	 * Who may override is asked elsewhere (accounts/permissions).
	 */
	override?: boolean;
}

/**
 * May the review move to `to`, as far as the review itself goes? Forward by one stage, once what
 * the stage needs is there; back by one stage, saying why (to reopen what was closed too early:
 * the answers, the feedback, a draft). Never two stages at once. Who may move it is not asked
 * here: that is `can(who, 'review.move', …)` in accounts/permissions.
 */
export function canMove(facts: ReviewFacts, { to, reason, override }: MoveRequest, lang: Locale = locale()): Verdict {
	const o = { locale: lang };
	const stage = stageLabel(facts.stage, lang);
	if (!launchDay(facts)) return no(m.reviews_move_not_launched({}, o));
	if (to === facts.stage) return no(m.reviews_move_already({ stage }, o));

	if (to === before(facts.stage)) {
		if (!reason?.trim()) return no(m.reviews_move_say_why_back({ stage: stageLabel(to, lang) }, o));
		return OK;
	}
	if (to !== after(facts.stage)) {
		const nextStage = after(facts.stage);
		return index(to) > index(facts.stage)
			? no(nextStage ? m.reviews_move_one_at_a_time({ stage, next: stageLabel(nextStage, lang) }, o) : m.reviews_move_none_after({ stage }, o))
			: no(m.reviews_move_back_one({ stage }, o));
	}
	const gaps = missing(facts, to, lang);
	if (gaps.length && override) return reason?.trim() ? OK : no(m.reviews_move_say_why_override({ gaps: list(gaps, lang) }, o));
	return gaps.length ? no(sentence(gaps, lang)) : OK;
}

/**
 * What the review lacks before it may enter `to` (empty: nothing), in words (in `lang`, the
 * request's language by default): what an override passes over. Its audit entry keeps them in English.
 */
export function gaps(facts: ReviewFacts, to: Stage, lang: Locale = locale()): string[] {
	return missing(facts, to, lang);
}

/**
 * The facts after moving to `to` on `today`: forward records the day the stage was reached; back
 * forgets the day of the stage left (reached again, it gets a new day, and the deadlines that
 * run from it run from then). Checks only that the move is by one stage: ask `canMove` first.
 */
export function move<F extends Pick<ReviewFacts, 'stage' | 'reached'>>(facts: F, { to, today }: { to: Stage; today: string }): F {
	const forward = to === after(facts.stage);
	if (!forward && to !== before(facts.stage)) throw new RangeError(`a review moves one stage at a time, not from ${facts.stage} to ${to}`);
	const reached: Partial<Record<Stage, string>> = {};
	for (const s of STAGES) if (index(s) <= index(to) && facts.reached[s]) reached[s] = facts.reached[s];
	if (forward) reached[to] = today;
	return { ...facts, stage: to, reached };
}
