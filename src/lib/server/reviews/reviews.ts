// Country reviews: launched for the States a draw gave reviewers, per cluster, and read whole —
// its people, the questionnaire (one item per article of the cluster, per instrument the State
// is reviewed on) with its answers, evidence, comments and observations —, with the facts the
// stage rules need. Changing a review is questionnaire.ts (answers, evidence, comments,
// observations) and progress.ts (people, summary, moves, agreements, follow-up); who may do what
// on it is accounts/permissions.
import * as audit from '../audit/log';
import { inTransaction, type Db } from '../db';
import { quote } from '../text/query';
import * as records from '../record/record';
import { actorOf, type SignedIn } from '../accounts/identity';
import { can, type ReviewParties, type Someone } from '../accounts/permissions';
import * as config from './config';
import { startGroups } from './draw';
import * as draws from './draws';
import * as notices from './notices';
import * as stages from '../../review/stages';
import type { AnswerStatus, ObservationKind } from '../../review/labels';
import { m } from '$lib/paraglide/messages';
import { locales, type Locale } from '$lib/i18n';

/** Who is acting on a review: the account asking (its id, role and State) and the actor its changes are audited as. */
export interface Person extends Someone {
	actor: audit.Actor;
}

/** The person a signed-in user is on a review, acting from `address`. */
export function personOf(user: SignedIn, address: string | null): Person {
	return { actor: actorOf(user, address), id: user.id, role: user.role, participant: user.participant };
}

/** A refused change, naming the field at fault. */
export class ReviewError extends Error {
	constructor(
		readonly field: string,
		message: string,
		readonly status: 400 | 403 | 404 | 409 = 400
	) {
		super(message);
		this.name = 'ReviewError';
	}
}

export { ANSWER_STATUSES, ANSWER_STATUS_LABELS, OBSERVATION_KINDS, type AnswerStatus, type ObservationKind } from '../../review/labels';

export interface Legislation {
	title: string;
	article: string | null;
	link: string | null;
}

/** The experts named for a review, by side: those of a reviewing State, and the State under review's team. */
export function expertsBySide(state: string, reviewers: string[], people: { role: string; participant: string; userId: number | null }[]): Pick<ReviewParties, 'experts' | 'team'> {
	const named = people.filter((p) => p.role === 'expert' && p.userId !== null);
	return {
		// a State drawn again out of the review takes its experts with it
		experts: named.filter((p) => reviewers.includes(p.participant)).map((p) => p.userId!),
		team: named.filter((p) => p.participant === state).map((p) => p.userId!)
	};
}

/** A review's working language: one of the six official languages of the UN. */
export function isLanguage(value: unknown): value is Locale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Whether the State's answers are still drafts: until the self-assessment is cleared. */
export function answersOpen(stage: string): boolean {
	return stages.isStage(stage) && !stages.hasReached({ stage }, 'self-assessment');
}

// ——— launching ———

/**
 * Launches the country reviews of one cluster for States a draw gave reviewers: one review per
 * State, in the start group given, from `on` — the States named, or with `wholeGroup` those the
 * lot put in the start group that are not under review for the cluster yet. A State already
 * under review for that cluster is refused, naming it. Each is worked on in `language` (English
 * when none is given): its questionnaire, report and e-mails.
 */
