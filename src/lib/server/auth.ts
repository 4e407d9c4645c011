// Accounts, sign-in and sessions. Passwords are hashed with argon2id; a session is a random
// token in an httpOnly cookie, of which only the SHA-256 is stored, so a copy of the database
// opens no session. Failed sign-ins are throttled per account and per address. Creating and
// changing accounts is audited like any other change.
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import * as audit from './audit';
import type { Actor } from './audit';
import { inTransaction, type Db } from './db';
import { quote } from './query';
import type { User } from './db/schema';
import { isRole, type Role } from '../roles';

/** How long a session lasts without signing in again. */
export const SESSION_DAYS = 14;
export const SESSION_COOKIE = 'session';
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
export const MIN_PASSWORD_LENGTH = 12;
export const INVITATION_DAYS = 7;

/** The person a request is from, as the app needs it. */
export interface SignedIn {
	id: number;
	email: string;
	name: string | null;
	role: Role;
	participant: string | null;
}

export function actorOf(user: SignedIn, address: string | null): Actor {
	return { label: user.email, userId: user.id, role: user.role, address };
}

export class AuthError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(message);
		this.name = 'AuthError';
	}
}

/** An AuthError's message as a form shows it beside its field: a sentence. */
export function sentence(message: string): string {
	return message.charAt(0).toUpperCase() + message.slice(1) + (/[.:!?]$/.test(message) ? '' : '.');
}

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');
const plus = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();
const DAY = 24 * 60 * 60 * 1000;

