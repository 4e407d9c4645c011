// What the record can vouch for, and when: after the day its sources end, a participant that had
// not consented is unknown (with what the record last knew), never "signed" or "no action"
// stated as fact; a party stays a party. And a partial source (a few rows pasted) dates its own
// rows, not the instrument's record. Expected values come from data/record/acts.csv and
// data/sources.json as read by eye (cited beside each), not from the code under test.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import * as records from '../../src/lib/server/record/record';
import * as status from '../../src/lib/server/record/status';
import * as nonparties from '../../src/lib/server/views/nonparties';
import * as maps from '../../src/lib/server/views/map';
import * as imports from '../../src/lib/server/sources/imports';
import { stateOn } from '../../src/lib/map/model';
import { freshDb } from './db';

// data/sources.json: untc-xviii-12-2014, the UNTOC table, "recorded_on": "2014-01-27"
const UNTOC_TABLE_DATE = '2014-01-27';
const TODAY = '2026-12-06';

let db: Db;
beforeAll(async () => {
	db = await freshDb();
});

async function on(slug: string, code: string, date: string) {
	const record = await records.get(db);
	return status.view(record, record.instruments.get(slug)!, code, date);
}

describe('the stale rule', () => {
	test('Japan on UNTOC today: unknown, last known signed on the table’s date (signed 12 Dec 2000, line 85)', async () => {
		const s = await on('untoc', 'JPN', TODAY);
		expect(s.status).toBe('unknown');
		expect(s.lastKnown).toEqual({ status: 'signed', on: UNTOC_TABLE_DATE });
		// the signature itself is still told
		expect(s.signature).toBe('2000-12-12');
	});

	test('India on UNTOC on 3 June 2008, within the record: signed (signed 12 Dec 2002, ratified 5 May 2011)', async () => {
		const s = await on('untoc', 'IND', '2008-06-03');
		expect(s.status).toBe('signed');
		expect(s.lastKnown).toBeNull();
		expect((await on('untoc', 'IND', TODAY)).status).toBe('party');
	});

	test('France on UNTOC today: a party stays a party (ratified 29 Oct 2002)', async () => {
		const s = await on('untoc', 'FRA', TODAY);
		expect(s.status).toBe('party');
		expect(s.lastKnown).toBeNull();
	});

	test('a State with no act in a complete table: "no action" up to its date, unknown after it', async () => {
		// Bhutan has no UNTOC row in the 2014 table
		expect((await on('untoc', 'BTN', '2013-06-01')).status).toBe('none');
		const later = await on('untoc', 'BTN', TODAY);
		expect(later.status).toBe('unknown');
		expect(later.lastKnown).toEqual({ status: 'none', on: UNTOC_TABLE_DATE });
	});

	test('plans, whose endorsements come from memberships, are never stale', async () => {
		const record = await records.get(db);
		const plan = [...record.instruments.values()].find((ir) => ir.rule.kind === 'non-binding')!;
		const code = [...plan.timelines.keys()][0];
		const s = status.view(record, plan, code, TODAY);
		expect(s.status).toBe('endorsed');
		expect(s.lastKnown).toBeNull();
	});

	test('the map says the same as the record, with what it last knew, on any date', async () => {
		const m = (await maps.model(db, { slug: 'untoc', group: null }))!;
		const jpn = stateOn(m, TODAY).byCode.get('JPN')!;
		expect(jpn).toMatchObject({ status: 'unknown', lastKnown: { status: 'signed', on: UNTOC_TABLE_DATE } });
		const before = stateOn(m, '2010-01-01').byCode.get('JPN')!;
		expect(before).toMatchObject({ status: 'signed', lastKnown: null });
		// the day after the table: not known any more
		expect(stateOn(m, '2014-01-28').byCode.get('JPN')!.status).toBe('unknown');
		expect(stateOn(m, UNTOC_TABLE_DATE).byCode.get('JPN')!.status).toBe('signed');
	});

	test('the non-parties list today puts Japan apart, as not joined when last recorded, not as a non-party', async () => {
		const l = (await nonparties.list(db, { slug: 'untoc', asOf: TODAY }))!;
		expect(l.stale.map((r) => r.code)).toContain('JPN');
		expect(nonparties.rows(l).map((r) => r.code)).not.toContain('JPN');
		expect(l.stale.find((r) => r.code === 'JPN')!.lastKnown).toEqual({ status: 'signed', on: UNTOC_TABLE_DATE });
		// in 2010 it is a signatory that had not ratified, as the table says
		const then = (await nonparties.list(db, { slug: 'untoc', asOf: '2010-01-01' }))!;
		expect(then.signed.map((r) => r.code)).toContain('JPN');
		expect(then.stale).toEqual([]);
	});
});

