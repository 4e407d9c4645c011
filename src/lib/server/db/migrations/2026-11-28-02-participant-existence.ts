import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import from the app.
// When each participant began to exist as a State, so that a State that did not yet exist is
// not shown as having "not joined" (South Sudan before 2011). Null `since`: no known start,
// treated as always existing (States older than the data, the EU, participants COW omits).
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('participants').addColumn('since', 'text').execute(); // ISO date
	await db.schema
		.alterTable('participants')
		.addColumn('since_precision', 'text', (c) => c.check(sql`since_precision in ('day', 'year')`))
		.execute();
	await db.schema.alterTable('participants').addColumn('since_source_id', 'text', (c) => c.references('sources.id')).execute();
	await db.schema.alterTable('participants').addColumn('since_note', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const column of ['since_note', 'since_source_id', 'since_precision', 'since']) {
		await db.schema.alterTable('participants').dropColumn(column).execute();
	}
}
