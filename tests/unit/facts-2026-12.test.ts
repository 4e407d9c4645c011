// Facts of the third transcription pass (data/raw/transcribed_2026_12/, issue 19 point 3), each in
// the record with its source: expected values are read off the transcribed rows, line by line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvParse } from 'd3-dsv';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import * as groups from '../../src/lib/server/record/groups';
import * as policy from '../../src/lib/server/views/policy';
import * as imports from '../../src/lib/server/sources/imports';
import * as status from '../../src/lib/server/record/status';
import { DATA_DIR, currentActs, freshDb } from './db';

let db: Db;
beforeAll(async () => {
	db = await freshDb();
});

async function statusIn(code: string, slug: string, asOf: string) {
	const p = (await status.participant(db, { code, asOf }))!;
	return p.instruments.find((i) => i.slug === slug)!;
}

describe('UNTOC consents of 2014 from the Austrian scope notice BGBl. III Nr. 232/2014', () => {
	it('Sierra Leone ratified on 12 August 2014 (line 46) and is a party from the 30th day (art. 38(2)), in 2015 and today', async () => {
		const [consent] = (await currentActs(db, 'untoc', 'SLE')).filter((a) => a.act === 'consent');
		expect(consent).toMatchObject({ event: 'ratification', date: '2014-08-12', source_id: 'at-bgbl-scope-notices-2006-2014', source_line: 46 });
		expect(await statusIn('SLE', 'untoc', '2014-08-01')).toMatchObject({ status: 'signed' });
		expect(await statusIn('SLE', 'untoc', '2015-01-01')).toMatchObject({ status: 'party', entryIntoForce: '2014-09-11' });
		expect((await statusIn('SLE', 'untoc', '2026-12-01')).status).toBe('party');
	});

	it('Eritrea acceded on 25 September 2014 (line 45): no action before, a party after', async () => {
		const [consent] = (await currentActs(db, 'untoc', 'ERI')).filter((a) => a.act === 'consent');
		expect(consent).toMatchObject({ event: 'accession', date: '2014-09-25', source_line: 45 });
		expect((await statusIn('ERI', 'untoc', '2015-01-01')).status).toBe('party');
		expect((await statusIn('ERI', 'untoc', '2026-12-01')).status).toBe('party');
	});

	it('Tonga (3 October 2014) and Barbados (11 November 2014) are parties in 2015', async () => {
		expect((await statusIn('TON', 'untoc', '2015-01-01')).status).toBe('party');
		expect((await statusIn('BRB', 'untoc', '2015-01-01')).status).toBe('party');
	});

	it('Gabon’s Smuggling Protocol row of notice 117/2010 (line 60) is an error of the notice: not in the record', async () => {
		expect(await currentActs(db, 'smuggling-protocol', 'GAB')).toEqual([]);
	});
});

describe('the SAARC Convention (saarc_trafficking_convention_facts_TRANSCRIBED.csv)', () => {
	it('the seven members of 2005 are parties on 15 November 2005, each ratification dated only "by" that day', async () => {
		for (const code of ['BGD', 'BTN', 'IND', 'MDV', 'NPL', 'PAK', 'LKA']) {
			const s = await statusIn(code, 'saarc-convention', '2005-11-15');
			expect(s, code).toMatchObject({ status: 'party', consent: { date: null, precision: 'unknown', knownBy: '2005-11-15' } });
			expect(s.signature, code).toBe('2002-01-05');
		}
		const saarc = (await status.instruments(db, { asOf: '2006-01-01' })).find((i) => i.slug === 'saarc-convention')!;
		expect(saarc).toMatchObject({ entryIntoForce: '2005-11-15', entryIntoForceBasis: 'recorded', dataStatus: 'partial' });
		expect(saarc.counts).toMatchObject({ parties: 7, signatories: 7 });
	});

	it('Afghanistan signed in 2007 (line 4), the year only', async () => {
		const [signature] = await currentActs(db, 'saarc-convention', 'AFG');
		expect(signature).toMatchObject({ event: 'signature', date: null, precision: 'year', earliest: '2007-01-01', latest: '2007-12-31' });
	});
});

describe('the State of Palestine', () => {
	it('is in the Asia-Pacific Group from 2 April 1986 (the Asian Group accepted the PLO as a full member; line 6)', async () => {
		const slugs = async (asOf: string) => (await groups.ofParticipant(db, { code: 'PSE', asOf })).map((g) => g.slug);
		expect(await slugs('2020-01-01')).toContain('asia-pacific-group');
		expect(await slugs('1986-01-01')).not.toContain('asia-pacific-group');
		const row = await db.selectFrom('memberships').selectAll().where('participant_code', '=', 'PSE').where('group_slug', '=', 'asia-pacific-group').executeTakeFirstOrThrow();
		expect(row).toMatchObject({ joined: '1986-04-02', source_id: 'un-regional-groups-2026-12' });
	});
});

