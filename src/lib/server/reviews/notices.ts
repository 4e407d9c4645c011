// Who is told what, by e-mail, as a review goes on: written to the outbox (mail/outbox) by the
// writer of each change, in its transaction. A review launched tells the focal points of its
// States; a person named, that person; a stage moved, everyone taking part; a question asked,
// the State under review's side; an answer, the experts of the State that asked; a deadline
// near (REMIND_DAYS before it, 14 by default) or passed, those who must act, once each
// (`remind`, run by the server's daily round). The one who made the change is not told of it.
// Every message is written in the review's working language, whoever made the change and in
// whatever language their page was.
import type { Db, Trx } from '../db';
import * as outbox from '../mail/outbox';
import * as stages from '../../review/stages';
import { addDays } from '../../dates';
import { instrumentName, l, stateName, type Locale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import type { Cluster } from './config';
import type { Review } from './reviews';

export const REMIND_DAYS = 14;

interface Person {
	id: number;
	email: string;
}

/** The accounts of these States' focal points (by their role and State), and the accounts named on the review. */
async function people(trx: Trx | Db, opts: { reviewId: number | null; states: string[]; named?: 'all' | string[] }): Promise<Person[]> {
	const focal = opts.states.length
		? await trx.selectFrom('users').select(['id', 'email']).where('role', '=', 'focal-point').where('participant_code', 'in', opts.states).where('disabled_at', 'is', null).execute()
		: [];
	let named: Person[] = [];
	if (opts.reviewId !== null && opts.named) {
		let q = trx
			.selectFrom('review_people as p')
			.innerJoin('users as u', 'u.id', 'p.user_id')
			.select(['u.id', 'u.email'])
			.where('p.review_id', '=', opts.reviewId)
			.where('u.disabled_at', 'is', null);
		if (opts.named !== 'all') q = q.where('p.participant_code', 'in', opts.named.length ? opts.named : ['—']);
		named = await q.execute();
	}
	const seen = new Map<number, Person>();
	for (const p of [...focal, ...named]) seen.set(p.id, p);
	return [...seen.values()];
}

async function secretariat(trx: Trx | Db): Promise<Person[]> {
	return trx.selectFrom('users').select(['id', 'email']).where('role', '=', 'secretariat').where('disabled_at', 'is', null).execute();
}

function to(recipients: Person[], except: number | null, m: Omit<outbox.Message, 'userId' | 'email'>): outbox.Message[] {
	return recipients.filter((p) => p.id !== except).map((p) => ({ ...m, userId: p.id, email: p.email }));
}

/** The review's page in its working language: the e-mail is in it, so is the page it opens. */
const link = (id: number, language: Locale) => l(`/reviews/${id}`, language);

/** The State under review's name in the review's working language. */
function nameOf(review: Pick<Review, 'state' | 'language'>): string {
	return stateName(review.state.code, review.state.name, review.language);
}

export async function launched(
	trx: Trx,
	opts: { reviewId: number; state: string; stateName: string; reviewers: string[]; cluster: Pick<Cluster, 'n' | 'title'>; on: string; language: Locale; actorId: number | null }
) {
	const recipients = await people(trx, { reviewId: null, states: [opts.state, ...opts.reviewers] });
	const o = { locale: opts.language };
	const state = stateName(opts.state, opts.stateName, opts.language);
	await outbox.enqueue(
		trx,
		to(recipients, opts.actorId, {
			kind: 'launched', reviewId: opts.reviewId, link: link(opts.reviewId, opts.language),
			subject: m.reviews_mail_launched_subject({ state }, o),
			body: m.reviews_mail_launched_body({ state, n: String(opts.cluster.n), cluster: opts.cluster.title, on: opts.on }, o)
		})
	);
}

export async function named(trx: Trx, review: Review, opts: { userId: number | null; role: 'focal-point' | 'expert'; participant: string; actorId: number | null }) {
	if (opts.userId === null || opts.userId === opts.actorId) return;
	const user = await trx.selectFrom('users').select(['id', 'email']).where('id', '=', opts.userId).executeTakeFirst();
	if (!user) return;
	const o = { locale: review.language };
	const values = { participant: opts.participant, state: nameOf(review), cluster: review.cluster.title };
	await outbox.enqueue(trx, [
		{
			userId: user.id, email: user.email, kind: 'named', reviewId: review.id, link: link(review.id, review.language),
			subject: m.reviews_mail_named_subject({ state: values.state }, o),
			body: opts.role === 'expert' ? m.reviews_mail_named_expert_body(values, o) : m.reviews_mail_named_focal_point_body(values, o)
		}
	]);
}

export async function moved(trx: Trx, review: Review, opts: { to: stages.Stage; on: string; actorId: number | null }) {
	const recipients = await people(trx, { reviewId: review.id, states: [review.parties.state, ...review.parties.reviewers], named: 'all' });
	await outbox.enqueue(
		trx,
		to(recipients, opts.actorId, {
			kind: 'moved', reviewId: review.id, link: link(review.id, review.language),
			subject: m.reviews_mail_moved_subject({ state: nameOf(review), stage: stages.stageLabel(opts.to, review.language) }, { locale: review.language }),
			body: m.reviews_mail_moved_body({ state: nameOf(review), cluster: review.cluster.title, stage: stages.stageLabel(opts.to, review.language), on: opts.on }, { locale: review.language })
		})
	);
}

export async function asked(trx: Trx, review: Review, opts: { kind: 'question' | 'answer'; instrument: string; instrumentTitle: string; article: string; askedBy: string | null; actorId: number | null }) {
	// a question goes to the State under review's side; its answer to the experts of the State that asked
	const recipients =
		opts.kind === 'question'
			? await people(trx, { reviewId: review.id, states: [review.parties.state], named: [review.parties.state] })
			: await people(trx, { reviewId: review.id, states: [], named: opts.askedBy ? [opts.askedBy] : review.parties.reviewers.slice() });
	const o = { locale: review.language };
	const values = { state: nameOf(review), instrument: instrumentName(opts.instrument, opts.instrumentTitle, review.language).text, article: opts.article };
	await outbox.enqueue(
		trx,
		to(recipients, opts.actorId, {
			kind: opts.kind, reviewId: review.id, link: `${link(review.id, review.language)}#item-${opts.instrument}-${opts.article}`,
			subject: opts.kind === 'question' ? m.reviews_mail_question_subject(values, o) : m.reviews_mail_answer_subject(values, o),
			body: opts.kind === 'question' ? m.reviews_mail_question_body(values, o) : m.reviews_mail_answer_body(values, o)
		})
	);
}

/** Who acts to reach each stage: the State under review's side, the reviewing side, both, or the secretariat. */
const WHO_ACTS: Record<stages.Stage, 'state' | 'reviewers' | 'both' | 'secretariat'> = {
	launched: 'secretariat',
	'focal-point-named': 'state',
	'experts-named': 'both',
	'self-assessment': 'state',
	feedback: 'reviewers',
	observations: 'reviewers',
	agreed: 'both',
	published: 'secretariat'
};

/**
 * The reminders due on `today`: for each review not published, its next stage's deadline within
 * `days` (a reminder) or passed (overdue) — each written once (its dedupe key names the review,
 * stage and deadline), to those who must act. Returns how many were written.
 */
export async function remind(db: Db, opts: { today: string; days?: number; reviews: Review[] }): Promise<number> {
	const days = opts.days ?? REMIND_DAYS;
	let n = 0;
	for (const review of opts.reviews) {
		if (!stages.isStage(review.stage) || review.stage === 'published') continue;
		const facts = { stage: review.stage, launchedOn: review.launchedOn, reached: review.reached as stages.ReviewFacts['reached'] };
		const next = stages.next(facts);
		const settings = Object.fromEntries(Object.values(review.mechanism.settings).map((s) => [s.key, s.value]));
		const due = next ? stages.deadlines(facts, settings)[next] : null;
		if (!next || !due || addDays(opts.today, days) < due) continue;
		const late = due < opts.today;
		const side = WHO_ACTS[next];
		const states = side === 'state' ? [review.parties.state] : side === 'reviewers' ? [...review.parties.reviewers] : side === 'both' ? [review.parties.state, ...review.parties.reviewers] : [];
		const recipients = [...(await people(db, { reviewId: review.id, states, named: states })), ...(side === 'secretariat' || late ? await secretariat(db) : [])];
		const unique = [...new Map(recipients.map((p) => [p.id, p])).values()];
		const o = { locale: review.language };
		const values = { stage: stages.stageLabel(next, review.language), state: nameOf(review), due };
		n += await outbox.enqueue(
			db,
			to(unique, null, {
				kind: late ? 'overdue' : 'due', reviewId: review.id, link: link(review.id, review.language), dedupe: `${late ? 'overdue' : 'due'}:${review.id}:${next}:${due}`,
				subject: late ? m.reviews_mail_overdue_subject(values, o) : m.reviews_mail_due_subject(values, o),
				body: late ? m.reviews_mail_overdue_body(values, o) : m.reviews_mail_due_body(values, o)
			}).map((x) => ({ ...x, dedupe: `${x.dedupe}:${x.userId}` }))
		);
	}
	return n;
}
