// Seeding the record from data/: the reference files and every act of data/record/acts.csv,
// through the one write path, in one transaction. Checked against the real data.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createDb, type Db } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { openDatabase } from '../../src/lib/server/sources/open';
import { ACTS_FILE, LoadError, seed, syncReference } from '../../src/lib/server/sources/load';
import { currentActs as events, DATA_DIR, freshDb, withDataCopy, databaseAt, emptyDatabase } from './db';
import * as records from '../../src/lib/server/record/record';

const TABLES = ['sources', 'participants', 'participant_aliases', 'groups', 'memberships', 'instruments', 'acts', 'act_versions', 'audit_log'] as const;

async function emptyDb(): Promise<Db> {
	const db = createDb(await emptyDatabase());
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

/** Runs a seed that must fail and returns its LoadError. */
async function failedSeed(db: Db, dataDir: string): Promise<LoadError> {
	const error = await seed(db, { dataDir }).then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(LoadError);
	return error as LoadError;
}

/** The line of acts.csv that starts with `prefix`, and the file's lines. */
function actsLine(dir: string, prefix: string): { lines: string[]; index: number } {
	const lines = readFileSync(join(dir, ACTS_FILE), 'utf8').split('\n');
	const index = lines.findIndex((l) => l.startsWith(prefix));
	expect(index).toBeGreaterThan(0);
	return { lines, index };
}

describe('loading the real data', () => {
	test('the Trafficking Protocol has its 117 signatories', async () => {
		const db = await freshDb();
		const { n } = await db
			.selectFrom('current_acts')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('instrument_slug', '=', 'trafficking-protocol')
			.where('act', '=', 'signature')
			.executeTakeFirstOrThrow();
		expect(Number(n)).toBe(117);
	});

	test("Colombia's consent to the Trafficking Protocol is the UNTC deposit of 4 Aug 2004", async () => {
		const db = await freshDb();
		const rows = await events(db, 'trafficking-protocol', 'COL');
		expect(rows.map((e) => [e.event, e.date])).toEqual([
			['signature', '2000-12-12'],
			['ratification', '2004-08-04']
		]);
		expect(rows[1]).toMatchObject({ source_id: 'untc-xviii-12-a-2023', source_line: 37, precision: 'day', act: 'consent', seq: 1, version: 1 });
	});

	test('every act is recorded once, by the seed, with one audit entry each, in one revision', async () => {
		const db = await freshDb();
		const counts = await rowCounts(db);
		const lines = readFileSync(join(DATA_DIR, ACTS_FILE), 'utf8').trim().split('\n').length - 1;
		expect(counts.acts).toBe(lines);
		expect(counts.act_versions).toBe(lines);
		expect(counts.audit_log).toBe(lines);
		const actors = await db.selectFrom('audit_log').select(['actor', 'action', 'revision']).distinct().execute();
		expect(actors).toEqual([{ actor: 'seed data', action: 'record', revision: 1 }]);
	});

	test('a seeded database is never seeded again: reopening it or bringing the reference in adds nothing', async () => {
		await withDataCopy(async (dir) => {
			const file = join(dir, 'tracker.db');
			const first = await openDatabase(await databaseAt(file), { dataDir: dir });
			const before = await rowCounts(first);
			await expect(seed(first, { dataDir: dir })).rejects.toThrow(/already seeded/);
			const report = await syncReference(first, { dataDir: dir });
			expect(report.counts['inserted memberships']).toBe(0);
			expect(await rowCounts(first)).toEqual(before);
			await first.destroy();
			// A changed record file is not read behind the user's back: it is brought in by an import.
			const { lines, index } = actsLine(dir, 'trafficking-protocol,COL,consent,');
			writeFileSync(join(dir, ACTS_FILE), lines.filter((_, i) => i !== index).join('\n'));
			const again = await openDatabase(await databaseAt(file), { dataDir: dir });
			expect(await rowCounts(again)).toEqual(before);
			expect((await events(again, 'trafficking-protocol', 'COL')).map((e) => e.event)).toEqual(['signature', 'ratification']);
			await again.destroy();
		});
	});

	test('the European Union takes part as EUU', async () => {
		const db = await freshDb();
		const eu = await db.selectFrom('participants').selectAll().where('code', '=', 'EUU').executeTakeFirstOrThrow();
		expect(eu).toMatchObject({ name: 'European Union', kind: 'organisation', iso2: null, numeric: null });
		const rows = await events(db, 'trafficking-protocol', 'EUU');
		expect(rows.map((e) => [e.event, e.date])).toEqual([
			['signature', '2000-12-12'],
			['approval', '2006-09-06']
		]);
	});

	test('footnote numbers glued to UNTC names are ignored: "China 1" is China, "Ukraine 6, 7" Ukraine', async () => {
		const db = await freshDb();
		expect((await events(db, 'trafficking-protocol', 'CHN')).map((e) => [e.event, e.date, e.source_line])).toEqual([
			['accession', '2010-02-08', 36]
		]);
		expect((await events(db, 'trafficking-protocol', 'UKR')).map((e) => [e.event, e.date])).toEqual([
			['signature', '2001-11-15'],
			['ratification', '2004-05-21']
		]);
	});

	test('the Firearms Protocol is read by its header, not by column position', async () => {
		const db = await freshDb();
		expect((await events(db, 'firearms-protocol', 'ARG')).map((e) => [e.event, e.date])).toEqual([
			['signature', '2002-10-07'],
			['ratification', '2006-12-18']
		]);
		expect((await events(db, 'firearms-protocol', 'EUU')).map((e) => e.event)).toEqual(['signature', 'approval']);
	});
});

describe('ILO instruments', () => {
	test('Malaysia ratified C105 in 1958 and denounced it on 10 Jan 1990', async () => {
		const db = await freshDb();
		const rows = await events(db, 'ilo-c105', 'MYS');
		expect(rows.map((e) => [e.event, e.date])).toEqual([
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
		expect(germany).toMatchObject({ event: 'ratification', date: '2012-09-20', recorded_entry_into_force: '2014-09-20' });
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
			event: 'ratification', date: null, precision: 'unknown', earliest: null,
			latest: '2008-02-01', recorded_entry_into_force: '2008-02-01'
		});
		// France: in force 1 May 2008, announced in the note of 2 March 2008, so deposited by then
		const [france] = await events(db, 'cets-197', 'FRA');
		expect(france).toMatchObject({ date: null, latest: '2008-03-02', recorded_entry_into_force: '2008-05-01' });
		// Austria's ratification is dated: the entry into force goes on it, with no extra event
		expect((await events(db, 'cets-197', 'AUT')).map((e) => [e.event, e.date, e.recorded_entry_into_force])).toEqual([
			['ratification', '2006-10-12', '2008-02-01']
		]);
	});

	test('ACTIP: the ten members of 2015 signed in November 2015, and nobody invents the day', async () => {
		const db = await freshDb();
		const signatures = await db
			.selectFrom('current_acts')
			.select(['participant_code', 'date', 'precision', 'earliest', 'latest'])
			.where('instrument_slug', '=', 'actip')
			.where('act', '=', 'signature')
			.orderBy('participant_code')
			.execute();
		expect(signatures.map((s) => s.participant_code)).toEqual(['BRN', 'IDN', 'KHM', 'LAO', 'MMR', 'MYS', 'PHL', 'SGP', 'THA', 'VNM']);
		expect(signatures[0]).toMatchObject({ date: null, precision: 'month', earliest: '2015-11-01', latest: '2015-11-30' });
		const [thailand] = (await events(db, 'actip', 'THA')).filter((e) => e.event === 'ratification');
		expect(thailand).toMatchObject({ date: null, earliest: '2016-01-25', latest: '2017-01-05' });
	});

	test('instruments say how complete their data is, from the status tables they were brought in from', async () => {
		const db = await freshDb();
		const record = await records.get(db);
		const status = Object.fromEntries([...record.instruments].map(([slug, ir]) => [slug, ir.dataStatus]));
		expect(status).toMatchObject({
			'trafficking-protocol': 'complete', 'ilo-c105': 'complete',
			'cets-197': 'partial', actip: 'partial', 'ilo-c189': 'partial',
			'ilo-c181': 'none',
			// partial tables: 28 of C097's 54 ratifications (NORMLEX, French), 17 of C143's 23 (Wikipedia, years)
			'ilo-c097': 'partial', 'ilo-c143': 'partial',
			// facts without a status table: the SAARC Convention's seven ratifications, by 15 Nov 2005
			'saarc-convention': 'partial',
			// a plan's endorsements follow from who belonged to the bodies that adopted it
			'osce-action-plan': 'complete'
		});
		expect(record.instruments.get('ilo-c181')?.source).toBeNull();
		expect(record.instruments.get('ilo-c097')?.source).toMatchObject({ id: 'ilo-c097-normlex-fr-partial', partial: 1 });
		expect(record.instruments.get('untoc')?.source).toMatchObject({ id: 'untc-xviii-12-2014', recorded_on: '2014-01-27' });
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

	test('193 UN members and 5 others take part; every State has its M49 region; Palestine is in the Asia-Pacific Group', async () => {
		const db = await freshDb();
		const { n } = await db
			.selectFrom('memberships')
			.select((eb) => eb.fn.count<number>('participant_code').distinct().as('n'))
			.where('group_slug', 'in', ['african-group', 'asia-pacific-group', 'eastern-european-group', 'grulac', 'weog'])
			.executeTakeFirstOrThrow();
		// the 193 UN members, and the State of Palestine (Asian Group, 2 April 1986: membership-corrections.csv)
		expect(Number(n)).toBe(194);
		const others = await db.selectFrom('participants').select('code').where('source_id', '=', 'treaty-tracker-participants').orderBy('code').execute();
		expect(others.map((p) => p.code)).toEqual(['COK', 'EUU', 'NIU', 'PSE', 'VAT']);
		const france = await db.selectFrom('participants').selectAll().where('code', '=', 'FRA').executeTakeFirstOrThrow();
		expect(france).toMatchObject({ name: 'France', iso2: 'FR', numeric: '250', region_code: '150', subregion: 'Western Europe' });
	});
});

describe('a bad record file', () => {
	test('an unknown participant stops the seed at its line, and nothing of the run is kept', async () => {
		await withDataCopy(async (dir) => {
			const { lines, index } = actsLine(dir, 'trafficking-protocol,COL,consent,');
			lines[index] = lines[index].replace('trafficking-protocol,COL,', 'trafficking-protocol,COLL,');
			writeFileSync(join(dir, ACTS_FILE), lines.join('\n'));
			const db = await emptyDb();
			const error = await failedSeed(db, dir);
			expect(error.message).toBe(`${ACTS_FILE}:${index + 1}: participant: there is no participant "COLL"`);
			expect(error).toMatchObject({ file: ACTS_FILE, line: index + 1, value: 'COLL' });
			// participants, instruments and 1,000 acts were written before that line was read: all rolled back
			expect(await rowCounts(db)).toEqual(Object.fromEntries(TABLES.map((t) => [t, 0])));
			expect((await db.selectFrom('record_meta').selectAll().executeTakeFirstOrThrow()).seeded_at).toBeNull();
		});
	});

	test('a malformed date names the column, and a source missing from the catalogue names the source', async () => {
		await withDataCopy(async (dir) => {
			const { lines, index } = actsLine(dir, 'trafficking-protocol,COL,consent,');
			const original = lines[index];
			lines[index] = original.replace('2004-08-04', '2004-08-32');
			writeFileSync(join(dir, ACTS_FILE), lines.join('\n'));
			expect((await failedSeed(await emptyDb(), dir)).message).toBe(`${ACTS_FILE}:${index + 1}: date: not a date (YYYY-MM-DD): "2004-08-32"`);
			lines[index] = original.replace('untc-xviii-12-a-2023', 'untc-xviii-12-a-2031');
			writeFileSync(join(dir, ACTS_FILE), lines.join('\n'));
			expect((await failedSeed(await emptyDb(), dir)).message).toMatch(new RegExp(`^${ACTS_FILE}:${index + 1}: source: there is no source "untc-xviii-12-a-2031"`));
		});
	});

	test('the same act twice in the file is refused', async () => {
		await withDataCopy(async (dir) => {
			const { lines, index } = actsLine(dir, 'trafficking-protocol,COL,consent,');
			lines.splice(index + 1, 0, lines[index].replace('2004-08-04', '2004-08-05'));
			writeFileSync(join(dir, ACTS_FILE), lines.join('\n'));
			const error = await failedSeed(await emptyDb(), dir);
			expect(error.message).toMatch(/COL · trafficking-protocol · consent is already in the record/);
		});
	});
});