describe('partial sources stay partial', () => {
	// Three UNTOC rows, in the UNTC table's layout, stated as of 19 September 2017: France and
	// India as the 2014 table has them, and Sierra Leone's ratification of 12 August 2014 (the
	// Austrian scope notice, data/raw/transcribed_2026_12/austria_bgbl_scope_notices_untoc_protocols_TRANSCRIBED.csv).
	const THREE_ROWS = [
		'Participant,Signature,"Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"',
		'France,12 Dec 2000,29 Oct 2002',
		'India,12 Dec 2002,5 May 2011',
		'Sierra Leone,27 Nov 2001,12 Aug 2014'
	].join('\n');

	test('three rows stated as of 2017 leave UNTOC’s record date alone, and date their own rows', async () => {
		const local = await freshDb();
		const p = await imports.preview(local, { instrument: 'untoc', file: 'three-rows.csv', text: THREE_ROWS, format: 'untc-csv', asOf: '2017-09-19' });
		expect(p.completeness.complete).toBe(false);
		expect(p.completeness.why).toMatch(/^it lists 3 of the \d+ participants the record holds by its date/);
		await imports.apply(local, p, { actor: 'a test' });
		const stored = await local.selectFrom('sources').select(['partial', 'recorded_on']).where('id', '=', p.source.id).executeTakeFirstOrThrow();
		expect(stored).toEqual({ partial: 1, recorded_on: '2017-09-19' });

		const record = await records.get(local);
		const untoc = record.instruments.get('untoc')!;
		expect(untoc.source?.recorded_on).toBe(UNTOC_TABLE_DATE);
		expect(status.recordDate(untoc, TODAY).dataAsOf).toBe(UNTOC_TABLE_DATE);
		// Sierra Leone, from the partial source: a party (into force on the 30th day after deposit)
		expect(status.view(record, untoc, 'SLE', TODAY).status).toBe('party');
		// Japan, of which the three rows say nothing, is still dated by the 2014 table
		expect(status.view(record, untoc, 'JPN', '2016-01-01').lastKnown).toEqual({ status: 'signed', on: UNTOC_TABLE_DATE });
		await local.destroy();
	});

	test('a table that lists every participant the record holds by its date is complete', () => {
		const acts = (codes: string[]) => codes.map((c, n) => ({ participant: c, retracted: false, attributes: { date: '2003-01-01', latest: null, earliest: null } })) as never;
		const incoming = (codes: string[]) => codes.map((c) => ({ participant: c })) as never;
		const read = { signatories: 2, consents: 2, acts: 4 };
		expect(imports.completeness(acts(['FRA', 'IND']), incoming(['FRA', 'IND', 'JPN']), { on: '2014-01-27', stated: null, read }).complete).toBe(true);
		expect(imports.completeness(acts(['FRA', 'IND']), incoming(['FRA']), { on: '2014-01-27', stated: null, read }).complete).toBe(false);
		// a participant whose act is later than the table's date is not missing from it
		expect(imports.completeness(acts(['FRA', 'IND']), incoming(['FRA']), { on: '2002-01-01', stated: null, read }).complete).toBe(true);
		// rows that match the totals the table states
		expect(imports.completeness(acts(['FRA', 'IND']), incoming(['FRA']), { on: '2014-01-27', stated: { signatories: 2, parties: 2 }, read }).complete).toBe(true);
		expect(imports.completeness(acts(['FRA', 'IND']), incoming(['FRA']), { on: '2014-01-27', stated: { signatories: 2, parties: 3 }, read }).complete).toBe(false);
	});
});
