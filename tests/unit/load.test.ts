import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createDb, type Db } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { loadAll, LoadError } from '../../src/lib/server/load';
import { DATA_DIR, freshDb } from './db';

const FIXTURE = resolve(__dirname, 'fixtures/misspelt-participant');
const TIP_FILE = 'raw/crba_etl_2023_normlex_untc/untc_XVIII-12-a_X-4.csv';
const TABLES = ['sources', 'participants', 'participant_aliases', 'groups', 'memberships', 'instruments', 'events'] as const;

async function emptyDb(): Promise<Db> {
	const db = createDb(':memory:');
	await migrateToLatest(db);
	return db;
}

async function rowCounts(db: Db): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of TABLES) {
		const { n } = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		counts[table] = Number(n);
	}
	return counts;
}

function events(db: Db, instrument: string, participant: string) {
	return db
		.selectFrom('events')
		.selectAll()
		.where('instrument_slug', '=', instrument)
		.where('participant_code', '=', participant)
		.orderBy('id')
		.execute();
}

/** Runs a load that must fail and returns its LoadError. */
async function failedLoad(db: Db, dataDir: string): Promise<LoadError> {
	const error = await loadAll(db, { dataDir }).then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(LoadError);
	return error as LoadError;
}

describe('loading the real data', () => {
	test('the Trafficking Protocol has its 117 signatories', async () => {
		const db = await freshDb();
		const { n } = await db
			.selectFrom('events')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('instrument_slug', '=', 'trafficking-protocol')
			.where('kind', '=', 'signature')
			.executeTakeFirstOrThrow();
		expect(Number(n)).toBe(117);
	});

	test("Colombia's consent to the Trafficking Protocol is the UNTC deposit of 4 Aug 2004", async () => {
		const db = await freshDb();
		const rows = await events(db, 'trafficking-protocol', 'COL');
		expect(rows.map((e) => [e.kind, e.date])).toEqual([
			['signature', '2000-12-12'],
			['ratification', '2004-08-04']
		]);
		expect(rows[1]).toMatchObject({ source_id: 'untc-xviii-12-a-2023', source_line: 37, precision: 'day' });
	});

	test('loading twice adds no rows', async () => {
		const db = await freshDb();
		const before = await rowCounts(db);
		const report = await loadAll(db, { dataDir: DATA_DIR });
		expect(await rowCounts(db)).toEqual(before);
		expect(report.counts['inserted events']).toBe(0);
		expect(report.counts['inserted memberships']).toBe(0);
		expect(report.counts.events).toBe(before.events);
	});

	test('the European Union takes part as EUU', async () => {
		const db = await freshDb();
		const eu = await db.selectFrom('participants').selectAll().where('code', '=', 'EUU').executeTakeFirstOrThrow();
		expect(eu).toMatchObject({ name: 'European Union', kind: 'organisation', iso2: null, numeric: null });
		const rows = await events(db, 'trafficking-protocol', 'EUU');
		expect(rows.map((e) => [e.kind, e.date])).toEqual([
			['signature', '2000-12-12'],
			['approval', '2006-09-06']
		]);
	});

	test('footnote numbers glued to UNTC names are ignored: "China 1" is China, "Ukraine 6, 7" Ukraine', async () => {
		const db = await freshDb();
		expect((await events(db, 'trafficking-protocol', 'CHN')).map((e) => [e.kind, e.date, e.source_line])).toEqual([
			['accession', '2010-02-08', 36]
		]);
		expect((await events(db, 'trafficking-protocol', 'UKR')).map((e) => [e.kind, e.date])).toEqual([
			['signature', '2001-11-15'],
			['ratification', '2004-05-21']
		]);
	});

	test('the Firearms Protocol is read by its header, not by column position', async () => {
		const db = await freshDb();
		expect((await events(db, 'firearms-protocol', 'ARG')).map((e) => [e.kind, e.date])).toEqual([
			['signature', '2002-10-07'],
			['ratification', '2006-12-18']
		]);
		expect((await events(db, 'firearms-protocol', 'EUU')).map((e) => e.kind)).toEqual(['signature', 'approval']);
	});
});