export function hashPassword(password: string): Promise<string> {
	// @node-rs/argon2's defaults are argon2id, m=19 MiB, t=2, p=1 (OWASP's minimum); said aloud.
	return hash(password, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

/** An email address the app accepts, or the reason it does not. */
/** The longest email address there is (RFC 5321's path, less its brackets). */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_NAME_LENGTH = 200;

/** An account form's values as it is shown again: each cut to what its field takes, so that a 9,000-character mistake is not sent back whole. */
export function refill<T extends { name: string; role: string; participant: string; email?: string }>(values: T): T {
	const email = values.email === undefined ? {} : { email: values.email.slice(0, MAX_EMAIL_LENGTH) };
	return { ...values, ...email, name: values.name.slice(0, MAX_NAME_LENGTH), role: values.role.slice(0, 20), participant: values.participant.slice(0, 10) };
}

export function emailProblem(email: string): string | null {
	if (email.length > MAX_EMAIL_LENGTH) return `an email address has at most ${MAX_EMAIL_LENGTH} characters`;
	return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(normaliseEmail(email)) ? null : `"${quote(email)}" is not an email address`;
}

/** A password the app accepts, or the reason it does not. */
export function passwordProblem(password: string, email?: string): string | null {
	if (password.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
	if (email && password.toLowerCase().includes(normaliseEmail(email).split('@')[0])) return 'a password must not contain the email address';
	return null;
}

function toSignedIn(u: Pick<User, 'id' | 'email' | 'name' | 'role' | 'participant_code'>): SignedIn {
	return { id: u.id, email: u.email, name: u.name, role: u.role, participant: u.participant_code };
}

/** Roles whose accounts belong to one participant: a focal point speaks for it, a reviewer is one of its experts. */
export const ROLES_OF_A_STATE: readonly Role[] = ['focal-point', 'reviewer'];

/** The participant an account in `role` belongs to (a focal point's or a reviewer's; the others none), or why not. */
function roleAndParticipant(role: string, given: string | null | undefined): string | null {
	if (!isRole(role)) throw new AuthError('role', `"${quote(role)}" is not a role: secretariat, editor, focal-point or reviewer`);
	const participant = given?.trim().toUpperCase() || null;
	if (role === 'focal-point' && !participant) throw new AuthError('participant', 'a focal point speaks for one participant: give its code');
	if (role === 'reviewer' && !participant) throw new AuthError('participant', 'a reviewer is an expert of one State: give its code');
	if (!ROLES_OF_A_STATE.includes(role) && participant) throw new AuthError('participant', 'only a focal point or a reviewer belongs to a participant');
	return participant;
}

async function checkParticipant(db: Db, participant: string | null) {
	if (participant && !(await db.selectFrom('participants').select('code').where('code', '=', participant).executeTakeFirst())) {
		throw new AuthError('participant', `there is no participant "${quote(participant)}"`);
	}
}

/** Creates an account, audited; with a password it can sign in at once. */
export async function createUser(
	db: Db,
	opts: { email: string; role: string; participant?: string | null; name?: string | null; password?: string | null; actor: Actor | string }
): Promise<SignedIn> {
	const email = normaliseEmail(opts.email);
	const bad = emailProblem(opts.email);
	if (bad) throw new AuthError('email', bad);
	const participant = roleAndParticipant(opts.role, opts.participant);
	if (opts.password != null) {
		const problem = passwordProblem(opts.password, email);
		if (problem) throw new AuthError('password', problem);
	}
	const password_hash = opts.password != null ? await hashPassword(opts.password) : null;
	return inTransaction(db, async (trx) => {
		await checkParticipant(trx, participant);
		if (await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) {
			throw new AuthError('email', `there is already an account for ${email}`);
		}
		const row = await trx
			.insertInto('users')
			.values({ email, name: opts.name?.trim() || null, role: opts.role as Role, participant_code: participant, password_hash })
			.returning(['id', 'email', 'name', 'role', 'participant_code'])
			.executeTakeFirstOrThrow();
		const revision = await audit.bump(trx);
		await audit.write(trx, revision, [
			{
				actor: opts.actor,
				action: 'create',
				entity: 'user',
				entityId: row.id,
				summary: `account ${email}: ${opts.role}${participant ? ` of ${participant}` : ''}`,
				before: null,
				after: { email, role: opts.role, participant, name: row.name },
				sourceId: null,
				reason: null
			}
		]);
		return toSignedIn(row);
	});
}

export type SignInResult =
	| { ok: true; token: string; user: SignedIn; expires: Date }
	| { ok: false; field: 'email' | 'password'; message: string; throttled: boolean };

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
async function settle(db: Db, attempt: number, good: boolean): Promise<void> {
	if (good) await db.updateTable('sign_in_attempts').set({ ok: 1 }).where('id', '=', attempt).execute();
}

function minutesUntil(at: number, now: Date): number {
	return Math.max(1, Math.ceil((at - now.getTime()) / MINUTE));
}

function waitMessage(minutes: number): string {
	return `Too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/**
 * Checks a password against a stored hash, or, when there is none (no such account, an
 * invitation not yet accepted), against a hash of nothing anyone knows: the same argon2 work
 * either way, so the time taken does not tell which emails have accounts.
 */
async function checkPassword(stored: string | null | undefined, password: string): Promise<boolean> {
	const right = await verify(stored ?? (await decoy()), password);
	return Boolean(stored) && right;
}

let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword(randomBytes(32).toString('base64url')));

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
	if (!good || !user) return { ok: false, field: 'password', throttled: false, message: 'That email and password do not match an account.' };
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

/**
 * The reviewer accounts that may be named as experts: of one State (for its focal point), or of
 * every State (for the secretariat). People are offered by name; only the secretariat, which
 * manages the accounts, sees their emails.
 */
export async function reviewerAccounts(db: Db, opts: { participant: string | null; withEmail: boolean }) {
	let q = db.selectFrom('users').select(['id', 'name', 'email', 'participant_code']).where('role', '=', 'reviewer').where('disabled_at', 'is', null).where('participant_code', 'is not', null);
	if (opts.participant !== null) q = q.where('participant_code', '=', opts.participant);
	const rows = await q.orderBy('participant_code').orderBy('name').orderBy('id').execute();
	return rows.map((u) => ({
		id: u.id,
		participant: u.participant_code!,
		label: opts.withEmail ? `${u.name ? `${u.name}, ` : ''}${u.email} (${u.participant_code})` : (u.name ?? `Account ${u.id} (no name given)`)
	}));
}

// ——— personal API tokens ———

/** A new token for scripts: returned once, in full; only its hash is kept. */
export async function createToken(db: Db, opts: { user: SignedIn; name: string; now?: Date }): Promise<{ id: number; token: string }> {
	const name = opts.name.trim();
	if (!name) throw new AuthError('name', 'give the token a name, to recognise it later');
	const token = `tt_${newToken()}`;
	const row = await db
		.insertInto('api_tokens')
		.values({ user_id: opts.user.id, name, token_hash: sha256(token), created_at: (opts.now ?? new Date()).toISOString() })
		.returning('id')
		.executeTakeFirstOrThrow();
	return { id: row.id, token };
}

/** The user a bearer token belongs to (and the token's last use noted), or null. */
export async function tokenUser(db: Db, token: string, now = new Date()): Promise<SignedIn | null> {
	const row = await db
		.selectFrom('api_tokens as t')
		.innerJoin('users as u', 'u.id', 't.user_id')
		.select(['t.id as tokenId', 'u.id', 'u.email', 'u.name', 'u.role', 'u.participant_code', 'u.disabled_at', 't.revoked_at'])
		.where('t.token_hash', '=', sha256(token))
		.executeTakeFirst();
	if (!row || row.revoked_at || row.disabled_at) return null;
	await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.tokenId).execute();
	return toSignedIn(row);
}

export async function listTokens(db: Db, user: SignedIn) {
	return db
		.selectFrom('api_tokens')
		.select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
		.where('user_id', '=', user.id)
		.orderBy('id', 'desc')
		.execute();
}

/** Revokes every live token of an account (its password changed, or it was disabled); how many. */
async function revokeAllTokens(db: Db, userId: number, now: Date): Promise<number> {
	const r = await db.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
	return Number(r.numUpdatedRows);
}

export async function revokeToken(db: Db, opts: { user: SignedIn; id: number; now?: Date }): Promise<boolean> {
	const r = await db
		.updateTable('api_tokens')
		.set({ revoked_at: (opts.now ?? new Date()).toISOString() })
		.where('id', '=', opts.id)
		.where('user_id', '=', opts.user.id)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

// ——— invitations ———

/** Invites a person: an account without a password, and a link to set one (shown once). */
export async function invite(
	db: Db,
	opts: { email: string; role: string; participant?: string | null; name?: string | null; by: SignedIn; address: string | null; now?: Date }
): Promise<{ user: SignedIn; token: string; expires: Date }> {
	const now = opts.now ?? new Date();
	return inTransaction(db, async (trx) => {
		const user = await createUser(trx, { ...opts, password: null, actor: actorOf(opts.by, opts.address) });
		const token = newToken();
		const expires = new Date(now.getTime() + INVITATION_DAYS * DAY);
		await trx
			.insertInto('invitations')
			.values({ token_hash: sha256(token), user_id: user.id, created_by: opts.by.id, created_at: now.toISOString(), expires_at: expires.toISOString() })
			.execute();
		return { user, token, expires };
	});
}

/** The account an invitation link is for, while it is unused and not expired. */
export async function invitation(db: Db, token: string, now = new Date()) {
	const row = await db
		.selectFrom('invitations as i')
		.innerJoin('users as u', 'u.id', 'i.user_id')
		.select(['u.id', 'u.email', 'u.name', 'u.role', 'u.participant_code', 'i.expires_at', 'i.used_at'])
		.where('i.token_hash', '=', sha256(token))
		.executeTakeFirst();
	if (!row) return { problem: 'This invitation link is not valid: ask the secretariat for a new one.' } as const;
	if (row.used_at) return { problem: 'This invitation has been used already: sign in with your password.' } as const;
	if (row.expires_at <= now.toISOString()) return { problem: 'This invitation has expired: ask the secretariat for a new one.' } as const;
	return { user: toSignedIn(row) } as const;
}

/** Sets the password of an invited account, once; the invitation is then used. */
export async function acceptInvitation(db: Db, opts: { token: string; password: string; address?: string | null; now?: Date }): Promise<SignedIn> {
	const now = opts.now ?? new Date();
	const found = await invitation(db, opts.token, now);
	if ('problem' in found) throw new AuthError('token', found.problem!);
	const problem = passwordProblem(opts.password, found.user.email);
	if (problem) throw new AuthError('password', problem);
	const password_hash = await hashPassword(opts.password);
	await inTransaction(db, async (trx) => {
		await trx.updateTable('users').set((eb) => ({ password_hash, version: eb('version', '+', 1) })).where('id', '=', found.user.id).execute();
		await trx.updateTable('invitations').set({ used_at: now.toISOString() }).where('token_hash', '=', sha256(opts.token)).execute();
		const revision = await audit.bump(trx);
		await audit.write(trx, revision, [
			{
				actor: actorOf(found.user, opts.address ?? null),
				action: 'accept-invitation',
				entity: 'user',
				entityId: found.user.id,
				summary: `account ${found.user.email}: password set`,
				before: null,
				after: null,
				sourceId: null,
				reason: null
			}
		]);
	});
	return found.user;
}

/** The session cookie's options: unreadable by scripts, not sent on cross-site subrequests, Secure over HTTPS. */
export function sessionCookie(url: URL, expires: Date) {
	return { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', expires } as const;
}

// ——— managing accounts (the secretariat) ———

/** An account as the secretariat sees it: who, in what role, and where it stands. */
export interface Account extends SignedIn {
	createdAt: string;
	disabledAt: string | null;
	version: number;
	passwordSet: boolean;
	/** The latest sign-in (or invitation accepted), if any. */
	lastSignIn: string | null;
	/** When the newest unused invitation link expires, for an account without a password. */
	invitationExpires: string | null;
}

function accounts(db: Db) {
	return db.selectFrom('users as u').select((eb) => [
		'u.id',
		'u.email',
		'u.name',
		'u.role',
		'u.participant_code',
		'u.created_at',
		'u.disabled_at',
		'u.version',
		'u.password_hash',
		eb.selectFrom('sign_in_attempts as a').select((e) => e.fn.max('a.at').as('at')).whereRef('a.email', '=', 'u.email').where('a.ok', '=', 1).as('signed_in_at'),
		eb.selectFrom('sessions as s').select((e) => e.fn.max('s.created_at').as('at')).whereRef('s.user_id', '=', 'u.id').as('session_at'),
		eb.selectFrom('invitations as i').select((e) => e.fn.max('i.expires_at').as('at')).whereRef('i.user_id', '=', 'u.id').where('i.used_at', 'is', null).as('invitation_expires')
	]);
}

type AccountRow = Awaited<ReturnType<ReturnType<typeof accounts>['executeTakeFirstOrThrow']>>;

function toAccount(r: AccountRow): Account {
	const times = [r.signed_in_at, r.session_at].filter((t): t is string => typeof t === 'string').sort();
	return {
		...toSignedIn(r),
		createdAt: r.created_at,
		disabledAt: r.disabled_at,
		version: r.version,
		passwordSet: r.password_hash !== null,
		lastSignIn: times.at(-1) ?? null,
		invitationExpires: r.password_hash === null ? ((r.invitation_expires as string | null) ?? null) : null
	};
}

/** Every account, by email. */
export async function listUsers(db: Db): Promise<Account[]> {
	return (await accounts(db).orderBy('u.email').execute()).map(toAccount);
}

export async function findUser(db: Db, id: number): Promise<Account | null> {
	const row = await accounts(db).where('u.id', '=', id).executeTakeFirst();
	return row ? toAccount(row) : null;
}

/**
 * Changes an account's role, participant, name, or disables (or enables) it, audited. `version`
 * is the one the form was made from: when someone saved in between, nothing is written and the
 * account as it now is comes back, to show beside the form. A disabled account's sessions end.
 */
export async function updateUser(
	db: Db,
	opts: { id: number; version: number; role: string; participant?: string | null; name?: string | null; disabled: boolean; by: SignedIn; address: string | null; now?: Date }
): Promise<{ ok: true; account: Account } | { ok: false; current: Account }> {
	const now = (opts.now ?? new Date()).toISOString();
	const participant = roleAndParticipant(opts.role, opts.participant);
	const role = opts.role as Role;
	const name = opts.name?.trim() || null;
	return inTransaction(db, async (trx) => {
		const current = await findUser(trx, opts.id);
		if (!current) throw new AuthError('id', `there is no account ${opts.id}`);
		if (current.version !== opts.version) return { ok: false, current };
		// Nobody locks the secretariat out by mistake: another member has to do it.
		if (current.id === opts.by.id && role !== current.role) throw new AuthError('role', 'you cannot change your own role: ask another member of the secretariat');
		if (current.id === opts.by.id && opts.disabled) throw new AuthError('disabled', 'you cannot disable your own account: ask another member of the secretariat');
		await checkParticipant(trx, participant);
		const before = { role: current.role, participant: current.participant, name: current.name, disabled: current.disabledAt !== null };
		const after = { role, participant, name, disabled: opts.disabled };
		const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => after[k] !== before[k]);
		if (changed.length === 0) return { ok: true, account: current };
		await trx
			.updateTable('users')
			.set({ role, participant_code: participant, name, disabled_at: opts.disabled ? (current.disabledAt ?? now) : null, version: current.version + 1 })
			.where('id', '=', current.id)
			.where('version', '=', current.version)
			.execute();
		// A disabled account's sessions end and its tokens are revoked: enabling it again revives neither.
		if (opts.disabled) {
			await trx.deleteFrom('sessions').where('user_id', '=', current.id).execute();
			await revokeAllTokens(trx, current.id, new Date(now));
		}
		const revision = await audit.bump(trx);
		await audit.write(trx, revision, [
			{
				actor: actorOf(opts.by, opts.address),
				action: 'update',
				entity: 'user',
				entityId: current.id,
				summary: `account ${current.email}: ${changed.map((k) => `${k} ${before[k] ?? 'none'} → ${after[k] ?? 'none'}`).join('; ')}`,
				before,
				after,
				sourceId: null,
				reason: null
			}
		]);
		return { ok: true, account: (await findUser(trx, current.id))! };
	});
}

/**
 * A new invitation link for an account that never set its password (the first one expired or
 * was lost); the links sent before stop working. Audited.
 */
export async function reinvite(db: Db, opts: { id: number; by: SignedIn; address: string | null; now?: Date }): Promise<{ user: SignedIn; token: string; expires: Date }> {
	const now = opts.now ?? new Date();
	return inTransaction(db, async (trx) => {
		const account = await findUser(trx, opts.id);
		if (!account) throw new AuthError('id', `there is no account ${opts.id}`);
		if (account.passwordSet) throw new AuthError('id', `${account.email} has set a password already, and signs in with it`);
		if (account.disabledAt) throw new AuthError('id', `${account.email} is disabled: enable the account first`);
		await trx.updateTable('invitations').set({ expires_at: now.toISOString() }).where('user_id', '=', account.id).where('used_at', 'is', null).where('expires_at', '>', now.toISOString()).execute();
		const token = newToken();
		const expires = new Date(now.getTime() + INVITATION_DAYS * DAY);
		await trx
			.insertInto('invitations')
			.values({ token_hash: sha256(token), user_id: account.id, created_by: opts.by.id, created_at: now.toISOString(), expires_at: expires.toISOString() })
			.execute();
		const revision = await audit.bump(trx);
		await audit.write(trx, revision, [
			{
				actor: actorOf(opts.by, opts.address),
				action: 'invite',
				entity: 'user',
				entityId: account.id,
				summary: `account ${account.email}: a new invitation, valid until ${expires.toISOString().slice(0, 10)}`,
				before: null,
				after: null,
				sourceId: null,
				reason: null
			}
		]);
		return { user: account, token, expires };
	});
}

/**
 * Changes one's own password, given the current one (failures count like failed sign-ins, and
 * throttle the same way). Every other session of the account ends; `keep` (this browser's) stays. Audited.
 */
export async function changePassword(
	db: Db,
	opts: { user: SignedIn; current: string; password: string; keep: string | undefined; address: string | null; now?: Date }
): Promise<{ endedSessions: number; revokedTokens: number }> {
	const now = opts.now ?? new Date();
	const reserved = await reserveAttempt(db, { email: opts.user.email, address: opts.address, now });
	if (!reserved.ok) throw new AuthError('current', waitMessage(reserved.minutes).replace('sign-ins', 'attempts'));
	const row = await db.selectFrom('users').select('password_hash').where('id', '=', opts.user.id).executeTakeFirstOrThrow();
	const right = await checkPassword(row.password_hash, opts.current);
	await settle(db, reserved.attempt, right);
	if (!right) throw new AuthError('current', 'That is not your current password.');
	const problem = passwordProblem(opts.password, opts.user.email);
	if (problem) throw new AuthError('password', problem);
	if (opts.password === opts.current) throw new AuthError('password', 'the new password is the one you have now');
	const password_hash = await hashPassword(opts.password);
	return inTransaction(db, async (trx) => {
		await trx.updateTable('users').set((eb) => ({ password_hash, version: eb('version', '+', 1) })).where('id', '=', opts.user.id).execute();
		const ended = await trx
			.deleteFrom('sessions')
			.where('user_id', '=', opts.user.id)
			.where('id_hash', '!=', opts.keep ? sha256(opts.keep) : '')
			.executeTakeFirst();
		const endedSessions = Number(ended.numDeletedRows);
		const revokedTokens = await revokeAllTokens(trx, opts.user.id, now);
		const revision = await audit.bump(trx);
		await audit.write(trx, revision, [
			{
				actor: actorOf(opts.user, opts.address),
				action: 'change-password',
				entity: 'user',
				entityId: opts.user.id,
				summary: `account ${opts.user.email}: password changed; ${endedSessions} other session${endedSessions === 1 ? '' : 's'} ended, ${revokedTokens} API token${revokedTokens === 1 ? '' : 's'} revoked`,
				before: null,
				after: null,
				sourceId: null,
				reason: null
			}
		]);
		return { endedSessions, revokedTokens };
	});
}
