import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import from the app.
// Dated events of the policy framework around the treaties (a General Assembly resolution, the
// launch of an initiative): not acts of a participant, so not in the record; reference data from
// data/policy-events.csv, each row one source's account of an event, with its line. Two sources
// that date one event differently are two rows of the same `event`, both shown.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('policy_events')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('event', 'text', (c) => c.notNull())
		.addColumn('date', 'text', (c) => c.notNull())
		.addColumn('precision', 'text', (c) => c.notNull().check(sql`precision in ('day', 'month', 'year')`))
		.addColumn('end_date', 'text')
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('place', 'text')
		.addColumn('description', 'text')
		.addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
		.addColumn('source_line', 'integer')
		.addColumn('note', 'text')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('policy_events').execute();
}
