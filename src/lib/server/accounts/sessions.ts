// Signing in and sessions: a session is a random token in an httpOnly cookie, of which only the
// SHA-256 is stored; signing in goes through the throttle and the same password check for all.
import { type Db } from '../db';
import { checkPassword } from './passwords';
import { DAY, newToken, sha256 } from './secrets';
import { reserveAttempt, settle, waitMessage } from './throttle';
import { type SignedIn, normaliseEmail, toSignedIn } from './identity';
import { m } from '$lib/paraglide/messages';

/** How long a session lasts without signing in again. */
export const SESSION_DAYS = 14;

export const SESSION_COOKIE = 'session';

export type SignInResult =
	| { ok: true; token: string; user: SignedIn; expires: Date }
	| { ok: false; field: 'email' | 'password'; message: string; throttled: boolean };

/**
 * Checks an email and password. The attempt is counted before the password is checked, and too
 * many failures make the next attempts wait, with a message saying how long (see THROTTLE); a
 * wrong password, an unknown email and a disabled account read the same and take as long.
 */
export async function signIn(
	db: Db,
	opts: { email: string; password: string; address: string | null; userAgent?: string | null; now?: Date }
): Promise<SignInResult> {
	const now = opts.now ?? new Date();
	const email = normaliseEmail(opts.email);
	const reserved = await reserveAttempt(db, { email, address: opts.address, now });
	if (!reserved.ok) return { ok: false, field: 'password', throttled: true, message: waitMessage(reserved.minutes) };
	const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
	const right = await checkPassword(user?.password_hash, opts.password);
	const good = right && Boolean(user) && !user!.disabled_at;
	await settle(db, reserved.attempt, good);
	if (!good || !user) return { ok: false, field: 'password', throttled: false, message: m.admin_sign_in_refused() };
	const { token, expires } = await createSession(db, { userId: user.id, address: opts.address, userAgent: opts.userAgent ?? null, now });
	return { ok: true, token, user: toSignedIn(user), expires };
}

/** A new session (a fresh token on every sign-in: a session id is never reused). */
export async function createSession(db: Db, opts: { userId: number; address: string | null; userAgent: string | null; now?: Date }) {
	const now = opts.now ?? new Date();
	const token = newToken();
	const expires = new Date(now.getTime() + SESSION_DAYS * DAY);
	await db
		.insertInto('sessions')
		.values({ id_hash: sha256(token), user_id: opts.userId, created_at: now.toISOString(), expires_at: expires.toISOString(), address: opts.address, user_agent: opts.userAgent })
		.execute();
	return { token, expires };
}

/** The user a session cookie belongs to, or null (no such session, expired, account disabled). */
export async function sessionUser(db: Db, token: string | undefined, now = new Date()): Promise<SignedIn | null> {
	if (!token) return null;
	const row = await db
		.selectFrom('sessions as s')
		.innerJoin('users as u', 'u.id', 's.user_id')
		.select(['u.id', 'u.email', 'u.name', 'u.role', 'u.participant_code', 'u.disabled_at', 's.expires_at'])
		.where('s.id_hash', '=', sha256(token))
		.executeTakeFirst();
	if (!row || row.disabled_at || row.expires_at <= now.toISOString()) return null;
	return toSignedIn(row);
}

export async function signOut(db: Db, token: string | undefined): Promise<void> {
	if (token) await db.deleteFrom('sessions').where('id_hash', '=', sha256(token)).execute();
}

/** The session cookie's options: unreadable by scripts, not sent on cross-site subrequests, Secure over HTTPS. */
export function sessionCookie(url: URL, expires: Date) {
	return { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', expires } as const;
}
