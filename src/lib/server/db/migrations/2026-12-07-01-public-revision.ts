import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import from the app.
// Two revisions instead of one. `revision` stays the treaty record's (acts, sources, aliases,
// imports, reference data: what an import's preview and the in-memory record depend on), and
// no longer moves for account changes; `public_revision` is the public state's (everything a
// public answer shows: the record and the public side of the reviews), moved by every change
// the public can see, with `public_at`, when it last moved (the answers' Last-Modified). The
// public state starts where the page cache used to start: the newest audit entry.
export async function up(db: Kysely<any>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx.schema.alterTable('record_meta').addColumn('public_revision', 'integer', (c) => c.notNull().defaultTo(0)).execute();
		await trx.schema.alterTable('record_meta').addColumn('public_at', 'text').execute();
		await sql`update record_meta set public_revision = coalesce((select max(id) from audit_log), 0), public_at = (select max(at) from audit_log)`.execute(trx);
	});
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('record_meta').dropColumn('public_at').execute();
	await db.schema.alterTable('record_meta').dropColumn('public_revision').execute();
}
