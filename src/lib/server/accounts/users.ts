// People and their accounts: who someone is to the app (SignedIn), creating and changing accounts
// (audited, with the version the form was made from), changing one's own password.
import * as audit from '../audit/log';
import type { Actor } from '../audit/log';
import { inTransaction, type Db } from '../db';
import { quote } from '../text/query';
import type { User } from '../db/schema';
import { isRole, type Role } from '../../roles';
import { checkPassword, hashPassword, passwordProblem } from './passwords';
import { sha256 } from './secrets';
import { reserveAttempt, settle, waitMessage } from './throttle';
import { revokeAllTokens } from './tokens';
import { AuthError, MAX_EMAIL_LENGTH, type SignedIn, actorOf, emailProblem, normaliseEmail, toSignedIn } from './identity';
import { m } from '$lib/paraglide/messages';


export const MAX_NAME_LENGTH = 200;

/** An account form's values as it is shown again: each cut to what its field takes, so that a 9,000-character mistake is not sent back whole. */
export function refill<T extends { name: string; role: string; participant: string; email?: string }>(values: T): T {
	const email = values.email === undefined ? {} : { email: values.email.slice(0, MAX_EMAIL_LENGTH) };
	return { ...values, ...email, name: values.name.slice(0, MAX_NAME_LENGTH), role: values.role.slice(0, 20), participant: values.participant.slice(0, 10) };
}

/** Roles whose accounts belong to one participant: a focal point speaks for it, a reviewer is one of its experts. */
export const ROLES_OF_A_STATE: readonly Role[] = ['focal-point', 'reviewer'];

/** The participant an account in `role` belongs to (a focal point's or a reviewer's; the others none), or why not. */
function roleAndParticipant(role: string, given: string | null | undefined): string | null {
	if (!isRole(role)) throw new AuthError('role', m.admin_not_a_role({ role: quote(role) }));
	const participant = given?.trim().toUpperCase() || null;
	if (role === 'focal-point' && !participant) throw new AuthError('participant', m.admin_focal_point_needs_participant());
	if (role === 'reviewer' && !participant) throw new AuthError('participant', m.admin_reviewer_needs_participant());
	if (!ROLES_OF_A_STATE.includes(role) && participant) throw new AuthError('participant', m.admin_participant_not_for_role());
	return participant;
}

async function checkParticipant(db: Db, participant: string | null) {
	if (participant && !(await db.selectFrom('participants').select('code').where('code', '=', participant).executeTakeFirst())) {
		throw new AuthError('participant', m.admin_no_participant({ code: quote(participant) }));
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
			throw new AuthError('email', m.admin_account_exists({ email }));
		}
		const row = await trx
			.insertInto('users')
			.values({ email, name: opts.name?.trim() || null, role: opts.role as Role, participant_code: participant, password_hash })
			.returning(['id', 'email', 'name', 'role', 'participant_code'])
			.executeTakeFirstOrThrow();
		await audit.write(trx, [
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

/**
 * The accounts that may be named on a review, of one role: reviewer accounts as governmental
 * experts, focal-point accounts as focal points — of the States given (a focal point's own; the
 * review's States for the secretariat). People are offered by name; only the secretariat, which
 * manages the accounts, sees their emails.
 */
export async function reviewerAccounts(db: Db, opts: { participants: string[]; withEmail: boolean; role?: 'reviewer' | 'focal-point' }) {
	if (!opts.participants.length) return [];
	const rows = await db
		.selectFrom('users')
		.select(['id', 'name', 'email', 'participant_code'])
		.where('role', '=', opts.role ?? 'reviewer')
		.where('disabled_at', 'is', null)
		.where('participant_code', 'in', opts.participants)
		.orderBy('participant_code')
		// unnamed first on either database (SQLite's nulls come first, PostgreSQL's last)
		.orderBy('name', (o) => o.asc().nullsFirst())
		.orderBy('id')
		.execute();
	return rows.map((u) => ({
		id: u.id,
		participant: u.participant_code!,
		label: opts.withEmail ? `${u.name ? `${u.name}, ` : ''}${u.email} (${u.participant_code})` : (u.name ?? m.admin_account_unnamed({ id: u.id }))
	}));
}

/**
 * Every account's role by its email: what a public page says of who did something, by role,
 * never by email (the sources page names who brought a source in).
 */
export async function rolesByEmail(db: Db): Promise<Map<string, Role>> {
	return new Map((await db.selectFrom('users').select(['email', 'role']).execute()).map((u) => [u.email, u.role]));
}

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

export function accounts(db: Db) {
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
		if (!current) throw new AuthError('id', m.admin_no_account({ id: opts.id }));
		if (current.version !== opts.version) return { ok: false, current };
		// Nobody locks the secretariat out by mistake: another member has to do it.
		if (current.id === opts.by.id && role !== current.role) throw new AuthError('role', m.admin_own_role());
		if (current.id === opts.by.id && opts.disabled) throw new AuthError('disabled', m.admin_own_disable());
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
		await audit.write(trx, [
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
 * Changes one's own password, given the current one (failures count like failed sign-ins, and
 * throttle the same way). Every other session of the account ends; `keep` (this browser's) stays. Audited.
 */
export async function changePassword(
	db: Db,
	opts: { user: SignedIn; current: string; password: string; keep: string | undefined; address: string | null; now?: Date }
): Promise<{ endedSessions: number; revokedTokens: number }> {
	const now = opts.now ?? new Date();
	const reserved = await reserveAttempt(db, { email: opts.user.email, address: opts.address, now });
	if (!reserved.ok) throw new AuthError('current', waitMessage(reserved.minutes, 'attempts'));
	const row = await db.selectFrom('users').select('password_hash').where('id', '=', opts.user.id).executeTakeFirstOrThrow();
	const right = await checkPassword(row.password_hash, opts.current);
	await settle(db, reserved.attempt, right);
	if (!right) throw new AuthError('current', m.admin_not_current_password());
	const problem = passwordProblem(opts.password, opts.user.email);
	if (problem) throw new AuthError('password', problem);
	if (opts.password === opts.current) throw new AuthError('password', m.admin_password_unchanged());
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
		await audit.write(trx, [
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
