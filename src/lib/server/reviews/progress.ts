// How a country review goes on: the people named for it, the moves through its stages, the
// summary of the list of observations, each side's agreement, the follow-up of its
// recommendations once published, the redraws its State asked for, and the stages it reached as
// its audit log tells them. Who may make each change is asked of accounts/permissions; what a
// stage needs before a review enters it is the stage rules' (src/lib/review/stages).
import { inTransaction, type Db } from '../db';
import { can, refusal, relation } from '../accounts/permissions';
import { isIsoDate, today as todayIso } from '../../dates';
import * as stages from '../../review/stages';
import { FOLLOW_UPS } from '../../review/labels';
import { allowed, audited, required, touch } from './change';
import * as notices from './notices';
import { facts, isLanguage, ReviewError, type Person, type Review } from './reviews';
import { m } from '$lib/paraglide/messages';
import { number } from '$lib/i18n';

/** Names a focal point or a governmental expert of one of the review's States, with the account that acts for them (or none). */
export async function nameSomeone(db: Db, review: Review, person: Person, opts: { participant: string; role: 'focal-point' | 'expert'; name: string; userId: number | null; basedOn: number | null }) {
	if (![review.parties.state, ...review.parties.reviewers].includes(opts.participant)) throw new ReviewError('participant', m.reviews_error_no_part({ participant: opts.participant }));
	allowed(person, 'review.name', { ...review.parties, for: opts.participant }, 'participant');
	const name = required('name', opts.name, 200, 'name');
	await inTransaction(db, async (trx) => {
		await touch(trx, review, opts.basedOn);
		if (opts.userId !== null) {
			const user = await trx.selectFrom('users').select(['id', 'role', 'participant_code', 'disabled_at']).where('id', '=', opts.userId).executeTakeFirst();
			if (!user || user.disabled_at) throw new ReviewError('user', m.reviews_error_no_account());
			if (opts.role === 'expert' && user.role !== 'reviewer') throw new ReviewError('user', m.reviews_error_expert_role());
			if (opts.role === 'expert' && user.participant_code !== opts.participant) {
				throw new ReviewError('user', user.participant_code ? m.reviews_error_expert_of({ of: user.participant_code, participant: opts.participant }) : m.reviews_error_account_no_state());
			}
			if (opts.role === 'focal-point' && (user.role !== 'focal-point' || user.participant_code !== opts.participant)) throw new ReviewError('user', m.reviews_error_focal_point_of({ participant: opts.participant }));
			const elsewhere = review.people.find((p) => p.userId === opts.userId && p.participant !== opts.participant);
			if (elsewhere) throw new ReviewError('user', m.reviews_error_named_elsewhere({ participant: elsewhere.participant }));
		}
		const row = { review_id: review.id, participant_code: opts.participant, role: opts.role, name, user_id: opts.userId, named_on: todayIso() };
		await trx.insertInto('review_people').values(row).execute();
		await audited(trx, person, { action: 'name', entity: 'review', entityId: review.id, summary: `review ${review.id}: ${opts.role} of ${opts.participant} named: ${name}`, before: null, after: row, reason: null });
		await notices.named(trx, review, { userId: opts.userId, role: opts.role, participant: opts.participant, actorId: person.id });
	});
}

/** The secretariat drafts the summary of the list of observations; a changed summary is agreed again. */
export async function setSummary(db: Db, review: Review, person: Person, opts: { summary: string; basedOn: number | null }) {
	allowed(person, 'review.summarise', review.parties, 'summary');
	if (review.stage !== 'feedback' && review.stage !== 'observations') throw new ReviewError('stage', m.reviews_error_summary_stage(), 409);
	const summary = required('summary', opts.summary, 20000, 'summary');
	await inTransaction(db, async (trx) => {
		await touch(trx, review, opts.basedOn);
		// a changed summary is agreed again
		await trx.updateTable('reviews').set({ summary, agreements: '{}' }).where('id', '=', review.id).execute();
		await audited(trx, person, { action: 'summary', entity: 'review', entityId: review.id, summary: `review ${review.id}: summary drafted`, before: { summary: review.summary }, after: { summary }, reason: null });
	});
}

