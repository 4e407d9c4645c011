import { sql, type Kysely } from 'kysely';
import { appendOnly, dropAppendOnly, nowIso } from '../dialect';

// Frozen in time: this file must never import from the app (../dialect is the database's, not the app's).
//
// Participation acts get an identity of their own. An act is what happened — instrument,
// participant, kind of act (signature, consent, denunciation, endorsement) and a sequence
// number for an act that truly repeats (a second consent after a denunciation) — and its date,
// form (ratification, accession…), declarations and source are attributes of its versions. A
// correction appends a version, a retraction appends a retracted version; nothing is updated
// or deleted. Every write goes with an audit entry and a new revision of the record.
//
// The `events` table this replaces was a cache of data/ with no identity: a corrected row became
// a second event. It is dropped, not converted; the app seeds the new tables from data/ when
// the record has never been seeded (record_meta.seeded_at is null).
export async function up(db: Kysely<any>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await dropAppendOnly(trx, 'events', 'update');
		await trx.schema.dropTable('events').ifExists().execute();

		// One row: the revision of the record, bumped by every write, and when it was seeded.
		await trx.schema
			.createTable('record_meta')
			.addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
			.addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('seeded_at', 'text')
			.addColumn('seeded_from', 'text')
			// hash of the reference files (instruments, participants, groups…) last brought in
			.addColumn('reference_hash', 'text')
			.execute();
		await trx.insertInto('record_meta').values({ id: 1, revision: 0 }).execute();

		await trx.schema
			.createTable('acts')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('instrument_slug', 'text', (c) => c.notNull().references('instruments.slug'))
			.addColumn('participant_code', 'text', (c) => c.notNull().references('participants.code'))
			.addColumn('kind', 'text', (c) =>
				c.notNull().check(sql`kind in ('signature', 'consent', 'denunciation', 'endorsement')`)
			)
			.addColumn('seq', 'integer', (c) => c.notNull().defaultTo(1).check(sql`seq >= 1`))
			.addColumn('revision', 'integer', (c) => c.notNull()) // the revision that first recorded it
			.addUniqueConstraint('acts_identity', ['instrument_slug', 'participant_code', 'kind', 'seq'])
			.execute();
		await trx.schema.createIndex('acts_participant').on('acts').column('participant_code').execute();

		await trx.schema
			.createTable('act_versions')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('act_id', 'integer', (c) => c.notNull().references('acts.id'))
			.addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
			.addColumn('retracted', 'integer', (c) => c.notNull().defaultTo(0).check(sql`retracted in (0, 1)`))
			// what the depositary recorded: the form of the act
			.addColumn('event', 'text', (c) =>
				c.notNull().check(
					sql`event in ('signature', 'ratification', 'acceptance', 'approval', 'accession', 'succession', 'formal-confirmation', 'definitive-signature', 'denunciation', 'endorsement')`
				)
			)
			// Exact date when the source gives the day; otherwise null with the bounds it does give.
			.addColumn('date', 'text')
			.addColumn('precision', 'text', (c) => c.notNull().check(sql`precision in ('day', 'month', 'year', 'unknown')`))
			.addColumn('earliest', 'text')
			.addColumn('latest', 'text')
			.addColumn('declarations', 'text')
			.addColumn('territorial_application', 'text')
			.addColumn('recorded_entry_into_force', 'text')
			.addColumn('note', 'text')
			.addColumn('quality_flag', 'text')
			.addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
			.addColumn('source_line', 'integer')
			.addColumn('reason', 'text') // why it was corrected or retracted
			.addColumn('revision', 'integer', (c) => c.notNull())
			.addColumn('recorded_at', 'text', (c) => c.notNull().defaultTo(nowIso(trx)))
			.addUniqueConstraint('act_versions_order', ['act_id', 'version'])
			.execute();

		await trx.schema
			.createTable('audit_log')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('at', 'text', (c) => c.notNull().defaultTo(nowIso(trx)))
			.addColumn('actor', 'text', (c) => c.notNull()) // 'seed data', 'import: <source id>', later a user
			.addColumn('action', 'text', (c) => c.notNull()) // record, correct, retract…
			.addColumn('entity', 'text', (c) => c.notNull()) // 'act'; reviews and users later
			.addColumn('entity_id', 'text', (c) => c.notNull())
			.addColumn('summary', 'text', (c) => c.notNull()) // "COL · untoc · consent 1"
			.addColumn('before', 'text') // JSON of the version replaced; null when recorded
			.addColumn('after', 'text') // JSON of the new version
			.addColumn('source_id', 'text')
			.addColumn('reason', 'text')
			.addColumn('revision', 'integer', (c) => c.notNull())
			.execute();
		await trx.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();

		// Every act with its current version (retracted ones too): what status is derived from.
		await sql`create view current_acts as
			select a.id as act_id, a.instrument_slug, a.participant_code, a.kind as act, a.seq,
				v.id, v.version, v.retracted, v.event, v.date, v.precision, v.earliest, v.latest, v.declarations,
				v.territorial_application, v.recorded_entry_into_force, v.note, v.quality_flag, v.source_id,
				v.source_line, v.reason, v.revision, v.recorded_at
			from acts a join act_versions v on v.act_id = a.id
			where v.version = (select max(w.version) from act_versions w where w.act_id = a.id)`.execute(trx);

		for (const table of ['acts', 'act_versions', 'audit_log']) await appendOnly(trx, table, ['update', 'delete']);

		// Sources say what they are: a status table of an instrument (which the record was brought
		// in from, and whose "as recorded on" date is the instrument's record date), read in a
		// format; and who added them (null: the shipped catalogue, data/sources.json).
		await trx.schema.alterTable('sources').addColumn('table_of', 'text').execute();
		await trx.schema.alterTable('sources').addColumn('format', 'text').execute();
		await trx.schema.alterTable('sources').addColumn('sha256', 'text').execute();
		await trx.schema.alterTable('sources').addColumn('added_by', 'text').execute();

		// The instrument's record date and completeness follow from its sources now.
		await trx.schema.alterTable('instruments').dropColumn('data_source_id').execute();
		await trx.schema.alterTable('instruments').dropColumn('data_status').execute();
		// Who may join and whether it binds, as data read everywhere alike.
		await trx.schema.alterTable('instruments').addColumn('binding', 'integer', (c) => c.notNull().defaultTo(1)).execute();
		// JSON array of group slugs whose members may join; null: any State
		await trx.schema.alterTable('instruments').addColumn('open_to_groups', 'text').execute();
		// JSON array of participant codes that may join although not members (art. 43 invitations)
		await trx.schema.alterTable('instruments').addColumn('open_to_named', 'text', (c) => c.notNull().defaultTo('[]')).execute();
		// regional economic integration organisations (the EU) may join
		await trx.schema
			.alterTable('instruments')
			.addColumn('open_to_organisations', 'integer', (c) => c.notNull().defaultTo(0))
			.execute();
	});
}

export async function down(): Promise<void> {
	throw new Error('2026-11-30-01-acts cannot be undone: the events table it replaced was a cache of data/');
}