describe('policy events (data/policy-events.csv)', () => {
	it('GA resolution 61/180 was adopted on 20 December 2006 (line 2: "Resolution adopted by the General Assembly on 20 December 2006")', async () => {
		const events = await policy.list(db, { asOf: '2026-12-01' });
		const res = events.find((e) => e.event === 'ga-61-180')!;
		expect(res.accounts).toMatchObject([{ date: '2006-12-20', precision: 'day', sourceId: 'ga-icat-ungift-2026-12', sourceLine: 2 }]);
	});

	it('UN.GIFT was launched in March 2007: London, 26 March (UN.GIFT page, line 7) and 25 March (the 2008 debate’s background paper, line 20), both shown', async () => {
		const events = await policy.list(db, { asOf: '2026-12-01' });
		const launch = events.find((e) => e.event === 'un-gift-launch')!;
		expect(launch.disputed).toBe(true);
		expect(launch.accounts.map((a) => [a.date, a.place, a.sourceId, a.sourceLine])).toEqual([
			['2007-03-25', null, 'ga-thematic-debate-2008', 20],
			['2007-03-26', 'London', 'ga-icat-ungift-2026-12', 7]
		]);
		// February 2008 was the Vienna Forum, never the launch
		expect(launch.accounts.some((a) => a.date.startsWith('2008'))).toBe(false);
		expect(events.find((e) => e.event === 'vienna-forum')!.accounts[0]).toMatchObject({ date: '2008-02-13', endDate: '2008-02-15' });
	});

	it('honours the date asked: on 1 January 2007 only resolution 61/180 had happened', async () => {
		expect((await policy.list(db, { asOf: '2007-01-01' })).map((e) => e.event)).toEqual(['ga-61-180']);
	});
});

describe('the Dutch Tractatenblad (Trb. 2007, 70 and Trb. 2010, 318): entry into force for each party, checked against the computed dates', () => {
	const file = join(DATA_DIR, 'raw/transcribed_2026_12/nl_tractatenblad_untoc2007_smuggling2010_partial_TRANSCRIBED.csv');
	const SLUGS: Record<string, string> = { untoc: 'untoc', smuggling_protocol: 'smuggling-protocol' };

	it('Colombia: UNTOC ratified 4 Aug 2004, in force for Colombia on 3 Sep 2004 (line 31), the date the record computes (art. 38(2))', async () => {
		const col = await statusIn('COL', 'untoc', '2008-01-01');
		expect(col).toMatchObject({ consent: { date: '2004-08-04' }, entryIntoForce: '2004-09-03' });
	});

	it('no disagreement: every party the Tractatenblad dates is in force on the day the record computes (a difference would be a quality flag)', async () => {
		const codeOf = await imports.nameIndex(db);
		const rows = csvParse(readFileSync(file, 'utf8')).filter((r) => r.entry_into_force_for_party);
		expect(rows.length).toBe(60); // the other 11 rows were signatures only then
		const differ: string[] = [];
		for (const r of rows) {
			const code = codeOf(r.party_untc_name!)!;
			const own = await statusIn(code, SLUGS[r.instrument!], '2026-12-01');
			if (own.entryIntoForce !== r.entry_into_force_for_party) differ.push(`${r.instrument} ${code}: ${r.entry_into_force_for_party} ≠ ${own.entryIntoForce}`);
		}
		expect(differ).toEqual([]);
	});
});

describe('partial ILO tables: C097 (NORMLEX, French, 28 of 54 rows) and C143 (Wikipedia 2013, 17 of 23, years only)', () => {
	it('C097: a partial record of its own date; Algeria excluded Annex II (line 3); Congo registered 26 Oct 2023, in force for it 26 Oct 2024 (line 16)', async () => {
		const c097 = (await status.instruments(db, { asOf: '2024-01-01' })).find((i) => i.slug === 'ilo-c097')!;
		expect(c097).toMatchObject({ dataStatus: 'partial', dataAsOf: '2023-10-26' });
		expect(c097.counts!.parties).toBe(28);
		const [algeria] = await currentActs(db, 'ilo-c097', 'DZA');
		expect(algeria).toMatchObject({ event: 'ratification', date: '1962-10-19', declarations: "A exclu les dispositions de l'annexe II", source_line: 3 });
		expect(await statusIn('COG', 'ilo-c097', '2024-01-01')).toMatchObject({ status: 'pending' });
		expect(await statusIn('COG', 'ilo-c097', '2024-10-26')).toMatchObject({ status: 'party', entryIntoForce: '2024-10-26' });
		// a State the partial table does not list is not answered for
		expect((await statusIn('NLD', 'ilo-c097', '2024-01-01')).status).toBe('unknown');
	});

	it('C143: the year only — Norway ratified in 1979 (line 14), a party by the end of that year', async () => {
		const [norway] = await currentActs(db, 'ilo-c143', 'NOR');
		expect(norway).toMatchObject({ date: null, precision: 'year', earliest: '1979-01-01', latest: '1979-12-31' });
		expect((await statusIn('NOR', 'ilo-c143', '1985-01-01')).status).toBe('party');
		const c143 = (await status.instruments(db, { asOf: '2013-12-31' })).find((i) => i.slug === 'ilo-c143')!;
		expect(c143).toMatchObject({ dataStatus: 'partial', dataAsOf: '2013-12-31' });
		expect(c143.counts!.parties).toBe(17);
	});
});
