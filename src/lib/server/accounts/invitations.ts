// Invitations: an account without a password and a link, used once before it expires, to set
// one; the secretariat can send a new link. Audited.
import * as audit from '../audit/log';
import { inTransaction, type Db } from '../db';
import { hashPassword, passwordProblem } from './passwords';
import { DAY, newToken, sha256 } from './secrets';
import { AuthError, type SignedIn, actorOf, toSignedIn } from './identity';
import { createUser, findUser } from './users';
import { m } from '$lib/paraglide/messages';

export const INVITATION_DAYS = 7;

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
	if (!row) return { problem: m.admin_invitation_not_valid() } as const;
	if (row.used_at) return { problem: m.admin_invitation_used() } as const;
	if (row.expires_at <= now.toISOString()) return { problem: m.admin_invitation_expired() } as const;
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
		// used once: the same link sent twice at once (to two instances) sets one password
		const used = await trx.updateTable('invitations').set({ used_at: now.toISOString() }).where('token_hash', '=', sha256(opts.token)).where('used_at', 'is', null).executeTakeFirst();
		if (Number(used.numUpdatedRows) !== 1) throw new AuthError('token', m.admin_invitation_used());
		await trx.updateTable('users').set((eb) => ({ password_hash, version: eb('version', '+', 1) })).where('id', '=', found.user.id).execute();
		await audit.write(trx, [
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

/**
 * A new invitation link for an account that never set its password (the first one expired or
 * was lost); the links sent before stop working. Audited.
 */
export async function reinvite(db: Db, opts: { id: number; by: SignedIn; address: string | null; now?: Date }): Promise<{ user: SignedIn; token: string; expires: Date }> {
	const now = opts.now ?? new Date();
	return inTransaction(db, async (trx) => {
		const account = await findUser(trx, opts.id);
		if (!account) throw new AuthError('id', m.admin_no_account({ id: opts.id }));
		if (account.passwordSet) throw new AuthError('id', m.admin_reinvite_password_set({ email: account.email }));
		if (account.disabledAt) throw new AuthError('id', m.admin_reinvite_disabled({ email: account.email }));
		await trx.updateTable('invitations').set({ expires_at: now.toISOString() }).where('user_id', '=', account.id).where('used_at', 'is', null).where('expires_at', '>', now.toISOString()).execute();
		const token = newToken();
		const expires = new Date(now.getTime() + INVITATION_DAYS * DAY);
		await trx
			.insertInto('invitations')
			.values({ token_hash: sha256(token), user_id: account.id, created_by: opts.by.id, created_at: now.toISOString(), expires_at: expires.toISOString() })
			.execute();
		await audit.write(trx, [
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
