import { sql, type Kysely } from 'kysely';
import { nowIso } from '../dialect';

// Frozen in time: this file must never import from the app (../dialect is the database's, not the app's).
// People: accounts with a role, sessions behind an httpOnly cookie, invitations, personal API
// tokens (only their hashes are kept), and the sign-in attempts that throttling counts. Audit
// entries now say which user made a change, in what role, from which address.
export async function up(db: Kysely<any>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx.schema
			.createTable('users')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('email', 'text', (c) => c.notNull().unique()) // lower case
			.addColumn('name', 'text')
			.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('secretariat', 'editor', 'focal-point', 'reviewer')`))
			// the participant a focal point speaks for
			.addColumn('participant_code', 'text', (c) => c.references('participants.code'))
			.addColumn('password_hash', 'text') // argon2id; null until the invitation is accepted
			.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowIso(trx)))
			.addColumn('disabled_at', 'text')
			.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)) // a stale form is a conflict
			.addCheckConstraint('focal_point_has_participant', sql`(role = 'focal-point') = (participant_code is not null)`)
			.execute();

		await trx.schema
			.createTable('sessions')
			.addColumn('id_hash', 'text', (c) => c.primaryKey()) // sha256 of the cookie's token
			.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('expires_at', 'text', (c) => c.notNull())
			.addColumn('address', 'text')
			.addColumn('user_agent', 'text')
			.execute();
		await trx.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

		await trx.schema
			.createTable('invitations')
			.addColumn('token_hash', 'text', (c) => c.primaryKey())
			.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
			.addColumn('created_by', 'integer', (c) => c.references('users.id'))
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('expires_at', 'text', (c) => c.notNull())
			.addColumn('used_at', 'text')
			.execute();

		await trx.schema
			.createTable('api_tokens')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('token_hash', 'text', (c) => c.notNull().unique())
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('last_used_at', 'text')
			.addColumn('revoked_at', 'text')
			.execute();

		await trx.schema
			.createTable('sign_in_attempts')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('email', 'text', (c) => c.notNull())
			.addColumn('address', 'text')
			.addColumn('at', 'text', (c) => c.notNull())
			.addColumn('ok', 'integer', (c) => c.notNull())
			.execute();
		await trx.schema.createIndex('sign_in_attempts_email').on('sign_in_attempts').columns(['email', 'at']).execute();
		await trx.schema.createIndex('sign_in_attempts_address').on('sign_in_attempts').columns(['address', 'at']).execute();

		// Who made a change: the user (null for the seed and command-line imports), the role it
		// acted in, and the address the request came from.
		await trx.schema.alterTable('audit_log').addColumn('user_id', 'integer', (c) => c.references('users.id')).execute();
		await trx.schema.alterTable('audit_log').addColumn('role', 'text').execute();
		await trx.schema.alterTable('audit_log').addColumn('address', 'text').execute();
	});
}

export async function down(): Promise<void> {
	throw new Error('2026-11-30-06-accounts cannot be undone without losing who changed what');
}
