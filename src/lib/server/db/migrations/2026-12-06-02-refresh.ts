import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import from the app.
// Refreshing from the depositaries: each instrument's status page (its address and the reader
// of its format, from data/instruments.json) and every check made of it — when, what the page
// answered (with its validators, for the next conditional request), what was found, and the
// page kept for the secretariat to preview when it differs from the record. Also the UN Treaty
// Series reference of an instrument and the day it was opened for signature, from the same file.
export async function up(db: Kysely<any>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		for (const [column, type] of [
			['status_page_url', 'text'],
			['status_page_format', 'text'],
			['opened_for_signature', 'text'],
			['unts_registration', 'text'],
			['unts_volume', 'integer'],
			['unts_page', 'integer'],
			['unts_source_id', 'text'],
			['unts_source_line', 'integer']
		] as const) {
			await trx.schema.alterTable('instruments').addColumn(column, type).execute();
		}
		await trx.schema
			.createTable('refresh_checks')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('instrument_slug', 'text', (c) => c.notNull().references('instruments.slug'))
			.addColumn('url', 'text', (c) => c.notNull())
			.addColumn('checked_at', 'text', (c) => c.notNull())
			// by the server's schedule or from the command line
			.addColumn('by', 'text', (c) => c.notNull().check(sql`by in ('schedule', 'command')`))
			.addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('changes', 'no-change', 'not-modified', 'failed')`))
			.addColumn('http_status', 'integer')
			.addColumn('etag', 'text')
			.addColumn('last_modified', 'text')
			.addColumn('message', 'text', (c) => c.notNull())
			// the page as fetched, kept when it differs from the record (import_files)
			.addColumn('file_id', 'integer', (c) => c.references('import_files.id'))
			// JSON { added, changed, absent, unchanged } when the page was read
			.addColumn('counts', 'text')
			.execute();
		await trx.schema.createIndex('refresh_checks_instrument').on('refresh_checks').columns(['instrument_slug', 'id']).execute();
	});
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('refresh_checks').execute();
}
