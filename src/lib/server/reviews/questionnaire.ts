// The questionnaire of a country review: the State's draft answers (text, laws cited, a
// self-assessed status), the evidence attached to them, the reviewers' comments and
// clarification questions with the State's replies, and the observations drafted on each item.
// Each change asks who may make it, checks the version the page was loaded at, and is audited
// in its transaction.
import { createHash } from 'node:crypto';
import { inTransaction, type Db } from '../db';
import * as notices from './notices';
import { allowed, audited, itemOf, required, touch } from './change';
import { checkEvidence, MEDIA_TYPES } from './evidence';
import { answersOpen, ReviewError, type Legislation, type Person, type Review } from './reviews';
import { ANSWER_STATUSES, OBSERVATION_KINDS, type AnswerStatus, type ObservationKind } from '../../review/labels';
import { m } from '$lib/paraglide/messages';
import { number } from '$lib/i18n';

/** Saves the State's draft answer to one item (not submitted: clearing submits). */
export async function saveAnswer(
	db: Db,
	review: Review,
	person: Person,
	opts: { instrument: string; article: string; text: string; status: string | null; legislation: Legislation[]; basedOn: number | null }
) {
	allowed(person, 'review.answer', review.parties, 'answer');
	const item = itemOf(review, opts.instrument, opts.article);
	if (!answersOpen(review.stage)) {
		throw new ReviewError('stage', m.reviews_error_answers_closed(), 409);
	}
	const text = opts.text.trim();
	if (text.length > 20000) throw new ReviewError('text', m.reviews_error_answer_long({ count: number(text.length), max: number(20000) }));
	if (opts.status !== null && !(ANSWER_STATUSES as readonly string[]).includes(opts.status)) throw new ReviewError('status', m.reviews_error_not_a_status({ value: opts.status.slice(0, 30) }));
	const legislation = opts.legislation.map((l, i) => {
		const title = l.title.trim();
		const n = String(i + 1);
		if (!title) throw new ReviewError(`legislation_${i + 1}_title`, m.reviews_error_law_title_empty({ n }));
		if (title.length > 500) throw new ReviewError(`legislation_${i + 1}_title`, m.reviews_error_law_title_long({ n, max: number(500) }));
		const link = l.link?.trim() || null;
		if (link && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(link)) throw new ReviewError(`legislation_${i + 1}_link`, m.reviews_error_law_link({ n }));
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

/** Attaches an evidence file to an item, kept under a name with the extension its content gives. */
export async function addEvidence(db: Db, review: Review, person: Person, opts: { instrument: string; article: string; name: string; bytes: Uint8Array; basedOn: number | null }) {
	allowed(person, 'review.answer', review.parties, 'evidence');
	itemOf(review, opts.instrument, opts.article);
	const kind = checkEvidence(opts.name, opts.bytes);
	const base = opts.name.replace(/[^A-Za-z0-9._ -]+/g, '_').replace(/\.[^.]*$/, '').slice(0, 120) || 'evidence';
	const name = `${base}.${kind}`;
	await inTransaction(db, async (trx) => {
		await touch(trx, review, opts.basedOn);
		const row = {
			review_id: review.id, instrument_slug: opts.instrument, article_number: opts.article, name, media_type: MEDIA_TYPES[kind], size: opts.bytes.length,
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
	allowed(person, opts.kind === 'answer' ? 'review.reply' : 'review.comment', review.parties, opts.kind === 'answer' ? 'reply' : 'comment');
	const item = itemOf(review, opts.instrument, opts.article);
	const body = required('body', opts.body, 10000, 'text');
	if (opts.kind === 'answer') {
		const q = item.comments.find((c) => c.id === opts.parentId && c.kind === 'question');
		if (!q) throw new ReviewError('parent', m.reviews_error_reply_needs_question());
		if (item.comments.some((c) => c.kind === 'answer' && c.parentId === q.id)) throw new ReviewError('parent', m.reviews_error_answered_already(), 409);
	} else if (opts.parentId !== null) throw new ReviewError('parent', m.reviews_error_only_reply());
	if (review.stage !== 'self-assessment') throw new ReviewError('stage', m.reviews_error_comments_closed(), 409);
	await inTransaction(db, async (trx) => {
		await touch(trx, review, opts.basedOn);
		const row = { review_id: review.id, instrument_slug: opts.instrument, article_number: opts.article, kind: opts.kind, parent_id: opts.parentId, body, author: person.actor.label, author_participant: person.participant, at: new Date().toISOString() };
		const { id } = await trx.insertInto('review_comments').values(row).returning('id').executeTakeFirstOrThrow();
		await audited(trx, person, { action: opts.kind, entity: 'review', entityId: review.id, summary: `review ${review.id}: ${opts.kind} on ${opts.instrument} art. ${opts.article}`, before: null, after: { id, ...row }, reason: null });
		if (opts.kind !== 'comment') {
			const askedBy = opts.kind === 'answer' ? (item.comments.find((c) => c.id === opts.parentId)?.participant ?? null) : null;
			await notices.asked(trx, review, { kind: opts.kind, instrument: opts.instrument, instrumentTitle: item.instrumentTitle, article: opts.article, askedBy, actorId: person.id });
		}
	});
}

/** A reviewing State's expert drafts an observation on an item: a gap, a good practice, a technical-assistance need or a recommendation. */
export async function observe(db: Db, review: Review, person: Person, opts: { instrument: string; article: string; kind: string; text: string; basedOn: number | null }) {
	allowed(person, 'review.observe', review.parties, 'observe');
	itemOf(review, opts.instrument, opts.article);
	if (!(OBSERVATION_KINDS as readonly string[]).includes(opts.kind)) throw new ReviewError('kind', m.reviews_error_not_a_kind({ value: opts.kind.slice(0, 30) }));
	if (review.stage !== 'feedback') throw new ReviewError('stage', m.reviews_error_observations_closed(), 409);
	const text = required('text', opts.text, 10000, 'observation');
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