export async function launch(
	db: Db,
	opts: { cycleId: string; cluster: number; startGroup: number | null; states: string[]; wholeGroup?: boolean; on: string; language?: string; actor: audit.Actor }
): Promise<number[]> {
	const cycle = await config.cycle(db, opts.cycleId);
	if (!cycle) throw new ReviewError('cycle', m.reviews_error_no_cycle({ cycle: quote(opts.cycleId) }), 404);
	if (!cycle.clusters.some((k) => k.n === opts.cluster)) throw new ReviewError('cluster', m.reviews_error_no_cluster({ cycle: cycle.id, cluster: String(opts.cluster) }));
	if (opts.startGroup !== null && !cycle.startGroups.some((g) => g.n === opts.startGroup)) throw new ReviewError('start_group', m.reviews_error_no_start_group({ cycle: cycle.id, group: String(opts.startGroup) }));
	if (opts.wholeGroup && opts.startGroup === null) throw new ReviewError('start_group', m.reviews_error_choose_start_group());
	if (opts.on < cycle.starts) throw new ReviewError('on', m.reviews_error_before_cycle({ starts: cycle.starts }));
	if (!opts.wholeGroup && !opts.states.length) throw new ReviewError('states', m.reviews_error_choose_states());
	const language = opts.language ?? 'en';
	if (!isLanguage(language)) throw new ReviewError('language', m.reviews_error_language({ value: language.slice(0, 20) }));
	const drawn = await draws.ofCycle(db, cycle.id);
	return inTransaction(db, async (trx) => {
		const active = new Set((await trx.selectFrom('review_reviewers').select('state_code').where('cycle_id', '=', cycle.id).where('replaced_at', 'is', null).execute()).map((r) => r.state_code));
		const already = new Set(
			(await trx.selectFrom('reviews').select('state_code').where('cycle_id', '=', cycle.id).where('cluster_n', '=', opts.cluster).execute()).map((r) => r.state_code)
		);
		let states = opts.states;
		if (opts.wholeGroup) {
			// the start group's States as the lot put them, those not yet launched for the cluster
			const lot = drawn ? startGroups([...active], drawn.seed, cycle.startGroups) : new Map<string, number>();
			states = [...lot].filter(([code, n]) => n === opts.startGroup && !already.has(code)).map(([code]) => code);
			if (!states.length) throw new ReviewError('states', m.reviews_error_group_launched({ group: String(opts.startGroup), cluster: String(opts.cluster) }), 409);
		}
		const ids: number[] = [];
		for (const state of [...new Set(states)].sort()) {
			if (!active.has(state)) throw new ReviewError('states', m.reviews_error_no_reviewers({ state, cycle: cycle.id }));
			if (already.has(state)) throw new ReviewError('states', m.reviews_error_already_launched({ state, cluster: String(opts.cluster) }), 409);
			const row = { cycle_id: cycle.id, cluster_n: opts.cluster, state_code: state, start_group: opts.startGroup, launched_on: opts.on, stage: 'launched' as const, reached: JSON.stringify({ launched: opts.on }), summary: null, language };
			const { id } = await trx.insertInto('reviews').values(row).returning('id').executeTakeFirstOrThrow();
			ids.push(id);
			await audit.write(trx, [
				{ actor: opts.actor, action: 'launch', entity: 'review', entityId: id, summary: `review of ${state}, ${cycle.id} cluster ${opts.cluster}: launched on ${opts.on}`, before: null, after: row, sourceId: null, reason: null }
			]);
			const reviewers = (await trx.selectFrom('review_reviewers').select('reviewer_code').distinct().where('cycle_id', '=', cycle.id).where('state_code', '=', state).where('replaced_at', 'is', null).execute()).map((r) => r.reviewer_code);
			const stateName = (await trx.selectFrom('participants').select('name').where('code', '=', state).executeTakeFirst())?.name ?? state;
			const cluster = cycle.clusters.find((k) => k.n === opts.cluster)!;
			await notices.launched(trx, { reviewId: id, state, stateName, reviewers, cluster, on: opts.on, language, actorId: opts.actor.userId });
		}
		return ids;
	});
}

// ——— reading a review ———

export interface Item {
	instrument: string;
	instrumentTitle: string;
	article: string;
	articleTitle: string | null;
	confirmed: boolean;
	answer: { text: string; status: AnswerStatus | null; legislation: Legislation[]; version: number; updatedBy: string | null; updatedAt: string | null } | null;
	files: { id: number; name: string; size: number; uploadedBy: string; uploadedAt: string }[];
	comments: { id: number; kind: 'comment' | 'question' | 'answer'; parentId: number | null; body: string; author: string; participant: string | null; at: string }[];
	observations: { id: number; kind: ObservationKind; text: string; author: string; followUp: string | null; followUpEvidence: string | null; followUpOn: string | null; updatedAt: string }[];
}

export interface Review {
	id: number;
	version: number;
	cycle: config.Cycle;
	mechanism: config.Mechanism;
	cluster: config.Cluster;
	state: { code: string; name: string };
	startGroup: number | null;
	launchedOn: string | null;
	stage: string;
	reached: Record<string, string>;
	summary: string | null;
	/** Its working language: the questionnaire's words, its report and its e-mails are in it. */
	language: Locale;
	agreements: { underReview?: { by: string; on: string }; reviewers?: { by: string; on: string } };
	reviewers: { instrument: string; instrumentTitle: string; codes: string[]; names: string[] }[];
	people: { id: number; participant: string; role: 'focal-point' | 'expert'; name: string; userId: number | null; namedOn: string }[];
	parties: ReviewParties;
	items: Item[];
	/** The recommendations made to the same State in earlier cycles, with their follow-up: shown first. */
	previous: { review: number; cycle: string; instrument: string; article: string; text: string; followUp: string | null; evidence: string | null; on: string | null }[];
}

