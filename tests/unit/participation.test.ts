// The one write path: record, correct, retract — each one transaction with its version, its
// audit entry and a new revision, and nothing ever updated or deleted.
import { sql } from 'kysely';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/lib/server/sources/open';
import type { Db } from '../../src/lib/server/db';
import * as participation from '../../src/lib/server/record/participation';
import * as records from '../../src/lib/server/record/record';
import * as status from '../../src/lib/server/record/status';
import { WriteError, type ActAttributes } from '../../src/lib/server/record/participation';
import { currentActs, DATA_DIR, emptyDatabase } from './db';

// Bhutan's consent to the Trafficking Protocol is missing from the 2023 UNTC table; the Dutch
// treaty database gives its entry into force, 22 March 2023, so it was deposited no later.
const NL = 'nl-treaty-database-tip';
const BHUTAN = { instrument: 'trafficking-protocol', participant: 'BTN', kind: 'consent', seq: 1 } as const;
const BHUTAN_CONSENT: ActAttributes = {
	event: 'accession', date: null, precision: 'unknown', earliest: null, latest: '2023-03-22',
	declarations: null, territorial_application: null, recorded_entry_into_force: '2023-03-22',
	note: 'in force for Bhutan on 22 March 2023 (Dutch treaty database); the deposit date is not transcribed',
	quality_flag: null, source_id: NL, source_line: 42
};
const COL = { instrument: 'untoc', participant: 'COL', kind: 'consent', seq: 1 } as const;

// The record as the 2023 UNTC table left it, without Bhutan's accession (data/ now has it).
let withoutBhutan: string;
beforeAll(() => {
	withoutBhutan = mkdtempSync(join(tmpdir(), 'treaty-tracker-'));
	cpSync(DATA_DIR, withoutBhutan, { recursive: true, filter: (src) => !/\.db(-wal|-shm)?$/.test(src) });
	const acts = join(withoutBhutan, 'record/acts.csv');
	writeFileSync(acts, readFileSync(acts, 'utf8').split('\n').filter((l) => !l.startsWith('trafficking-protocol,BTN,')).join('\n'));
});
afterAll(() => rmSync(withoutBhutan, { recursive: true, force: true }));

let db: Db;
beforeEach(async () => {
	db = await openDatabase(await emptyDatabase(), { dataDir: withoutBhutan });
	await db
		.insertInto('sources')
		.values({
			id: NL, title: 'Verdragenbank: parties to the Trafficking in Persons Protocol (transcribed)', file: null,
			origin: 'https://verdragenbank.overheid.nl/', recorded_on: '2024-01-01', recorded_on_note: null, partial: 1,
			licence: null, note: null, table_of: null, format: null, sha256: null, added_by: 'a test'
		})
		.execute();
});

async function count(table: 'acts' | 'act_versions' | 'audit_log') {
	const { n } = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	return Number(n);
}

async function statusOf(slug: string, code: string, date: string) {
	const record = await records.get(db);
	const ir = record.instruments.get(slug)!;
	return status.statusOn(ir, ir.timelines.get(code), date).status;
}

async function refused(p: Promise<unknown>): Promise<WriteError> {
	const e = await p.then(() => null, (x: unknown) => x);
	expect(e).toBeInstanceOf(WriteError);
	return e as WriteError;
}

describe('recording an act', () => {
	test("makes Bhutan a party, seen by the next read, with one version and one audit entry", async () => {
		// no act in the 2014 table: the record cannot say in 2023 (unknown), only that it was "no action" then
		expect(await statusOf('trafficking-protocol', 'BTN', '2023-06-01')).toBe('unknown');
		expect(await statusOf('trafficking-protocol', 'BTN', '2010-06-01')).toBe('none');
		const before = { acts: await count('acts'), audit: await count('audit_log'), revision: (await records.get(db)).revision };
		const { revision } = await participation.record(db, { act: BHUTAN, values: BHUTAN_CONSENT, actor: 'a test' });
		expect(revision).toBe(before.revision + 1);
		expect(await count('acts')).toBe(before.acts + 1);
		expect(await count('audit_log')).toBe(before.audit + 1);
		// the cached record is keyed by the revision: no one had to clear it
		expect((await records.get(db)).revision).toBe(revision);
		expect(await statusOf('trafficking-protocol', 'BTN', '2023-06-01')).toBe('party');
		const [entry] = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).execute();
		expect(entry).toMatchObject({ actor: 'a test', action: 'record', entity: 'act', before: null, source_id: NL, revision });
		expect(entry.summary).toBe('BTN · trafficking-protocol · consent: accession by 2023-03-22');
	});

	test('an act already in the record is refused: it is corrected, not recorded twice', async () => {
		const values = { ...BHUTAN_CONSENT, event: 'ratification' as const, date: '2004-08-05', precision: 'day' as const, latest: null, recorded_entry_into_force: null };
		const e = await refused(participation.record(db, { act: COL, values, actor: 'a test' }));
		expect(e).toMatchObject({ field: 'act', problem: 'duplicate' });
		expect(e.message).toBe('act: COL · untoc · consent is already in the record (2004-08-04); correct it instead');
	});

	test.each([
		['event', { event: 'signature' }, 'event: BTN · trafficking-protocol · consent: a signature is not a consent'],
		['date', { date: '2023-02-30', precision: 'day' }, 'date: BTN · trafficking-protocol · consent: "2023-02-30" is not a date (YYYY-MM-DD)'],
		['date', { date: null, precision: 'day' }, 'date: BTN · trafficking-protocol · consent: a day-precision act needs its date'],
		['earliest', { earliest: '2023-04-01' }, 'earliest: BTN · trafficking-protocol · consent: 2023-04-01 is after the latest date 2023-03-22'],
		['source', { source_id: 'no-such-source' }, 'source: BTN · trafficking-protocol · consent: there is no source "no-such-source"']
	])('a bad %s is refused, naming the field, and nothing is written', async (field, change, message) => {
		const versions = await count('act_versions');
		const e = await refused(participation.record(db, { act: BHUTAN, values: { ...BHUTAN_CONSENT, ...(change as Partial<ActAttributes>) }, actor: 'a test' }));
		expect(e.field).toBe(field);
		expect(e.message).toBe(message);
		expect(await count('act_versions')).toBe(versions);
	});

	test('an unknown participant or instrument is refused before anything is written', async () => {
		expect((await refused(participation.record(db, { act: { ...BHUTAN, participant: 'BHU' }, values: BHUTAN_CONSENT, actor: 'a test' }))).message)
			.toBe('participant: there is no participant "BHU"');
		expect((await refused(participation.record(db, { act: { ...BHUTAN, instrument: 'palermo' }, values: BHUTAN_CONSENT, actor: 'a test' }))).message)
			.toBe('instrument: there is no instrument "palermo"');
	});

	test('one refused write refuses the whole change', async () => {
		const revision = (await records.get(db)).revision;
		const versions = await count('act_versions');
		await refused(
			participation.apply(db, {
				actor: 'a test',
				writes: [
					{ op: 'record', act: BHUTAN, values: BHUTAN_CONSENT },
					{ op: 'retract', act: { ...COL, seq: 2 }, reason: 'no such act' }
				]
			})
		);
		expect(await count('act_versions')).toBe(versions);
		expect((await records.get(db)).revision).toBe(revision);
	});
});

