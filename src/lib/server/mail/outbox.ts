// The outbox: every message the app means to send, written by the writer of a change inside its
// transaction (so a message tells only of what was committed, and nothing committed goes
// untold), read by the sender and by the secretariat's /outbox. A message with a `dedupe` key is
// written once, however often it is asked for: a reminder of a deadline is sent once.
import type { Db, Trx } from '../db';

export interface Message {
	userId: number;
	email: string;
	/** What it tells of: launched, named, moved, question, answer, due, overdue. */
	kind: string;
	subject: string;
	body: string;
	/** A path on this site; the sender makes it absolute with the configured origin. */
	link: string;
	reviewId: number | null;
	dedupe?: string | null;
}

/** Writes messages in the caller's transaction; one with a dedupe key already written is skipped. Returns how many were written. */
export async function enqueue(trx: Trx | Db, messages: Message[], now: Date = new Date()): Promise<number> {
	let n = 0;
	for (const m of messages) {
		const row = {
			user_id: m.userId, email: m.email, kind: m.kind, subject: m.subject.slice(0, 300), body: m.body.slice(0, 5000), link: m.link,
			review_id: m.reviewId, dedupe: m.dedupe ?? null, created_at: now.toISOString(), sent_at: null, next_attempt_at: null, last_error: null, failed_at: null
		};
		const r = await trx.insertInto('outbox').values(row).onConflict((oc) => oc.column('dedupe').doNothing()).executeTakeFirst();
		n += Number(r.numInsertedOrUpdatedRows ?? 0);
	}
	return n;
}

export type Row = Awaited<ReturnType<typeof list>>[number];

/** The newest messages first, sent or not: what the secretariat reads at /outbox. */
export async function list(db: Db, opts: { limit?: number } = {}) {
	return db
		.selectFrom('outbox')
		.select(['id', 'email', 'kind', 'subject', 'body', 'link', 'review_id', 'created_at', 'sent_at', 'attempts', 'next_attempt_at', 'last_error', 'failed_at'])
		.orderBy('id', 'desc')
		.limit(opts.limit ?? 200)
		.execute();
}

/** Counts: waiting, sent, given up. */
export async function counts(db: Db): Promise<{ waiting: number; sent: number; failed: number }> {
	const rows = await db.selectFrom('outbox').select(['sent_at', 'failed_at']).execute();
	return {
		waiting: rows.filter((r) => !r.sent_at && !r.failed_at).length,
		sent: rows.filter((r) => r.sent_at).length,
		failed: rows.filter((r) => r.failed_at).length
	};
}

/** The messages due to be sent at `now` (not sent, not given up, no retry pending later), oldest first, each with its review's working language (null: about no review). */
export async function due(db: Db, now: Date) {
	return db
		.selectFrom('outbox')
		.leftJoin('reviews', 'reviews.id', 'outbox.review_id')
		.selectAll('outbox')
		.select('reviews.language')
		.where('outbox.sent_at', 'is', null)
		.where('outbox.failed_at', 'is', null)
		.where((eb) => eb.or([eb('outbox.next_attempt_at', 'is', null), eb('outbox.next_attempt_at', '<=', now.toISOString())]))
		.orderBy('outbox.id')
		.execute();
}
