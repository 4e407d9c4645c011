// Who is told what, by e-mail, as a review goes on: written to the outbox (mail/outbox) by the
// writer of each change, in its transaction. A review launched tells the focal points of its
// States; a person named, that person; a stage moved, everyone taking part; a question asked,
// the State under review's side; an answer, the experts of the State that asked; a deadline
// near (REMIND_DAYS before it, 14 by default) or passed, those who must act, once each
// (`remind`, run by the server's daily round). The one who made the change is not told of it.
import type { Db, Trx } from '../db';
import * as outbox from '../mail/outbox';
import * as stages from '../../review/stages';
import { addDays } from '../../dates';
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

const link = (id: number) => `/reviews/${id}`;

export async function launched(trx: Trx, opts: { reviewId: number; state: string; stateName: string; reviewers: string[]; cluster: string; on: string; actorId: number | null }) {
	const recipients = await people(trx, { reviewId: null, states: [opts.state, ...opts.reviewers] });
	await outbox.enqueue(
		trx,
		to(recipients, opts.actorId, {
			kind: 'launched', reviewId: opts.reviewId, link: link(opts.reviewId),
			subject: `The country review of ${opts.stateName} is launched`,
			body: `The country review of ${opts.stateName} (${opts.cluster}) was launched on ${opts.on}. Its focal point is named within 2 weeks and its governmental experts within 4.`
		})
	);
}

export async function named(trx: Trx, review: Review, opts: { userId: number | null; role: 'focal-point' | 'expert'; participant: string; actorId: number | null }) {
	if (opts.userId === null || opts.userId === opts.actorId) return;
	const user = await trx.selectFrom('users').select(['id', 'email']).where('id', '=', opts.userId).executeTakeFirst();
	if (!user) return;
	const as = opts.role === 'expert' ? 'a governmental expert' : 'the focal point';
	await outbox.enqueue(trx, [
		{
			userId: user.id, email: user.email, kind: 'named', reviewId: review.id, link: link(review.id),
			subject: `You are named in the review of ${review.state.name}`,
			body: `You are named ${as} of ${opts.participant} in the country review of ${review.state.name} (${review.cluster.title}).`
		}
	]);
}

export async function moved(trx: Trx, review: Review, opts: { to: stages.Stage; on: string; actorId: number | null }) {
	const recipients = await people(trx, { reviewId: review.id, states: [review.parties.state, ...review.parties.reviewers], named: 'all' });
	await outbox.enqueue(
		trx,
		to(recipients, opts.actorId, {
			kind: 'moved', reviewId: review.id, link: link(review.id),
			subject: `Review of ${review.state.name}: ${stages.STAGE_LABELS[opts.to]}`,
			body: `The country review of ${review.state.name} (${review.cluster.title}) reached “${stages.STAGE_LABELS[opts.to]}” on ${opts.on}.`
		})
	);
}

export async function asked(trx: Trx, review: Review, opts: { kind: 'question' | 'answer'; instrument: string; instrumentTitle: string; article: string; askedBy: string | null; actorId: number | null }) {
	// a question goes to the State under review's side; its answer to the experts of the State that asked
	const recipients =
		opts.kind === 'question'
			? await people(trx, { reviewId: review.id, states: [review.parties.state], named: [review.parties.state] })
			: await people(trx, { reviewId: review.id, states: [], named: opts.askedBy ? [opts.askedBy] : review.parties.reviewers.slice() });
	await outbox.enqueue(
		trx,
		to(recipients, opts.actorId, {
			kind: opts.kind, reviewId: review.id, link: `${link(review.id)}#item-${opts.instrument}-${opts.article}`,
			subject: opts.kind === 'question' ? `A clarification question in the review of ${review.state.name}` : `Your question in the review of ${review.state.name} is answered`,
			body:
				opts.kind === 'question'
					? `The reviewers ask a clarification question on the ${opts.instrumentTitle}, article ${opts.article}. The State under review answers it before the feedback closes.`
					: `The State under review answered the clarification question on the ${opts.instrumentTitle}, article ${opts.article}.`
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
		const label = stages.STAGE_LABELS[next];
		n += await outbox.enqueue(
			db,
			to(unique, null, {
				kind: late ? 'overdue' : 'due', reviewId: review.id, link: link(review.id), dedupe: `${late ? 'overdue' : 'due'}:${review.id}:${next}:${due}`,
				subject: late ? `Overdue: ${label} — review of ${review.state.name}` : `Due on ${due}: ${label} — review of ${review.state.name}`,
				body: late
					? `“${label}” in the country review of ${review.state.name} was due on ${due} and is not reached yet.`
					: `“${label}” in the country review of ${review.state.name} is due on ${due}.`
			}).map((m) => ({ ...m, dedupe: `${m.dedupe}:${m.userId}` }))
		);
	}
	return n;
}
