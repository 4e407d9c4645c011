import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import from the app.
// The totals a depositary (or the secretariat, or a secondary source) published for an
// instrument on a date: shown beside the record's own counts, so that a reader sees when the
// record is behind ("the depositary reported 123 parties on 4 May 2024; this record holds 109").
// Reference data, from data/published-totals.csv, each row citing the line of its source.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('published_totals')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('instrument_slug', 'text', (c) => c.notNull().references('instruments.slug'))
		// ISO day; for a month, its last day; for 'after', the day the total is known to be after
		.addColumn('as_of', 'text', (c) => c.notNull())
		.addColumn('precision', 'text', (c) => c.notNull().check(sql`precision in ('day', 'month', 'after')`))
		.addColumn('signatories', 'integer')
		.addColumn('parties', 'integer')
		.addColumn('reported_by', 'text', (c) => c.notNull().check(sql`reported_by in ('depositary', 'secretariat', 'secondary')`))
		.addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
		.addColumn('source_line', 'integer')
		.addColumn('note', 'text')
		.execute();
	await db.schema.createIndex('published_totals_instrument').on('published_totals').column('instrument_slug').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('published_totals').execute();
}
