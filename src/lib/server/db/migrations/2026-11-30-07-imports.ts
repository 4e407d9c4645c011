import type { Kysely } from 'kysely';

// Frozen in time: this file must never import from the app.
// Imports from the browser: the file a person uploaded or pasted is kept (its bytes, in the
// database, so a backup holds it and nothing under the served folders does) and shown later as
// the source it became; each applied import is a row saying who brought which file into which
// instrument, at which revision, writing which acts; the column mapping confirmed for a pasted
// table is remembered per depositary, for next time; aliases say who added them.
export async function up(db: Kysely<any>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx.schema
			.createTable('import_files')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('media_type', 'text', (c) => c.notNull())
			.addColumn('size', 'integer', (c) => c.notNull())
			.addColumn('sha256', 'text', (c) => c.notNull())
			.addColumn('content', 'blob', (c) => c.notNull())
			.addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
			.addColumn('uploaded_at', 'text', (c) => c.notNull())
			// set when an import of it is applied: the source it became
			.addColumn('source_id', 'text', (c) => c.references('sources.id'))
			.execute();
		await trx.schema.createIndex('import_files_sha256').on('import_files').column('sha256').execute();
		await trx.schema.createIndex('import_files_source').on('import_files').column('source_id').execute();

		await trx.schema
			.createTable('imports')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('instrument_slug', 'text', (c) => c.notNull().references('instruments.slug'))
			.addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
			.addColumn('file_id', 'integer', (c) => c.references('import_files.id'))
			.addColumn('format', 'text', (c) => c.notNull())
			.addColumn('user_id', 'integer', (c) => c.references('users.id'))
			.addColumn('actor', 'text', (c) => c.notNull())
			.addColumn('at', 'text', (c) => c.notNull())
			.addColumn('revision', 'integer')
			.addColumn('written', 'integer', (c) => c.notNull())
			// JSON: the acts written ({act, op}), and those listed but left alone
			.addColumn('summary', 'text', (c) => c.notNull())
			.execute();
		await trx.schema.createIndex('imports_instrument').on('imports').column('instrument_slug').execute();

		await trx.schema
			.createTable('column_mappings')
			// the depositary a table was pasted from ('untc', 'coe', 'normlex', 'ohchr', 'other')
			.addColumn('origin', 'text', (c) => c.primaryKey())
			.addColumn('mapping', 'text', (c) => c.notNull()) // JSON ColumnMapping
			.addColumn('header', 'text') // the header row it was confirmed for, tab-separated
			.addColumn('updated_by', 'integer', (c) => c.references('users.id'))
			.addColumn('updated_at', 'text', (c) => c.notNull())
			.execute();

		await trx.schema.alterTable('participant_aliases').addColumn('added_by', 'text').execute();
		await trx.schema.alterTable('participant_aliases').addColumn('added_at', 'text').execute();
	});
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx.schema.alterTable('participant_aliases').dropColumn('added_at').execute();
		await trx.schema.alterTable('participant_aliases').dropColumn('added_by').execute();
		for (const t of ['column_mappings', 'imports', 'import_files']) await trx.schema.dropTable(t).execute();
	});
}
