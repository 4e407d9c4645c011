// Country reviews: launched for the States a draw gave reviewers, per cluster; the people
// named for them; the questionnaire (one item per article of the cluster, per instrument the
// State is reviewed on) with its answers, evidence, comments and clarification threads; the
// observations; the summary; and the moves through the stages. Every change is audited, in one
// transaction with it; a change made from a stale page is a conflict, never an overwrite.
import { createHash } from 'node:crypto';
import * as audit from '../audit/log';
import { inTransaction, type Db, type Trx } from '../db';
import { quote } from '../text/query';
import * as records from '../record/record';
import { isIsoDate, today as todayIso } from '../../dates';
import * as config from './config';
import * as stages from '../../review/stages';
import { ANSWER_STATUSES, FOLLOW_UPS, OBSERVATION_KINDS, type AnswerStatus, type ObservationKind } from '../../review/labels';

/** Who is acting on a review, and for which participant. */
export interface Person {
	actor: audit.Actor;
	userId: number | null;
	role: 'secretariat' | 'editor' | 'focal-point' | 'reviewer';
	participant: string | null;
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

// ——— who may do what on one review ———

export type ReviewAction = 'read' | 'answer' | 'clear' | 'reply' | 'comment' | 'observe' | 'name' | 'agree' | 'manage';

export interface Parties {
	state: string;
	/** reviewing States, all instruments */
	reviewers: string[];
	/** users named as experts of a reviewing State for this review */
	experts: number[];
	/** users named as experts of the State under review: the focal point's team */
	team: number[];
}

/** The experts named for a review, by side: those of a reviewing State, and the State under review's team. */
export function expertsBySide(state: string, reviewers: string[], people: { role: string; participant: string; userId: number | null }[]): Pick<Parties, 'experts' | 'team'> {
	const named = people.filter((p) => p.role === 'expert' && p.userId !== null);
	return {
		// a State drawn again out of the review takes its experts with it
		experts: named.filter((p) => reviewers.includes(p.participant)).map((p) => p.userId!),
		team: named.filter((p) => p.participant === state).map((p) => p.userId!)
	};
}

/**
 * What a person may do on a review: the secretariat everything; the State under review's focal
 * point answers, clears (submits), replies to clarification questions and agrees, and its team
 * (experts named for that State) drafts answers and replies; a reviewing State's focal point
 * names its experts and agrees; an expert named for a reviewing State (a reviewer account)
 * comments, asks and drafts observations. Nobody else sees its content.
 */
export function may(p: Person | null, action: ReviewAction, parties: Parties): boolean {
	if (!p) return false;
	if (p.role === 'secretariat') return true;
	const underReview = p.role === 'focal-point' && p.participant === parties.state;
	const reviewing = p.role === 'focal-point' && p.participant !== null && parties.reviewers.includes(p.participant);
	const expert = p.role === 'reviewer' && p.userId !== null && parties.experts.includes(p.userId);
	const team = p.role === 'reviewer' && p.userId !== null && parties.team.includes(p.userId);
	switch (action) {
		case 'read':
			return underReview || reviewing || expert || team;
		case 'answer':
		case 'reply':
			return underReview || team;
		case 'clear':
			return underReview;
		case 'comment':
		case 'observe':
			return expert;
		case 'name':
		case 'agree':
			return underReview || reviewing;
		case 'manage':
			return false;
	}
}

/** Whether the State's answers are still drafts: until the self-assessment is cleared. */
export function answersOpen(stage: string): boolean {
	return stages.isStage(stage) && !stages.hasReached({ stage }, 'self-assessment');
}

// ——— launching ———

/**
 * Launches the country reviews of one cluster for States a draw gave reviewers: one review per
 * State, in the start group given, from `on`. A State already under review for that cluster
 * is refused, naming it.
 */
export async function launch(
	db: Db,
	opts: { cycleId: string; cluster: number; startGroup: number | null; states: string[]; on: string; actor: audit.Actor }
): Promise<number[]> {
	const cycle = await config.cycle(db, opts.cycleId);
	if (!cycle) throw new ReviewError('cycle', `there is no cycle “${quote(opts.cycleId)}”`, 404);
	if (!cycle.clusters.some((k) => k.n === opts.cluster)) throw new ReviewError('cluster', `cycle ${cycle.id} has no cluster ${opts.cluster}`);
	if (opts.startGroup !== null && !cycle.startGroups.some((g) => g.n === opts.startGroup)) throw new ReviewError('start_group', `cycle ${cycle.id} has no start group ${opts.startGroup}`);
	if (opts.on < cycle.starts) throw new ReviewError('on', `a review of this cycle cannot start before the cycle (${cycle.starts})`);
	if (!opts.states.length) throw new ReviewError('states', 'choose at least one State to review');
	return inTransaction(db, async (trx) => {
		const drawn = new Set((await trx.selectFrom('review_reviewers').select('state_code').where('cycle_id', '=', cycle.id).where('replaced_at', 'is', null).execute()).map((r) => r.state_code));
		const already = new Set(
			(await trx.selectFrom('reviews').select('state_code').where('cycle_id', '=', cycle.id).where('cluster_n', '=', opts.cluster).execute()).map((r) => r.state_code)
		);
		const ids: number[] = [];
		for (const state of [...new Set(opts.states)].sort()) {
			if (!drawn.has(state)) throw new ReviewError('states', `${state} has no reviewers drawn in cycle ${cycle.id}: draw lots first`);
			if (already.has(state)) throw new ReviewError('states', `${state} is already under review for cluster ${opts.cluster}`, 409);
			const row = { cycle_id: cycle.id, cluster_n: opts.cluster, state_code: state, start_group: opts.startGroup, launched_on: opts.on, stage: 'launched', reached: JSON.stringify({ launched: opts.on }), summary: null };
			const { id } = await trx.insertInto('reviews').values(row).returning('id').executeTakeFirstOrThrow();
			ids.push(id);
			await audit.write(trx, [
				{ actor: opts.actor, action: 'launch', entity: 'review', entityId: id, summary: `review of ${state}, ${cycle.id} cluster ${opts.cluster}: launched on ${opts.on}`, before: null, after: row, sourceId: null, reason: null }
			]);
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
	agreements: { underReview?: { by: string; on: string }; reviewers?: { by: string; on: string } };
	reviewers: { instrument: string; instrumentTitle: string; codes: string[]; names: string[] }[];
	people: { id: number; participant: string; role: 'focal-point' | 'expert'; name: string; userId: number | null; namedOn: string }[];
	parties: Parties;
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

// ——— changes ———

/**
 * Every change to a review bumps its version, checked against the database inside the change's
 * transaction: a form sent from an older page (`basedOn`), or a change decided on a review read
 * before someone else's change, is a conflict.
 */
async function touch(trx: Trx, review: Review, basedOn: number | null): Promise<void> {
	const row = await trx.selectFrom('reviews').select('version').where('id', '=', review.id).executeTakeFirstOrThrow();
	const seen = basedOn ?? review.version;
	if (seen !== row.version || review.version !== row.version) {
		throw new ReviewError('version', `the review changed since this page was loaded (version ${seen}, now ${row.version}): reload it and make the change again`, 409);
	}
	await trx.updateTable('reviews').set({ version: row.version + 1 }).where('id', '=', review.id).execute();
}

function itemOf(review: Review, instrument: string, article: string): Item {
	const item = review.items.find((i) => i.instrument === instrument && i.article === article);
	if (!item) throw new ReviewError('item', `article ${article} of ${instrument} is not an item of this review`, 404);
	return item;
}

function required(field: string, value: string, max: number, what: string): string {
	const v = value.trim();
	if (!v) throw new ReviewError(field, `${what} is empty`);
	if (v.length > max) throw new ReviewError(field, `${what} has ${v.length.toLocaleString('en')} characters; at most ${max.toLocaleString('en')}`);
	return v;
}

/** Review work is not the treaty record: its entries move the public state when the public sees them (audit/changes.ts), never the record's revision. */
async function audited(trx: Trx, person: Person, entry: Omit<audit.Entry<'review'>, 'actor' | 'sourceId'>) {
	await audit.write(trx, [{ ...entry, actor: person.actor, sourceId: null }]);
}

export async function nameSomeone(db: Db, review: Review, person: Person, opts: { participant: string; role: 'focal-point' | 'expert'; name: string; userId: number | null; basedOn: number | null }) {
	if (![review.parties.state, ...review.parties.reviewers].includes(opts.participant)) throw new ReviewError('participant', `${opts.participant} takes no part in this review`);
	if (person.role !== 'secretariat' && person.participant !== opts.participant) throw new ReviewError('participant', 'a focal point names the people of its own State', 403);
	const name = required('name', opts.name, 200, 'the name');
	await inTransaction(db, async (trx) => {
		await touch(trx, review, opts.basedOn);
		if (opts.userId !== null) {
			const user = await trx.selectFrom('users').select(['id', 'role', 'participant_code', 'disabled_at']).where('id', '=', opts.userId).executeTakeFirst();
			if (!user || user.disabled_at) throw new ReviewError('user', 'no such account');
			if (opts.role === 'expert' && user.role !== 'reviewer') throw new ReviewError('user', 'an expert’s account has the reviewer role');
			if (opts.role === 'expert' && user.participant_code !== opts.participant) {
				throw new ReviewError('user', user.participant_code ? `that account is an expert of ${user.participant_code}, not of ${opts.participant}` : 'that account belongs to no State yet: the secretariat sets it on the account first');
			}
			if (opts.role === 'focal-point' && (user.role !== 'focal-point' || user.participant_code !== opts.participant)) throw new ReviewError('user', `a focal point’s account is a focal point of ${opts.participant}`);
			const elsewhere = review.people.find((p) => p.userId === opts.userId && p.participant !== opts.participant);
			if (elsewhere) throw new ReviewError('user', `that account is already named for ${elsewhere.participant} in this review: one account speaks for one State`);
		}
		const row = { review_id: review.id, participant_code: opts.participant, role: opts.role, name, user_id: opts.userId, named_on: todayIso() };
		await trx.insertInto('review_people').values(row).execute();
		await audited(trx, person, { action: 'name', entity: 'review', entityId: review.id, summary: `review ${review.id}: ${opts.role} of ${opts.participant} named: ${name}`, before: null, after: row, reason: null });
	});
}

/** Saves the State's draft answer to one item (not submitted: clearing submits). */
export async function saveAnswer(
	db: Db,
	review: Review,
	person: Person,
	opts: { instrument: string; article: string; text: string; status: string | null; legislation: Legislation[]; basedOn: number | null }
) {
	const item = itemOf(review, opts.instrument, opts.article);
	if (!answersOpen(review.stage)) {
		throw new ReviewError('stage', 'the self-assessment has been cleared and submitted: answers can no longer be changed', 409);
	}
	const text = opts.text.trim();
	if (text.length > 20000) throw new ReviewError('text', `the answer has ${text.length.toLocaleString('en')} characters; at most 20,000`);
	if (opts.status !== null && !(ANSWER_STATUSES as readonly string[]).includes(opts.status)) throw new ReviewError('status', `“${opts.status.slice(0, 30)}” is not a status`);
	const legislation = opts.legislation.map((l, i) => {
		const title = l.title.trim();
		if (!title) throw new ReviewError(`legislation_${i + 1}_title`, `law ${i + 1}: the title is empty`);
		if (title.length > 500) throw new ReviewError(`legislation_${i + 1}_title`, `law ${i + 1}: the title is longer than 500 characters`);
		const link = l.link?.trim() || null;
		if (link && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(link)) throw new ReviewError(`legislation_${i + 1}_link`, `law ${i + 1}: the link is not a web address (https://…)`);
		return { title, article: l.article?.trim().slice(0, 100) || null, link };
	});
	await inTransaction(db, async (trx) => {
		await touch(trx, review, opts.basedOn);
		const values = { text, status: opts.status as AnswerStatus | null, legislation: JSON.stringify(legislation), updated_by: person.actor.label, updated_at: new Date().toISOString() };
		if (item.answer) {
			await trx.updateTable('review_answers').set({ ...values, version: item.answer.version + 1 }).where('review_id', '=', review.id).where('instrument_slug', '=', opts.instrument).where('article_number', '=', opts.article).execute();
		} else {
			await trx.insertInto('review_answers').values({ review_id: review.id, instrument_slug: opts.instrument, article_number: opts.article, ...values }).execute();
		}
		await audited(trx, person, {
			action: 'answer', entity: 'review', entityId: review.id, summary: `review ${review.id}: answer to ${opts.instrument} art. ${opts.article} saved`,
			before: item.answer, after: { ...values, legislation }, reason: null
		});
	});
}

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

/** The kind of an evidence file from its bytes: a PDF, a Word document (.docx) or an OpenDocument text (.odt); null for anything else. */
export function evidenceKind(bytes: Uint8Array): 'pdf' | 'docx' | 'odt' | null {
	const head = Buffer.from(bytes.subarray(0, 4)).toString('latin1');
	if (head === '%PDF') return 'pdf';
	if (head !== 'PK\u0003\u0004') return null;
	// An ODT's first entry is an uncompressed "mimetype" naming it; a DOCX holds word/document.xml.
	const text = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 200_000))).toString('latin1');
	if (text.slice(30, 38) === 'mimetype' && text.includes('application/vnd.oasis.opendocument.text')) return 'odt';
	if (text.includes('word/document.xml') || text.includes('[Content_Types].xml')) return text.includes('word/') ? 'docx' : null;
	return null;
}

const MEDIA = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', odt: 'application/vnd.oasis.opendocument.text' } as const;

/** The kind of an evidence file, or why it is refused: empty, over 5 MB, or not a PDF/DOCX/ODT by its content. */
export function checkEvidence(name: string, bytes: Uint8Array): 'pdf' | 'docx' | 'odt' {
	if (bytes.length === 0) throw new ReviewError('evidence', `“${name}” is empty`);
	if (bytes.length > MAX_EVIDENCE_BYTES) throw new ReviewError('evidence', `“${name}” is ${(bytes.length / 1048576).toFixed(1)} MB; evidence files are at most 5 MB`);
	const kind = evidenceKind(bytes);
	if (!kind) throw new ReviewError('evidence', `“${name}” is not a PDF, Word (.docx) or OpenDocument (.odt) document, whatever its name says`);
	return kind;
}

export async function addEvidence(db: Db, review: Review, person: Person, opts: { instrument: string; article: string; name: string; bytes: Uint8Array; basedOn: number | null }) {
	itemOf(review, opts.instrument, opts.article);
	const kind = checkEvidence(opts.name, opts.bytes);
	const base = opts.name.replace(/[^A-Za-z0-9._ -]+/g, '_').replace(/\.[^.]*$/, '').slice(0, 120) || 'evidence';
	const name = `${base}.${kind}`;
	await inTransaction(db, async (trx) => {
		await touch(trx, review, opts.basedOn);
		const row = {
			review_id: review.id, instrument_slug: opts.instrument, article_number: opts.article, name, media_type: MEDIA[kind], size: opts.bytes.length,
			sha256: createHash('sha256').update(opts.bytes).digest('hex'), content: Buffer.from(opts.bytes), uploaded_by: person.actor.label, uploaded_at: new Date().toISOString(), removed_at: null
		};
		const { id } = await trx.insertInto('review_files').values(row).returning('id').executeTakeFirstOrThrow();
		const { content: _c, ...shown } = row;
		await audited(trx, person, { action: 'upload', entity: 'review', entityId: review.id, summary: `review ${review.id}: evidence ${name} for ${opts.instrument} art. ${opts.article}`, before: null, after: { id, ...shown }, reason: null });
	});
}

export async function evidenceFile(db: Db, reviewId: number, fileId: number) {
	return db.selectFrom('review_files').selectAll().where('review_id', '=', reviewId).where('id', '=', fileId).where('removed_at', 'is', null).executeTakeFirst();
}

/** A reviewer's comment or clarification question on an item, or the State's reply to a question. */
export async function comment(db: Db, review: Review, person: Person, opts: { instrument: string; article: string; kind: 'comment' | 'question' | 'answer'; parentId: number | null; body: string; basedOn: number | null }) {
	const item = itemOf(review, opts.instrument, opts.article);
	const body = required('body', opts.body, 10000, 'the text');
	if (opts.kind === 'answer') {
		const q = item.comments.find((c) => c.id === opts.parentId && c.kind === 'question');
		if (!q) throw new ReviewError('parent', 'a reply answers a clarification question of this item');
		if (item.comments.some((c) => c.kind === 'answer' && c.parentId === q.id)) throw new ReviewError('parent', 'this question is answered already', 409);
	} else if (opts.parentId !== null) throw new ReviewError('parent', 'only a reply has a question it answers');
	if (review.stage !== 'self-assessment') throw new ReviewError('stage', 'comments and clarification questions come once the self-assessment is cleared, until the feedback is given', 409);
	await inTransaction(db, async (trx) => {
		await touch(trx, review, opts.basedOn);
		const row = { review_id: review.id, instrument_slug: opts.instrument, article_number: opts.article, kind: opts.kind, parent_id: opts.parentId, body, author: person.actor.label, author_participant: person.participant, at: new Date().toISOString() };
		const { id } = await trx.insertInto('review_comments').values(row).returning('id').executeTakeFirstOrThrow();
		await audited(trx, person, { action: opts.kind, entity: 'review', entityId: review.id, summary: `review ${review.id}: ${opts.kind} on ${opts.instrument} art. ${opts.article}`, before: null, after: { id, ...row }, reason: null });
	});
}

export async function observe(db: Db, review: Review, person: Person, opts: { instrument: string; article: string; kind: string; text: string; basedOn: number | null }) {
	itemOf(review, opts.instrument, opts.article);
	if (!(OBSERVATION_KINDS as readonly string[]).includes(opts.kind)) throw new ReviewError('kind', `“${opts.kind.slice(0, 30)}” is not a kind of observation`);
	if (review.stage !== 'feedback') throw new ReviewError('stage', 'observations are drafted once the written feedback is given', 409);
	const text = required('text', opts.text, 10000, 'the observation');
	await inTransaction(db, async (trx) => {
		await touch(trx, review, opts.basedOn);
		const row = {
			review_id: review.id, instrument_slug: opts.instrument, article_number: opts.article, kind: opts.kind as ObservationKind, text,
			follow_up: opts.kind === 'recommendation' ? ('not-started' as const) : null, follow_up_evidence: null, follow_up_on: null, author: person.actor.label, updated_at: new Date().toISOString()
		};
		const { id } = await trx.insertInto('review_observations').values(row).returning('id').executeTakeFirstOrThrow();
		await audited(trx, person, { action: 'observe', entity: 'review', entityId: review.id, summary: `review ${review.id}: ${opts.kind} on ${opts.instrument} art. ${opts.article}`, before: null, after: { id, ...row }, reason: null });
	});
}

export async function setSummary(db: Db, review: Review, person: Person, opts: { summary: string; basedOn: number | null }) {
	if (review.stage !== 'feedback' && review.stage !== 'observations') throw new ReviewError('stage', 'the summary is drafted with the list of observations', 409);
	const summary = required('summary', opts.summary, 20000, 'the summary');
	await inTransaction(db, async (trx) => {
		await touch(trx, review, opts.basedOn);
		// a changed summary is agreed again
		await trx.updateTable('reviews').set({ summary, agreements: '{}' }).where('id', '=', review.id).execute();
		await audited(trx, person, { action: 'summary', entity: 'review', entityId: review.id, summary: `review ${review.id}: summary drafted`, before: { summary: review.summary }, after: { summary }, reason: null });
	});
}

/** Moves a review one stage on (or, for the secretariat with a reason, one back), as the stage rules allow, recording the day. */
export async function moveTo(db: Db, review: Review, person: Person, opts: { to: string; on: string; reason: string | null; basedOn: number | null }) {
	if (!stages.isStage(opts.to)) throw new ReviewError('to', `“${opts.to.slice(0, 40)}” is not a stage`);
	const current = facts(review);
	const verdict = stages.canMove(current, { parties: review.parties, actor: { role: person.role, participant: person.participant }, to: opts.to, reason: opts.reason });
	if (!verdict.ok) throw new ReviewError('stage', verdict.reason, 409);
	const after = stages.move(current, { to: opts.to, today: opts.on });
	await inTransaction(db, async (trx) => {
		await touch(trx, review, opts.basedOn);
		const back = stages.STAGES.indexOf(opts.to as stages.Stage) < stages.STAGES.indexOf(current.stage);
		await trx
			.updateTable('reviews')
			.set({ stage: opts.to, reached: JSON.stringify(after.reached), ...(back ? { agreements: '{}' } : {}) })
			.where('id', '=', review.id)
			.execute();
		await audited(trx, person, {
			action: 'move', entity: 'review', entityId: review.id, summary: `review ${review.id} of ${review.state.code}: ${review.stage} → ${opts.to}`,
			before: { stage: review.stage, reached: review.reached }, after: { stage: opts.to, reached: after.reached }, reason: opts.reason
		});
	});
}

/** The redraws a State under review has had in the review's cycle, and how many the mechanism allows. */
export async function redraws(db: Db, review: Review) {
	const rows = await db
		.selectFrom('review_reviewers')
		.select(['reviewer_code', 'replaced_at', 'replaced_reason'])
		.where('cycle_id', '=', review.cycle.id)
		.where('state_code', '=', review.state.code)
		.where('replaced_at', 'is not', null)
		.orderBy('id')
		.execute();
	const seen = new Map<string, { reviewer: string; on: string; reason: string | null }>();
	for (const r of rows) if (!seen.has(r.reviewer_code)) seen.set(r.reviewer_code, { reviewer: r.reviewer_code, on: r.replaced_at!.slice(0, 10), reason: r.replaced_reason });
	const max = review.mechanism.settings.max_redraws?.value;
	return { used: [...seen.values()], max: typeof max === 'number' ? max : null, confirmed: review.mechanism.settings.max_redraws?.confirmed ?? false };
}

/** The focal point of one side agrees to the list of observations and its summary. */
export async function agree(db: Db, review: Review, person: Person, opts: { basedOn: number | null }) {
	if (review.stage !== 'observations') throw new ReviewError('stage', 'the focal points agree once the list of observations and its summary are drafted', 409);
	const side = person.participant === review.parties.state ? 'underReview' : person.participant && review.parties.reviewers.includes(person.participant) ? 'reviewers' : null;
	if (person.role !== 'focal-point' || !side) throw new ReviewError('agree', 'only the focal point of the State under review or of a reviewing State agrees', 403);
	await inTransaction(db, async (trx) => {
		await touch(trx, review, opts.basedOn);
		const agreements = { ...review.agreements, [side]: { by: person.actor.label, on: todayIso() } };
		await trx.updateTable('reviews').set({ agreements: JSON.stringify(agreements) }).where('id', '=', review.id).execute();
		await audited(trx, person, { action: 'agree', entity: 'review', entityId: review.id, summary: `review ${review.id}: agreed by ${person.participant}`, before: review.agreements, after: agreements, reason: null });
	});
}

/** What the stage guards need to know of a review. */
export function facts(review: Review): stages.ReviewFacts {
	const answered = review.items.filter((i) => i.answer && i.answer.text.trim() && i.answer.status).length;
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
		reviewersCommentedAll: review.items.length > 0 && review.items.every((i) => i.comments.some((c) => c.kind === 'comment' || c.kind === 'question')),
		observationsDrafted: review.items.some((i) => i.observations.length > 0),
		summaryDrafted: Boolean(review.summary?.trim()),
		agreedBy: { underReview: Boolean(review.agreements.underReview), reviewers: Boolean(review.agreements.reviewers) }
	};
}

/** The deadline settings of a review's mechanism, by key. */
export function stageSettings(review: Review): stages.StageSettings {
	return Object.fromEntries(Object.values(review.mechanism.settings).map((s) => [s.key, s.value]));
}

/** The follow-up of a recommendation of a published review: its status, with evidence and a date (the State under review or the secretariat). */
export async function followUp(db: Db, review: Review, person: Person, opts: { observation: number; status: string; evidence: string; on: string; basedOn: number | null }) {
	if (review.stage !== 'published') throw new ReviewError('stage', 'recommendations are followed up once the review is published', 409);
	const o = review.items.flatMap((i) => i.observations).find((x) => x.id === opts.observation && x.kind === 'recommendation');
	if (!o) throw new ReviewError('observation', 'that recommendation is not in this review', 404);
	if (!(FOLLOW_UPS as readonly string[]).includes(opts.status)) throw new ReviewError('status', `“${opts.status.slice(0, 30)}” is not a follow-up status`);
	if (!isIsoDate(opts.on) || opts.on > todayIso()) throw new ReviewError('on', `“${opts.on.slice(0, 20)}” is not a day up to today (YYYY-MM-DD)`);
	const evidence = opts.evidence.trim();
	if (evidence.length > 5000) throw new ReviewError('evidence', 'the evidence has more than 5,000 characters');
	await inTransaction(db, async (trx) => {
		await touch(trx, review, opts.basedOn);
		const after = { follow_up: opts.status as (typeof FOLLOW_UPS)[number], follow_up_evidence: evidence || null, follow_up_on: opts.on, updated_at: new Date().toISOString() };
		await trx.updateTable('review_observations').set(after).where('id', '=', o.id).execute();
		await audited(trx, person, { action: 'follow-up', entity: 'review', entityId: review.id, summary: `review ${review.id}: recommendation ${o.id} is ${opts.status}`, before: { follow_up: o.followUp, follow_up_evidence: o.followUpEvidence, follow_up_on: o.followUpOn }, after, reason: null });
	});
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
