import { sql, type Kysely } from 'kysely';
import { appendOnly, dropAppendOnly, nowIso } from '../dialect';

// Frozen in time: this file must never import from the app (../dialect is the database's, not the app's).
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('sources')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('file', 'text') // path under data/, when the record came from a shipped file
		.addColumn('origin', 'text', (c) => c.notNull()) // URL or repository@commit:path
		.addColumn('recorded_on', 'text') // "as recorded on" (ISO date; null when unknown)
		.addColumn('recorded_on_note', 'text') // how that date is known ("inferred from latest action")
		.addColumn('partial', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('licence', 'text')
		.addColumn('note', 'text')
		.execute();

	await db.schema
		.createTable('participants')
		.addColumn('code', 'text', (c) => c.primaryKey()) // ISO 3166-1 alpha-3; EUU for the European Union
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('state', 'organisation')`))
		.addColumn('iso2', 'text')
		.addColumn('numeric', 'text') // ISO 3166-1 numeric, zero-padded ("004"): the world-atlas id
		.addColumn('region_code', 'text')
		.addColumn('region', 'text')
		.addColumn('subregion_code', 'text')
		.addColumn('subregion', 'text')
		.addColumn('sids', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
		.execute();

	await db.schema
		.createTable('participant_aliases')
		.addColumn('alias', 'text', (c) => c.primaryKey()) // normalised: lower case, no footnotes
		.addColumn('code', 'text', (c) => c.notNull().references('participants.code'))
		.addColumn('note', 'text')
		.execute();

	await db.schema
		.createTable('groups')
		.addColumn('slug', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('un-regional-group', 'region', 'subregion', 'organisation')`)
		)
		.addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
		.addColumn('note', 'text')
		.execute();

	await db.schema
		.createTable('memberships')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('group_slug', 'text', (c) => c.notNull().references('groups.slug'))
		.addColumn('participant_code', 'text', (c) => c.notNull().references('participants.code'))
		// joined/left are ISO dates at the precision given: 'day' (2004-05-01), 'year' (first/last
		// full year a yearly source records), or null when the source gives no date.
		.addColumn('joined', 'text')
		.addColumn('left', 'text')
		.addColumn('precision', 'text', (c) => c.notNull().defaultTo('day').check(sql`precision in ('day', 'year', 'unknown')`))
		.addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
		.addColumn('note', 'text')
		.execute();
	await db.schema.createIndex('memberships_group').on('memberships').column('group_slug').execute();
	await db.schema.createIndex('memberships_participant').on('memberships').column('participant_code').execute();

	await db.schema
		.createTable('instruments')
		.addColumn('slug', 'text', (c) => c.primaryKey())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('short_title', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('convention', 'protocol', 'plan')`))
		.addColumn('body', 'text', (c) => c.notNull()) // UN, ILO, Council of Europe, ASEAN…
		.addColumn('depositary', 'text')
		.addColumn('reference', 'text') // UNTC chapter (XVIII-12-a), CETS No., ILO number
		.addColumn('adopted', 'text')
		.addColumn('parent_slug', 'text', (c) => c.references('instruments.slug'))
		.addColumn('prerequisite_slug', 'text', (c) => c.references('instruments.slug'))
		.addColumn('eif_rule', 'text', (c) => c.notNull()) // JSON: { kind, ...parameters }
		.addColumn('open_to', 'text')
		.addColumn('source_url', 'text')
		.addColumn('data_source_id', 'text', (c) => c.references('sources.id')) // newest source of its events
		.addColumn('data_status', 'text', (c) =>
			c.notNull().check(sql`data_status in ('complete', 'partial', 'none')`)
		)
		// entry into force as a source states it; only used when the event log cannot compute it
		.addColumn('recorded_entry_into_force', 'text')
		.addColumn('recorded_entry_into_force_source_id', 'text', (c) => c.references('sources.id'))
		.addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('note', 'text')
		.execute();

	await db.schema
		.createTable('events')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('instrument_slug', 'text', (c) => c.notNull().references('instruments.slug'))
		.addColumn('participant_code', 'text', (c) => c.notNull().references('participants.code'))
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(
				sql`kind in ('signature', 'ratification', 'acceptance', 'approval', 'accession', 'succession', 'formal-confirmation', 'definitive-signature', 'denunciation', 'endorsement')`
			)
		)
		// Exact date when the source gives the day; otherwise null with the bounds the source
		// does give: earliest/latest ("deposited by 2016-01-25", "ratified by the end of 2011").
		.addColumn('date', 'text')
		.addColumn('precision', 'text', (c) =>
			c.notNull().check(sql`precision in ('day', 'month', 'year', 'unknown')`)
		)
		.addColumn('earliest', 'text')
		.addColumn('latest', 'text')
		.addColumn('declarations', 'text')
		.addColumn('territorial_application', 'text')
		.addColumn('recorded_entry_into_force', 'text') // as stated by the source, for cross-checks
		.addColumn('note', 'text')
		.addColumn('quality_flag', 'text')
		.addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
		.addColumn('source_line', 'integer')
		.addColumn('recorded_at', 'text', (c) => c.notNull().defaultTo(nowIso(db)))
		.execute();
	await db.schema
		.createIndex('events_instrument')
		.on('events')
		.columns(['instrument_slug', 'participant_code'])
		.execute();
	await db.schema.createIndex('events_participant').on('events').column('participant_code').execute();

	// Append-only: an event is corrected by a new event, never edited in place.
	await appendOnly(db, 'events', ['update']);
}

export async function down(db: Kysely<any>): Promise<void> {
	await dropAppendOnly(db, 'events', 'update');
	for (const t of ['events', 'instruments', 'memberships', 'groups', 'participant_aliases', 'participants', 'sources']) {
		await db.schema.dropTable(t).ifExists().execute();
	}
}
