// Personal API tokens for scripts: shown once, stored hashed, noted when last used, revocable;
// all of an account's die with a password change or with disabling it (that change's entry says
// how many). Making and revoking one is audited; noting its last use is bookkeeping, not a change.
import * as audit from '../audit/log';
import { inTransaction, type Db } from '../db';
import { newToken, sha256 } from './secrets';
import { AuthError, type SignedIn, actorOf, toSignedIn } from './identity';
import { m } from '$lib/paraglide/messages';

/** A new token for scripts: returned once, in full; only its hash is kept. */
export async function createToken(db: Db, opts: { user: SignedIn; name: string; address?: string | null; now?: Date }): Promise<{ id: number; token: string }> {
	const name = opts.name.trim();
	if (!name) throw new AuthError('name', m.admin_token_name_missing());
	const token = `tt_${newToken()}`;
	return inTransaction(db, async (trx) => {
		const row = await trx
			.insertInto('api_tokens')
			.values({ user_id: opts.user.id, name, token_hash: sha256(token), created_at: (opts.now ?? new Date()).toISOString() })
			.returning('id')
			.executeTakeFirstOrThrow();
		// the entry names the token, never its value or its hash
		await audit.write(trx, [
			{ actor: actorOf(opts.user, opts.address ?? null), action: 'create', entity: 'token', entityId: row.id, summary: `account ${opts.user.email}: API token “${name}” made`, before: null, after: { name }, sourceId: null, reason: null }
		]);
		return { id: row.id, token };
	});
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
export async function revokeAllTokens(db: Db, userId: number, now: Date): Promise<number> {
	const r = await db.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
	return Number(r.numUpdatedRows);
}

/** Revokes one of the account's own live tokens; false when it has no such token. */
export async function revokeToken(db: Db, opts: { user: SignedIn; id: number; address?: string | null; now?: Date }): Promise<boolean> {
	return inTransaction(db, async (trx) => {
		const at = (opts.now ?? new Date()).toISOString();
		const row = await trx
			.updateTable('api_tokens')
			.set({ revoked_at: at })
			.where('id', '=', opts.id)
			.where('user_id', '=', opts.user.id)
			.where('revoked_at', 'is', null)
			.returning('name')
			.executeTakeFirst();
		if (!row) return false;
		await audit.write(trx, [
			{ actor: actorOf(opts.user, opts.address ?? null), action: 'revoke', entity: 'token', entityId: opts.id, summary: `account ${opts.user.email}: API token “${row.name}” revoked`, before: { name: row.name, revoked_at: null }, after: { name: row.name, revoked_at: at }, sourceId: null, reason: null }
		]);
		return true;
	});
}
