// Honest data: where the record is partial or missing, a participant with no act in it is
// unknown, never "no action"; the totals depositaries published stand beside the record's own;
// facts found since are in the record with their sources.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dsvFormat } from 'd3-dsv';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import * as compare from '../../src/lib/server/views/compare';
import * as maps from '../../src/lib/server/views/map';
import * as mapQuery from '../../src/lib/server/http/map-query';
import * as nonparties from '../../src/lib/server/views/nonparties';
import * as records from '../../src/lib/server/record/record';
import * as status from '../../src/lib/server/record/status';
import { stateOn } from '../../src/lib/map/model';
import { legendStatuses } from '../../src/lib/map/legend';
import { publishedSentence } from '../../src/lib/published';
import { DATA_DIR, freshDb } from './db';

let db: Db;
beforeAll(async () => {
	db = await freshDb();
});

async function statusIn(code: string, slug: string, asOf: string) {
	const p = (await status.participant(db, { code, asOf }))!;
	return p.instruments.find((i) => i.slug === slug)!;
}

describe('unknown is its own answer', () => {
	it('Estonia and CETS 197 in 2016: the partial record holds no act of Estonia, so unknown — not "no action"', async () => {
		const est = await statusIn('EST', 'cets-197', '2016-01-01');
		expect(est).toMatchObject({ status: 'unknown', dataStatus: 'partial' });
		// a State the partial record does hold is answered: Austria ratified on 12 Oct 2006
		expect((await statusIn('AUT', 'cets-197', '2016-01-01')).status).toBe('party');
	});

	it('Pakistan and ILO C181: no record at all, so unknown, and the counts are null, not 0', async () => {
		expect(await statusIn('PAK', 'ilo-c181', '2020-01-01')).toMatchObject({ status: 'unknown', dataStatus: 'none' });
		const c181 = (await status.instruments(db, { asOf: '2020-01-01' })).find((i) => i.slug === 'ilo-c181')!;
		expect(c181.counts).toBeNull();
	});

	it('a complete record still says "no action": India had not ratified UNTOC on 3 June 2008', async () => {
		expect((await statusIn('IND', 'untoc', '2008-06-03')).status).toBe('signed');
		expect((await statusIn('PNG', 'untoc', '2008-06-03')).status).toBe('none');
	});

	it('the CETS 197 non-parties list sets apart who is not in the record, and does not count them', async () => {
		const list = (await nonparties.list(db, { slug: 'cets-197', asOf: '2016-01-01' }))!;
		const unknown = list.unknown.map((r) => r.code);
		expect(unknown).toContain('EST');
		expect(unknown).toContain('ITA');
		expect(nonparties.rows(list).map((r) => r.code)).not.toContain('EST');
		expect(list.counts!.unknown).toBe(list.unknown.length);
		expect(list.counts!.nonParties).toBe(list.signed.length + list.notSigned.length + list.denounced.length);
		// Germany is in the record now: it signed, then ratified on 19 Dec 2012
		expect((await statusIn('DEU', 'cets-197', '2016-01-01')).status).toBe('party');
	});

	it('the map draws unknown with its own key entry, and only where the record is partial', async () => {
		const m = (await maps.model(db, { slug: 'cets-197' }))!;
		const state = stateOn(m, '2016-01-01');
		expect(state.byCode.get('EST')!.status).toBe('unknown');
		expect(state.tally.byStatus.unknown).toBeGreaterThan(0);
		expect(legendStatuses('convention', 'partial')).toContain('unknown');
		expect(legendStatuses('convention', 'complete')).not.toContain('unknown');
		const tip = stateOn((await maps.model(db, { slug: 'trafficking-protocol' }))!, '2016-01-01');
		expect(tip.tally.byStatus.unknown).toBe(0);
	});

	it('compare ranks unknown last and marks it', async () => {
		const result = await compare.build(db, { codes: ['EST', 'AUT'], names: [], group: null }, '2016-01-01');
		const cell = result.cells.find((c) => c.code === 'EST' && c.slug === 'cets-197')!;
		expect(cell.status).toBe('unknown');
		expect(compare.sortRows(result, 'cets-197').map((r) => r.code)).toEqual(['AUT', 'EST']);
	});
});

describe("the depositary's totals beside ours", () => {
	it('Firearms Protocol: the depositary reported 123 parties on 4 May 2024; this record holds 109 — 14 are missing', async () => {
		const firearms = (await status.instruments(db, { asOf: '2026-11-30' })).find((i) => i.slug === 'firearms-protocol')!;
		expect(firearms.behind).toMatchObject({ asOf: '2024-05-04', parties: 123, reportedBy: 'depositary', record: { parties: 109 }, missing: 14 });
		expect(publishedSentence(firearms.behind!)).toBe('the depositary reported 123 parties on 4 May 2024; this record holds 109 — 14 are missing');
	});

	it('Smuggling Protocol: the depositary’s 152 parties of 26 April 2024 (UNTC), and before it 151 in October 2022 from a secondary source, said so', async () => {
		const smuggling = (await status.instruments(db, { asOf: '2026-11-30' })).find((i) => i.slug === 'smuggling-protocol')!;
		expect(smuggling.behind).toMatchObject({ asOf: '2024-04-26', precision: 'day', parties: 152, reportedBy: 'depositary' });
		expect(publishedSentence(smuggling.behind!)).toMatch(/^the depositary reported 152 parties on 26 April 2024; this record holds \d+ — \d+ are missing$/);
		const in2023 = (await status.instruments(db, { asOf: '2023-06-30' })).find((i) => i.slug === 'smuggling-protocol')!;
		expect(in2023.published).toMatchObject({ precision: 'month', parties: 151, reportedBy: 'secondary' });
		expect(publishedSentence(in2023.published!)).toMatch(/^a secondary source reported 151 parties in October 2022; this record holds \d+ — \d+ are missing$/);
	});

	it('an older total is a check of the record: 77 Firearms parties on 26 Sep 2008, and the record agrees', async () => {
		const then = (await status.instruments(db, { asOf: '2008-12-31' })).find((i) => i.slug === 'firearms-protocol')!;
		expect(then.published).toMatchObject({ asOf: '2008-09-26', parties: 77, missing: 0, newerThanRecord: false });
		expect(then.counts!.parties).toBeGreaterThanOrEqual(77);
	});

	it('OPSC, brought in from the page of 3 February 2026, is not behind: 178 parties, as published', async () => {
		const opsc = (await status.instruments(db, { asOf: '2026-02-03' })).find((i) => i.slug === 'opsc')!;
		expect(opsc.behind).toBeNull();
		expect(opsc.counts).toMatchObject({ parties: 178, signatories: 122 });
		expect(opsc.published).toMatchObject({ parties: 178, signatories: 122, missing: 0 });
	});
});