export async function get(db: Db, id: number): Promise<Review | null> {
	const row = await db.selectFrom('reviews').selectAll().where('id', '=', id).executeTakeFirst();
	if (!row) return null;
	const cycles = await config.cycles(db);
	const cycle = cycles.find((c) => c.id === row.cycle_id)!;
	const mechanism = (await config.mechanism(db, cycle.mechanismId))!;
	const cluster = cycle.clusters.find((k) => k.n === row.cluster_n)!;
	const record = await records.get(db);
	const name = (code: string) => record.participants.get(code)?.name ?? code;
	const title = (slug: string) => record.instruments.get(slug)?.instrument.short_title ?? slug;
	const [reviewerRows, people, answers, files, comments, observations] = await Promise.all([
		db.selectFrom('review_reviewers').selectAll().where('cycle_id', '=', row.cycle_id).where('state_code', '=', row.state_code).where('replaced_at', 'is', null).orderBy('id').execute(),
		db.selectFrom('review_people').selectAll().where('review_id', '=', id).orderBy('id').execute(),
		db.selectFrom('review_answers').selectAll().where('review_id', '=', id).execute(),
		db.selectFrom('review_files').select(['id', 'instrument_slug', 'article_number', 'name', 'size', 'uploaded_by', 'uploaded_at']).where('review_id', '=', id).where('removed_at', 'is', null).orderBy('id').execute(),
		db.selectFrom('review_comments').selectAll().where('review_id', '=', id).orderBy('id').execute(),
		db.selectFrom('review_observations').selectAll().where('review_id', '=', id).orderBy('id').execute()
	]);
	const instruments = [...new Set(reviewerRows.map((r) => r.instrument_slug))].sort((a, b) => mechanism.instruments.indexOf(a) - mechanism.instruments.indexOf(b));
	const reviewers = instruments.map((slug) => {
		const codes = reviewerRows.filter((r) => r.instrument_slug === slug).map((r) => r.reviewer_code);
		return { instrument: slug, instrumentTitle: title(slug), codes, names: codes.map(name) };
	});
	const at = (a: { instrument_slug: string; article_number: string }, i: { instrument: string; number: string }) => a.instrument_slug === i.instrument && a.article_number === i.number;
	// The questionnaire: the cluster's articles of the instruments the State is reviewed on.
	const items: Item[] = cluster.articles
		.filter((a) => instruments.includes(a.instrument))
		.sort((a, b) => mechanism.instruments.indexOf(a.instrument) - mechanism.instruments.indexOf(b.instrument) || Number(a.number) - Number(b.number))
		.map((a) => {
			const answer = answers.find((x) => at(x, a));
			return {
				instrument: a.instrument,
				instrumentTitle: title(a.instrument),
				article: a.number,
				articleTitle: a.title,
				confirmed: a.confirmed,
				answer: answer
					? { text: answer.text, status: answer.status, legislation: JSON.parse(answer.legislation), version: answer.version, updatedBy: answer.updated_by, updatedAt: answer.updated_at }
					: null,
				files: files.filter((f) => at(f, a)).map((f) => ({ id: f.id, name: f.name, size: f.size, uploadedBy: f.uploaded_by, uploadedAt: f.uploaded_at })),
				comments: comments.filter((c) => at(c, a)).map((c) => ({ id: c.id, kind: c.kind, parentId: c.parent_id, body: c.body, author: c.author, participant: c.author_participant, at: c.at })),
				observations: observations
					.filter((o) => at(o, a))
					.map((o) => ({ id: o.id, kind: o.kind, text: o.text, author: o.author, followUp: o.follow_up, followUpEvidence: o.follow_up_evidence, followUpOn: o.follow_up_on, updatedAt: o.updated_at }))
			};
		});
	const earlier = cycles.filter((c) => c.id !== cycle.id && c.starts < cycle.starts).map((c) => c.id);
	const previous = earlier.length
		? await db
				.selectFrom('review_observations as o')
				.innerJoin('reviews as r', 'r.id', 'o.review_id')
				.select(['r.id as review', 'r.cycle_id as cycle', 'o.instrument_slug as instrument', 'o.article_number as article', 'o.text', 'o.follow_up as followUp', 'o.follow_up_evidence as evidence', 'o.follow_up_on as on'])
				.where('r.state_code', '=', row.state_code)
				.where('r.cycle_id', 'in', earlier)
				.where('o.kind', '=', 'recommendation')
				.where('r.stage', '=', 'published')
				.orderBy('o.id')
				.execute()
		: [];
	return {
		id: row.id,
		version: row.version,
		previous,
		cycle,
		mechanism,
		cluster,
		state: { code: row.state_code, name: name(row.state_code) },
		startGroup: row.start_group,
		launchedOn: row.launched_on,
		stage: row.stage,
		reached: JSON.parse(row.reached),
		summary: row.summary,
		language: isLanguage(row.language) ? row.language : 'en',
		agreements: JSON.parse(row.agreements),
		reviewers,
		people: people.map((p) => ({ id: p.id, participant: p.participant_code, role: p.role, name: p.name, userId: p.user_id, namedOn: p.named_on })),
		parties: {
			state: row.state_code,
			reviewers: [...new Set(reviewerRows.map((r) => r.reviewer_code))].sort(),
			...expertsBySide(row.state_code, [...new Set(reviewerRows.map((r) => r.reviewer_code))], people.map((p) => ({ role: p.role, participant: p.participant_code, userId: p.user_id })))
		},
		items
	};
}

