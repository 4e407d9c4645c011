// The sign-in throttle: every attempt counted before its password is checked, per email (with
// or without an account), per address, and per both; see THROTTLE for the policy.
import { inTransaction, type Db } from '../db';
import { DAY, plus } from './secrets';
import { number } from '../../i18n';
import { m } from '$lib/paraglide/messages';

/**
 * How failed sign-ins are throttled (per email string, whether or not an account has it, so
 * the answer never tells which emails have accounts):
 * - one email from one address: the first `FREE_PER_PAIR` failures are free; each further one
 *   doubles the wait before the next attempt (1, 2, 4… minutes, at most `MAX_DELAY_MINUTES`);
 * - one email from every address, or one address for every email, over `WINDOW_MINUTES`: past
 *   `PER_EMAIL` / `PER_ADDRESS` failures, addresses the account has never signed in from must
 *   wait. An address the person has signed in from before is never shut out by what others do,
 *   so nobody can lock a person out of their own account from elsewhere.
 * Every attempt is counted (as a failure until the password is found right) before the
 * password is checked, in one transaction: parallel guesses cannot get more checks than this.
 */
export const THROTTLE = {
	WINDOW_MINUTES: 15,
	FREE_PER_PAIR: 5,
	MAX_DELAY_MINUTES: 60,
	PER_EMAIL: 50,
	PER_ADDRESS: 50,
	/** How long a successful sign-in makes an address known to the account. */
	KNOWN_DAYS: 90
} as const;

type Reserved = { ok: true; attempt: number } | { ok: false; minutes: number };

const MINUTE = 60 * 1000;

/**
 * Counts an attempt for `email` from `address` before its password is checked, in one
 * transaction (SQLite runs one at a time), as a failure until `settle` says it was right; or,
 * when the throttle says wait, how many minutes.
 */
export async function reserveAttempt(db: Db, opts: { email: string; address: string | null; now: Date }): Promise<Reserved> {
	const { email, address, now } = opts;
	const t = THROTTLE;
	return inTransaction(db, async (trx) => {
		const pair = await trx
			.selectFrom('sign_in_attempts')
			.select(['at', 'ok'])
			.where('email', '=', email)
			.where((eb) => (address === null ? eb('address', 'is', null) : eb('address', '=', address)))
			.where('at', '>', plus(now, -t.KNOWN_DAYS * DAY))
			.orderBy('id', 'desc')
			.execute();
		const known = pair.some((a) => a.ok === 1);
		// failures of this pair since its last success, within a day: the delays grow with them
		const lastSuccess = pair.findIndex((a) => a.ok === 1);
		const failures = (lastSuccess === -1 ? pair : pair.slice(0, lastSuccess)).filter((a) => a.at > plus(now, -DAY));
		if (failures.length >= t.FREE_PER_PAIR) {
			const delay = Math.min(2 ** (failures.length - t.FREE_PER_PAIR), t.MAX_DELAY_MINUTES) * MINUTE;
			const until = Date.parse(failures[0].at) + delay;
			if (until > now.getTime()) return { ok: false, minutes: minutesUntil(until, now) };
		}
		if (!known) {
			const since = plus(now, -t.WINDOW_MINUTES * MINUTE);
			const recent = (column: 'email' | 'address', value: string) =>
				trx.selectFrom('sign_in_attempts').select('at').where(column, '=', value).where('at', '>', since).where('ok', '=', 0).orderBy('at', 'desc').execute();
			for (const [column, value, limit] of [['email', email, t.PER_EMAIL], ['address', address, t.PER_ADDRESS]] as const) {
				if (value === null) continue;
				const rows = await recent(column, value);
				// the window frees up when the oldest of the last `limit` failures leaves it
				if (rows.length >= limit) return { ok: false, minutes: minutesUntil(Date.parse(rows[limit - 1].at) + t.WINDOW_MINUTES * MINUTE, now) };
			}
		}
		const { id } = await trx.insertInto('sign_in_attempts').values({ email, address, at: now.toISOString(), ok: 0 }).returning('id').executeTakeFirstOrThrow();
		return { ok: true, attempt: id };
	});
}

/** Marks a reserved attempt as a success (a failure it already is). */
export async function settle(db: Db, attempt: number, good: boolean): Promise<void> {
	if (good) await db.updateTable('sign_in_attempts').set({ ok: 1 }).where('id', '=', attempt).execute();
}

function minutesUntil(at: number, now: Date): number {
	return Math.max(1, Math.ceil((at - now.getTime()) / MINUTE));
}

/** What a throttled person reads: failed sign-ins, or failed attempts at the current password (`attempts`). */
export function waitMessage(minutes: number, what: 'sign-ins' | 'attempts' = 'sign-ins'): string {
	const wait = { count: minutes, shown: number(minutes) };
	return what === 'sign-ins' ? m.admin_throttle_sign_ins(wait) : m.admin_throttle_attempts(wait);
}