describe('ILO instruments', () => {
	test('Malaysia ratified C105 in 1958 and denounced it on 10 Jan 1990', async () => {
		const db = await freshDb();
		const rows = await events(db, 'ilo-c105', 'MYS');
		expect(rows.map((e) => [e.kind, e.date])).toEqual([
			['ratification', '1958-10-13'],
			['denunciation', '1990-01-10']
		]);
		expect(rows[0].note).toBe('date of registration by the ILO');
	});

	test('NORMLEX declarations are split off the country name, and future entry into force is kept', async () => {
		const db = await freshDb();
		const [bissau] = await events(db, 'ilo-c138', 'GNB'); // "Guinea - BissauMinimum age specified: 14 years"
		expect(bissau.declarations).toBe('Minimum age specified: 14 years');
		const [guinea] = await events(db, 'ilo-c138', 'GIN');
		expect(guinea.declarations).toBe('Minimum age specified: 16 years');
		const [mexico] = await events(db, 'ilo-p029', 'MEX');
		expect(mexico).toMatchObject({ date: '2023-06-11', recorded_entry_into_force: '2024-06-11' });
	});

	test('C189: Germany keeps the quality flag of its inconsistent row and its dates as transcribed', async () => {
		const db = await freshDb();
		const [germany] = await events(db, 'ilo-c189', 'DEU');
		expect(germany).toMatchObject({ kind: 'ratification', date: '2012-09-20', recorded_entry_into_force: '2014-09-20' });
		expect(germany.quality_flag).toMatch(/^INCONSISTENT/);
		const [uruguay] = await events(db, 'ilo-c189', 'URY'); // consistent: its note is not a flag
		expect(uruguay.quality_flag).toBeNull();
	});
});

describe('partial sources', () => {
	test('CETS 197: Bulgaria has a ratification with no date, known only to precede entry into force', async () => {
		const db = await freshDb();
		const [bulgaria] = await events(db, 'cets-197', 'BGR');
		expect(bulgaria).toMatchObject({
			kind: 'ratification', date: null, precision: 'unknown', earliest: null,
			latest: '2008-02-01', recorded_entry_into_force: '2008-02-01'
		});
		// France: in force 1 May 2008, announced in the note of 2 March 2008, so deposited by then
		const [france] = await events(db, 'cets-197', 'FRA');
		expect(france).toMatchObject({ date: null, latest: '2008-03-02', recorded_entry_into_force: '2008-05-01' });
		// Austria's ratification is dated: the entry into force goes on it, with no extra event
		expect((await events(db, 'cets-197', 'AUT')).map((e) => [e.kind, e.date, e.recorded_entry_into_force])).toEqual([
			['ratification', '2006-10-12', '2008-02-01']
		]);
	});

	test('ACTIP: the ten members of 2015 signed in November 2015, and nobody invents the day', async () => {
		const db = await freshDb();
		const signatures = await db
			.selectFrom('events')
			.select(['participant_code', 'date', 'precision', 'earliest', 'latest'])
			.where('instrument_slug', '=', 'actip')
			.where('kind', '=', 'signature')
			.orderBy('participant_code')
			.execute();
		expect(signatures.map((s) => s.participant_code)).toEqual(['BRN', 'IDN', 'KHM', 'LAO', 'MMR', 'MYS', 'PHL', 'SGP', 'THA', 'VNM']);
		expect(signatures[0]).toMatchObject({ date: null, precision: 'month', earliest: '2015-11-01', latest: '2015-11-30' });
		const [thailand] = (await events(db, 'actip', 'THA')).filter((e) => e.kind === 'ratification');
		expect(thailand).toMatchObject({ date: null, earliest: '2016-01-25', latest: '2017-01-05' });
	});

	test('instruments say how complete their data is', async () => {
		const db = await freshDb();
		const rows = await db.selectFrom('instruments').select(['slug', 'data_status', 'data_source_id']).execute();
		const status = Object.fromEntries(rows.map((r) => [r.slug, r.data_status]));
		expect(status).toMatchObject({
			'trafficking-protocol': 'complete', 'ilo-c105': 'complete',
			'cets-197': 'partial', actip: 'partial', 'ilo-c189': 'partial',
			'ilo-c097': 'none', 'saarc-convention': 'none', 'osce-action-plan': 'none'
		});
		expect(rows.find((r) => r.slug === 'ilo-c097')?.data_source_id).toBeNull();
		const cets = await db.selectFrom('instruments').selectAll().where('slug', '=', 'cets-197').executeTakeFirstOrThrow();
		expect(cets).toMatchObject({ recorded_entry_into_force: '2008-02-01', recorded_entry_into_force_source_id: 'coe-cets197-excerpts' });
	});
});