/** The review, when `who` may read it; null when there is none or `who` takes no part in it (not even its existence is told). */
export async function readable(db: Db, id: number, who: Someone | null): Promise<Review | null> {
	const review = await get(db, id);
	return review && can(who, 'review.read', review.parties) ? review : null;
}

/** What the stage guards need to know of a review. */
export function facts(review: Review): stages.ReviewFacts {
	// an item the State says is not applicable to it is answered by saying so, and asks for no comment
	const notApplicable = (i: Item) => i.answer?.status === 'not-applicable';
	const answered = review.items.filter((i) => notApplicable(i) || (i.answer && i.answer.text.trim() && i.answer.status)).length;
	const questions = review.items.flatMap((i) => i.comments.filter((c) => c.kind === 'question'));
	const replied = new Set(review.items.flatMap((i) => i.comments.filter((c) => c.kind === 'answer').map((c) => c.parentId)));
	return {
		stage: stages.isStage(review.stage) ? review.stage : 'launched',
		launchedOn: review.launchedOn,
		reached: review.reached as stages.ReviewFacts['reached'],
		focalPointNamed: review.people.some((p) => p.role === 'focal-point' && p.participant === review.state.code),
		expertsNamed: review.parties.reviewers.length > 0 && review.parties.reviewers.every((code) => review.people.some((p) => p.role === 'expert' && p.participant === code)),
		itemsTotal: review.items.length,
		itemsAnswered: answered,
		openQuestions: questions.filter((q) => !replied.has(q.id)).length,
		reviewersCommentedAll: review.items.length > 0 && review.items.every((i) => notApplicable(i) || i.comments.some((c) => c.kind === 'comment' || c.kind === 'question')),
		observationsDrafted: review.items.some((i) => i.observations.length > 0),
		summaryDrafted: Boolean(review.summary?.trim()),
		agreedBy: { underReview: Boolean(review.agreements.underReview), reviewers: Boolean(review.agreements.reviewers) }
	};
}

/** The deadline settings of a review's mechanism, by key. */
export function stageSettings(review: Review): stages.StageSettings {
	return Object.fromEntries(Object.values(review.mechanism.settings).map((s) => [s.key, s.value]));
}

/** Review ids, with what the dashboard and the public pages show of them. */
export async function list(db: Db) {
	return db
		.selectFrom('reviews')
		.innerJoin('participants', 'participants.code', 'reviews.state_code')
		.select(['reviews.id', 'reviews.cycle_id', 'reviews.cluster_n', 'reviews.state_code', 'participants.name', 'reviews.start_group', 'reviews.launched_on', 'reviews.stage', 'reviews.reached', 'reviews.summary'])
		.orderBy('reviews.id')
		.execute();
}

/** The reviews launched in a cycle. */
export async function ofCycle(db: Db, cycleId: string) {
	return db.selectFrom('reviews').select(['id', 'state_code', 'cluster_n', 'stage']).where('cycle_id', '=', cycleId).orderBy('id').execute();
}