describe('correcting and retracting', () => {
	test('a correction is a new version; the old one stays, and the audit entry has both', async () => {
		await participation.correct(db, { act: COL, changes: { date: '2004-08-05' }, source: NL, reason: 'date per the depositary notification', actor: 'a test' });
		const history = await participation.history(db, COL);
		expect(history.map((v) => [v.version, v.date, v.source_id, v.reason])).toEqual([
			[1, '2004-08-04', 'untc-xviii-12-2014', null],
			[2, '2004-08-05', NL, 'date per the depositary notification']
		]);
		const [entry] = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).execute();
		expect(entry).toMatchObject({ action: 'correct', reason: 'date per the depositary notification' });
		expect([JSON.parse(entry.before!).date, JSON.parse(entry.after!).date]).toEqual(['2004-08-04', '2004-08-05']);
	});

	test('a correction made from an old version is a conflict, not an overwrite', async () => {
		await participation.correct(db, { act: COL, changes: { date: '2004-08-05' }, source: NL, reason: 'first editor', actor: 'editor one', basedOn: 1 });
		const e = await refused(
			participation.correct(db, { act: COL, changes: { date: '2004-08-06' }, source: NL, reason: 'second editor', actor: 'editor two', basedOn: 1 })
		);
		expect(e).toMatchObject({ field: 'basedOn', problem: 'conflict' });
		expect(e.message).toMatch(/has changed since version 1 was read \(it is at version 2\)/);
		expect((await currentActs(db, 'untoc', 'COL')).find((a) => a.act === 'consent')?.date).toBe('2004-08-05');
	});

	test('a correction needs a reason and must change something', async () => {
		expect((await refused(participation.correct(db, { act: COL, changes: { date: '2004-08-05' }, source: NL, reason: ' ', actor: 'a test' }))).field).toBe('reason');
		const same = await refused(
			participation.correct(db, { act: COL, changes: { source_id: 'untc-xviii-12-2014', source_line: 37 }, source: 'untc-xviii-12-2014', reason: 'again', actor: 'a test' })
		);
		expect(same.problem).toBe('unchanged');
	});

	test('a retracted act no longer counts; its versions stay; it can be restored by a correction', async () => {
		expect(await statusOf('untoc', 'COL', '2010-01-01')).toBe('party');
		await participation.retract(db, { act: COL, reason: 'entered in error (test)', actor: 'a test' });
		expect(await statusOf('untoc', 'COL', '2010-01-01')).toBe('signed');
		expect((await participation.history(db, COL)).map((v) => [v.version, v.retracted])).toEqual([[1, 0], [2, 1]]);
		expect((await refused(participation.retract(db, { act: COL, reason: 'twice', actor: 'a test' }))).problem).toBe('unchanged');
		await participation.correct(db, { act: COL, changes: {}, source: 'untc-xviii-12-2014', reason: 'restored', actor: 'a test' });
		expect(await statusOf('untoc', 'COL', '2010-01-01')).toBe('party');
	});
});

describe('append-only', () => {
	test.each(['audit_log', 'act_versions', 'acts'])('the database refuses UPDATE and DELETE on %s', async (table) => {
		await expect(sql.raw(`update ${table} set id = id`).execute(db)).rejects.toThrow(`${table} is append-only`);
		await expect(sql.raw(`delete from ${table}`).execute(db)).rejects.toThrow(`${table} is append-only`);
	});

	test('every write leaves exactly one audit entry', async () => {
		const before = await count('audit_log');
		await participation.record(db, { act: BHUTAN, values: BHUTAN_CONSENT, actor: 'a test' });
		await participation.correct(db, { act: BHUTAN, changes: { event: 'ratification' }, source: NL, reason: 'form', actor: 'a test' });
		await participation.retract(db, { act: BHUTAN, reason: 'test', actor: 'a test' });
		expect(await count('audit_log')).toBe(before + 3);
		expect(await count('act_versions')).toBe((await count('audit_log')));
	});
});