describe('groups', () => {
	test('the United Kingdom was in the EU from 1973 to 31 Jan 2020; Greece left the Council of Europe 1969–1974', async () => {
		const db = await freshDb();
		const uk = await db.selectFrom('memberships').selectAll().where('group_slug', '=', 'european-union').where('participant_code', '=', 'GBR').execute();
		expect(uk.map((m) => [m.joined, m.left, m.precision])).toEqual([['1973-01-01', '2020-01-31', 'day']]);
		const greece = await db
			.selectFrom('memberships')
			.select(['joined', 'left', 'source_id'])
			.where('group_slug', '=', 'council-of-europe')
			.where('participant_code', '=', 'GRC')
			.orderBy('joined')
			.execute();
		expect(greece).toEqual([
			{ joined: '1949-01-01', left: '1969-12-31', source_id: 'treaty-tracker-membership-corrections' },
			{ joined: '1974-01-01', left: null, source_id: 'treaty-tracker-membership-corrections' }
		]);
	});

	test('193 UN members and 5 others take part; every State has its M49 region', async () => {
		const db = await freshDb();
		const { n } = await db
			.selectFrom('memberships')
			.select((eb) => eb.fn.count<number>('participant_code').distinct().as('n'))
			.where('group_slug', 'in', ['african-group', 'asia-pacific-group', 'eastern-european-group', 'grulac', 'weog'])
			.executeTakeFirstOrThrow();
		expect(Number(n)).toBe(193);
		const others = await db.selectFrom('participants').select('code').where('source_id', '=', 'treaty-tracker-participants').orderBy('code').execute();
		expect(others.map((p) => p.code)).toEqual(['COK', 'EUU', 'NIU', 'PSE', 'VAT']);
		const france = await db.selectFrom('participants').selectAll().where('code', '=', 'FRA').executeTakeFirstOrThrow();
		expect(france).toMatchObject({ name: 'France', iso2: 'FR', numeric: '250', region_code: '150', subregion: 'Western Europe' });
	});
});

describe('a bad data folder', () => {
	test('an unknown name stops the load at its file and line, and nothing of the run is kept', async () => {
		const db = await emptyDb();
		const error = await failedLoad(db, FIXTURE);
		expect(error.message).toBe(`${TIP_FILE}:7: unknown participant "Colombiaa"`);
		expect(error).toMatchObject({ file: TIP_FILE, line: 7, value: 'Colombiaa' });
		// UNTOC events and every participant were written before line 7 was read: all rolled back
		expect(await rowCounts(db)).toEqual(Object.fromEntries(TABLES.map((t) => [t, 0])));
	});

	test('a failed load leaves a loaded database as it was', async () => {
		const db = await freshDb();
		const before = await rowCounts(db);
		await failedLoad(db, FIXTURE);
		expect(await rowCounts(db)).toEqual(before);
	});

	test('a name that is a territory, not a participant, stops the load too', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'treaty-tracker-'));
		try {
			cpSync(FIXTURE, dir, { recursive: true });
			const file = join(dir, TIP_FILE);
			writeFileSync(file, readFileSync(file, 'utf8').replace('Colombiaa;', 'Hong Kong;'));
			const error = await failedLoad(await emptyDb(), dir);
			expect(error.message).toBe(`${TIP_FILE}:7: "Hong Kong" is HKG, which is not a participant`);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