/**
 * May `person` move the review to `to` now? Who may is asked first (accounts/permissions'
 * `STAGE_MOVERS`), then what the stage rules need (one stage at a time, a reason to go back,
 * what the stage needs).
 */
export function moveVerdict(review: Review, person: Person | null, opts: { to: stages.Stage; reason?: string | null; override?: boolean }): stages.Verdict {
	const current = facts(review);
	const move = { ...review.parties, from: current.stage, to: opts.to };
	if (!can(person, 'review.move', move)) return { ok: false, reason: refusal(person, 'review.move', move) };
	// overriding a gate is the secretariat's, who manages the reviews
	if (opts.override && !can(person, 'reviews.manage')) return { ok: false, reason: m.reviews_error_override_secretariat() };
	return stages.canMove(current, opts);
}

/** Moves a review one stage on (or, for the secretariat with a reason, one back), as the stage rules allow, recording the day. */
export async function moveTo(db: Db, review: Review, person: Person, opts: { to: string; on: string; reason: string | null; basedOn: number | null; override?: boolean }) {
	if (!stages.isStage(opts.to)) throw new ReviewError('to', m.reviews_error_not_a_stage({ value: opts.to.slice(0, 40) }));
	const to = opts.to;
	const verdict = moveVerdict(review, person, { to, reason: opts.reason, override: opts.override });
	if (!verdict.ok) throw new ReviewError('stage', verdict.reason, 409);
	const current = facts(review);
	// what the move passed over, kept in its audit entry (in English, as the log is) and shown on the review
	const overridden = opts.override ? stages.gaps(current, to, 'en') : [];
	const after = stages.move(current, { to, today: opts.on });
	await inTransaction(db, async (trx) => {
		await touch(trx, review, opts.basedOn);
		const back = stages.STAGES.indexOf(to) < stages.STAGES.indexOf(current.stage);
		await trx
			.updateTable('reviews')
			.set({ stage: to, reached: JSON.stringify(after.reached), ...(back ? { agreements: '{}' } : {}) })
			.where('id', '=', review.id)
			.execute();
		await audited(trx, person, {
			action: 'move', entity: 'review', entityId: review.id, summary: `review ${review.id} of ${review.state.code}: ${review.stage} → ${to}`,
			before: { stage: review.stage, reached: review.reached }, after: { stage: to, reached: after.reached, ...(overridden.length ? { overridden } : {}) }, reason: opts.reason
		});
		await notices.moved(trx, review, { to, on: opts.on, actorId: person.id });
	});
}

/** The focal point of one side agrees to the list of observations and its summary. */
export async function agree(db: Db, review: Review, person: Person, opts: { basedOn: number | null }) {
	if (review.stage !== 'observations') throw new ReviewError('stage', m.reviews_error_agree_stage(), 409);
	allowed(person, 'review.agree', review.parties, 'agree');
	const side = relation(person, review.parties) === 'focal-point-under-review' ? 'underReview' : 'reviewers';
	await inTransaction(db, async (trx) => {
		await touch(trx, review, opts.basedOn);
		const agreements = { ...review.agreements, [side]: { by: person.actor.label, on: todayIso() } };
		await trx.updateTable('reviews').set({ agreements: JSON.stringify(agreements) }).where('id', '=', review.id).execute();
		await audited(trx, person, { action: 'agree', entity: 'review', entityId: review.id, summary: `review ${review.id}: agreed by ${person.participant}`, before: review.agreements, after: agreements, reason: null });
	});
}

