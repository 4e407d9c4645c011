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

export const STAGE_LABELS: Record<Stage, string> = {
	launched: 'Launched',
	'focal-point-named': 'Focal point named',
	'experts-named': 'Governmental experts named',
	'self-assessment': 'Self-assessment answered and cleared by the focal point',
	feedback: 'Reviewers’ written feedback, with clarification rounds',
	observations: 'List of observations and summary drafted',
	agreed: 'Agreed by the focal points',
	published: 'Published'
};

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

const FROM_WORDS: Record<Stage, string> = {
	launched: 'the launch',
	'focal-point-named': 'the focal point was named',
	'experts-named': 'the experts were named',
	'self-assessment': 'the self-assessment was cleared',
	feedback: 'the feedback ended',
	observations: 'the observations were drafted',
	agreed: 'the agreement',
	published: 'publication'
};

/** The rule in words: "within 2 weeks of the launch", "no deadline". */
export function deadlineText(stage: Stage, settings: StageSettings): string {
	const rule = DEADLINE_RULES[stage];
	const n = rule && amount(settings, rule.setting);
	if (!rule || n === null) return 'no deadline';
	const unit = n === 1 ? rule.unit.slice(0, -1) : rule.unit;
	return `within ${n} ${unit} of ${rule.from === 'launched' ? 'the launch' : `the day ${FROM_WORDS[rule.from]}`}`;
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

function plural(n: number, one: string, many: string): string {
	return `${n} ${n === 1 ? one : many}`;
}

/** What is missing before a review can enter `to`, in words; empty when nothing is. */
function missing(facts: ReviewFacts, to: Stage): string[] {
	const out: string[] = [];
	switch (to) {
		case 'focal-point-named':
			if (!facts.focalPointNamed) out.push('no focal point is named yet');
			break;
		case 'experts-named':
			if (!facts.expertsNamed) out.push('the governmental experts are not named yet');
			break;
		case 'self-assessment': {
			const left = facts.itemsTotal - facts.itemsAnswered;
			if (facts.itemsTotal === 0) out.push('the questionnaire has no items');
			else if (left > 0) out.push(`${left} of ${facts.itemsTotal} items ${left === 1 ? 'is' : 'are'} not answered`);
			break;
		}
		case 'feedback':
			if (!facts.reviewersCommentedAll) out.push('the reviewers have not commented on every item');
			if (facts.openQuestions > 0) out.push(`${plural(facts.openQuestions, 'clarification question is', 'clarification questions are')} still open`);
			break;
		case 'observations':
			if (!facts.observationsDrafted) out.push('the list of observations is not drafted');
			if (!facts.summaryDrafted) out.push('its summary is not drafted');
			break;
		case 'agreed':
			if (!facts.agreedBy.underReview) out.push('the State under review has not agreed');
			if (!facts.agreedBy.reviewers) out.push('the reviewing States have not agreed');
			break;
	}
	return out;
}

function sentence(parts: string[]): string {
	const s = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
	return s.charAt(0).toUpperCase() + s.slice(1) + '.';
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
export function canMove(facts: ReviewFacts, { to, reason, override }: MoveRequest): Verdict {
	const at = `The review is at “${STAGE_LABELS[facts.stage]}”`;
	if (!launchDay(facts)) return no('The review has not been launched yet.');
	if (to === facts.stage) return no(`${at} already.`);

	if (to === before(facts.stage)) {
		if (!reason?.trim()) return no(`Say why the review goes back to “${STAGE_LABELS[to]}”.`);
		return OK;
	}
	if (to !== after(facts.stage)) {
		const nextStage = after(facts.stage);
		const way = nextStage ? `its next stage is “${STAGE_LABELS[nextStage]}”` : 'it has no stage after it';
		return index(to) > index(facts.stage)
			? no(`${at}: ${way}; a review moves one stage at a time.`)
			: no(`${at}: it can go back only to the stage before it, one at a time.`);
	}
	const gaps = missing(facts, to);
	if (gaps.length && override) return reason?.trim() ? OK : no(`Say why the review moves on although ${sentence(gaps).slice(0, -1).replace(/^./, (c) => c.toLowerCase())}.`);
	return gaps.length ? no(sentence(gaps)) : OK;
}

/** What the review lacks before it may enter `to` (empty: nothing), in words: what an override passes over. */
export function gaps(facts: ReviewFacts, to: Stage): string[] {
	return missing(facts, to);
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