describe('what has been found since', () => {
	it('Bhutan acceded to the Trafficking Protocol: in force for it on 22 March 2023', async () => {
		expect((await statusIn('BTN', 'trafficking-protocol', '2023-03-22')).status).toBe('party');
		expect((await statusIn('BTN', 'trafficking-protocol', '2022-12-31')).status).toBe('none');
	});

	it('the "2023" Trafficking table is dated by its latest act, since it lacks Bhutan', async () => {
		const ir = (await records.get(db)).instruments.get('trafficking-protocol')!;
		expect(ir.source).toMatchObject({ id: 'untc-xviii-12-a-2023', recorded_on: '2022-11-04' });
	});

	it('every party the Dutch treaty database lists is in force on the day it gives (consent + 30 days)', async () => {
		const file = 'raw/transcribed_facts_2026/tip_protocol_nl_eif_partial_TRANSCRIBED.csv';
		const rows = dsvFormat(',').parse(readFileSync(join(DATA_DIR, file), 'utf8'));
		const byName = new Map((await db.selectFrom('participants').select(['code', 'name']).execute()).map((p) => [p.name, p.code]));
		const alias = new Map((await db.selectFrom('participant_aliases').select(['alias', 'code']).execute()).map((a) => [a.alias, a.code]));
		let checked = 0;
		for (const row of rows) {
			const code = byName.get(row.party_en!) ?? alias.get(row.party_en!.toLowerCase());
			expect(code, row.party_en).toBeDefined();
			const s = await statusIn(code!, 'trafficking-protocol', row.entry_into_force_for_party!);
			expect(s.entryIntoForce ?? s.entryIntoForceBy, row.party_en).toBe(row.entry_into_force_for_party);
			checked++;
		}
		expect(checked).toBe(41);
	});
});

describe('regional plans are endorsed', () => {
	it('the ASEAN Declaration of 29 November 2004: the ten ASEAN members that day', async () => {
		const i = (await status.instrument(db, { slug: 'asean-declaration-2004', asOf: '2004-11-29' }))!;
		expect(i.counts!.endorsed).toBe(10);
		expect(i.participants.filter((p) => p.status === 'endorsed').map((p) => p.code).sort()).toEqual(
			['BRN', 'IDN', 'KHM', 'LAO', 'MMR', 'MYS', 'PHL', 'SGP', 'THA', 'VNM']
		);
		expect((await status.instrument(db, { slug: 'asean-declaration-2004', asOf: '2004-11-28' }))!.counts!.endorsed).toBe(0);
	});

	it('the Ouagadougou Action Plan: African Union and European Union members, not Morocco (outside the AU then)', async () => {
		const i = (await status.instrument(db, { slug: 'ouagadougou-action-plan', asOf: '2007-01-01' }))!;
		const codes = i.participants.filter((p) => p.status === 'endorsed').map((p) => p.code);
		expect(codes).toEqual(expect.arrayContaining(['NGA', 'ZAF', 'FRA', 'DEU']));
		expect(codes).not.toContain('MAR');
		expect(codes).not.toContain('BGR'); // in the EU from 1 January 2007, after the conference
	});
});

describe('a regional treaty is drawn on its region', () => {
	it('CETS 197 is framed to the Council of Europe, ACTIP to ASEAN; UNTOC and the ILO conventions to the world', async () => {
		expect((await maps.defaultGroup(db, 'cets-197'))?.slug).toBe('council-of-europe');
		expect((await maps.defaultGroup(db, 'actip'))?.slug).toBe('asean');
		expect((await maps.defaultGroup(db, 'saarc-convention'))?.slug).toBe('saarc');
		expect(await maps.defaultGroup(db, 'untoc')).toBeNull();
		expect(await maps.defaultGroup(db, 'ilo-c029')).toBeNull();
		// open to the members of two organisations: no one region to frame
		expect(await maps.defaultGroup(db, 'ouagadougou-action-plan')).toBeNull();
	});

	it('the world is one click away: group=world', async () => {
		expect(await mapQuery.group(db, new URL('http://x/map/cets-197?group=world'), 'cets-197')).toBeNull();
		expect((await mapQuery.group(db, new URL('http://x/map/cets-197'), 'cets-197'))?.slug).toBe('council-of-europe');
		expect((await mapQuery.group(db, new URL('http://x/map/cets-197?group=asean'), 'cets-197'))?.slug).toBe('asean');
	});
});