/** The follow-up of a recommendation of a published review: its status, with evidence and a date (the State under review or the secretariat). */
export async function followUp(db: Db, review: Review, person: Person, opts: { observation: number; status: string; evidence: string; on: string; basedOn: number | null }) {
	allowed(person, 'review.follow-up', review.parties, 'observation');
	if (review.stage !== 'published') throw new ReviewError('stage', m.reviews_error_follow_up_stage(), 409);
	const o = review.items.flatMap((i) => i.observations).find((x) => x.id === opts.observation && x.kind === 'recommendation');
	if (!o) throw new ReviewError('observation', m.reviews_error_no_recommendation(), 404);
	if (!(FOLLOW_UPS as readonly string[]).includes(opts.status)) throw new ReviewError('status', m.reviews_error_not_a_follow_up({ value: opts.status.slice(0, 30) }));
	if (!isIsoDate(opts.on) || opts.on > todayIso()) throw new ReviewError('on', m.reviews_error_not_a_day({ value: opts.on.slice(0, 20) }));
	const evidence = opts.evidence.trim();
	if (evidence.length > 5000) throw new ReviewError('evidence', m.reviews_error_evidence_long({ max: number(5000) }));
	await inTransaction(db, async (trx) => {
		await touch(trx, review, opts.basedOn);
		const after = { follow_up: opts.status as (typeof FOLLOW_UPS)[number], follow_up_evidence: evidence || null, follow_up_on: opts.on, updated_at: new Date().toISOString() };
		await trx.updateTable('review_observations').set(after).where('id', '=', o.id).execute();
		await audited(trx, person, { action: 'follow-up', entity: 'review', entityId: review.id, summary: `review ${review.id}: recommendation ${o.id} is ${opts.status}`, before: { follow_up: o.followUp, follow_up_evidence: o.followUpEvidence, follow_up_on: o.followUpOn }, after, reason: null });
	});
}

/**
 * The secretariat changes a review's working language (the questionnaire's words, its report and
 * the e-mails about it from then on); the answers already given stay as they were typed.
 */
export async function setLanguage(db: Db, review: Review, person: Person, opts: { language: string; basedOn: number | null }) {
	if (!can(person, 'reviews.manage')) throw new ReviewError('language', refusal(person, 'reviews.manage'), 403);
	if (!isLanguage(opts.language)) throw new ReviewError('language', m.reviews_error_language({ value: opts.language.slice(0, 20) }));
	if (opts.language === review.language) return;
	const language = opts.language;
	await inTransaction(db, async (trx) => {
		await touch(trx, review, opts.basedOn);
		await trx.updateTable('reviews').set({ language }).where('id', '=', review.id).execute();
		await audited(trx, person, { action: 'language', entity: 'review', entityId: review.id, summary: `review ${review.id}: working language ${review.language} → ${language}`, before: { language: review.language }, after: { language }, reason: null });
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

/**
 * The stages a review reached, newest first, as its audit log tells them (a launch, each move):
 * what the review's Atom feed says. Only the stages and their days, which the dashboard shows
 * anyone too. Null when there is no such review.
 */
export async function stageLog(db: Db, id: number) {
	const review = await db
		.selectFrom('reviews')
		.innerJoin('participants', 'participants.code', 'reviews.state_code')
		.select(['reviews.id', 'reviews.cycle_id as cycle', 'reviews.cluster_n as cluster', 'reviews.state_code as state', 'participants.name as stateName'])
		.where('reviews.id', '=', id)
		.executeTakeFirst();
	if (!review) return null;
	const entries = await db
		.selectFrom('audit_log')
		.select(['id', 'at', 'action', 'after'])
		.where('entity', '=', 'review')
		.where('entity_id', '=', String(id))
		.where('action', 'in', ['launch', 'move'])
		.orderBy('id', 'desc')
		.limit(100)
		.execute();
	return {
		review,
		reached: entries.map((e) => ({ entry: e.id, at: e.at, stage: e.action === 'launch' ? 'launched' : ((JSON.parse(e.after ?? '{}') as { stage?: string }).stage ?? '') }))
	};
}

/** The gates the secretariat overrode on a review, as its audit log tells them: the stage, what it lacked, why, by whom and when. */
export async function overrides(db: Db, id: number) {
	const entries = await db
		.selectFrom('audit_log')
		.select(['at', 'after', 'reason', 'actor'])
		.where('entity', '=', 'review')
		.where('entity_id', '=', String(id))
		.where('action', '=', 'move')
		.orderBy('id')
		.execute();
	return entries.flatMap((e) => {
		const after = JSON.parse(e.after ?? '{}') as { stage?: string; overridden?: string[] };
		return after.overridden?.length ? [{ stage: after.stage ?? '', lacked: after.overridden, reason: e.reason ?? '', on: e.at.slice(0, 10) }] : [];
	});
}
