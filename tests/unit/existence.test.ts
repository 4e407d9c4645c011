// States that did not yet exist: start years from COW's state system, checked against known
// history, and left out wherever a participant without events would count as "not joined".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR, freshDb, databaseAt } from './db';
import { syncReference } from '../../src/lib/server/sources/load';
import { openDatabase } from '../../src/lib/server/sources/open';
import * as records from '../../src/lib/server/record/record';
import * as status from '../../src/lib/server/record/status';
import * as nonparties from '../../src/lib/server/views/nonparties';
import * as parity from '../../src/lib/server/views/parity';
import * as maps from '../../src/lib/server/views/map';
import { stateOn } from '../../src/lib/map/model';
import type { Db } from '../../src/lib/server/db';
import type { TreatyRecord } from '../../src/lib/server/record/record';

let db: Db;
let record: TreatyRecord;
beforeAll(async () => {
	db = await freshDb();
	record = await records.get(db);
});

function existence(code: string) {
	return db
		.selectFrom('participants')
		.select(['since', 'since_precision', 'since_source_id', 'since_note'])
		.where('code', '=', code)
		.executeTakeFirstOrThrow();
}

describe('start dates from the COW state system', () => {
	it.each([
		['SSD', 2011, 'South Sudan: independent 9 July 2011'],
		['MNE', 2006, 'Montenegro: independent 3 June 2006'],
		['TLS', 2002, 'Timor-Leste: independent 20 May 2002'],
		['ERI', 1993, 'Eritrea: independent 24 May 1993'],
		['NAM', 1990, 'Namibia: independent 21 March 1990'],
		['SVK', 1993, 'Slovakia: independent 1 January 1993'],
		['HRV', 1992, 'Croatia: recognised January 1992 (independence took effect 8 October 1991)'],
		['GHA', 1957, 'Ghana: independent 6 March 1957']
	])('%s is in the system from %i (%s)', async (code, year) => {
		expect(await existence(code)).toMatchObject({
			since: `${year}-01-01`,
			since_precision: 'year',
			since_source_id: 'cow-igo-v3-state-year'
		});
	});

	it('treats continuing States as existing throughout: Germany (COW 260 then 255), Russia, Serbia', async () => {
		const germany = await existence('DEU');
		expect(germany.since).toBeNull();
		expect(germany.since_note).toContain('ccode 255 and 260');
		expect(germany.since_note).toContain('1946–1954'); // out of the system under occupation, noted only
		expect((await existence('RUS')).since).toBeNull();
		expect(await existence('SRB')).toMatchObject({ since: null, since_source_id: 'treaty-tracker-existence-corrections' });
	});

	it('dates Yemen from North Yemen (COW 678), whose memberships the Republic of Yemen continues', async () => {
		expect(await existence('YEM')).toMatchObject({ since: '1926-01-01', since_precision: 'year' });
	});

	it('corrects Ukraine and Belarus, UN members from 1945 though COW counts them from 1991', async () => {
		for (const code of ['UKR', 'BLR']) {
			expect(await existence(code)).toMatchObject({ since: '1945-10-24', since_precision: 'day', since_source_id: 'treaty-tracker-existence-corrections' });
		}
	});

	it('gives no start to the participants COW leaves out', async () => {
		const rows = await db.selectFrom('participants').select(['code', 'since']).where('since_source_id', 'is', null).orderBy('code').execute();
		expect(rows).toEqual(['COK', 'EUU', 'NIU', 'PSE', 'VAT'].map((code) => ({ code, since: null })));
	});

	it('fills the dates in again when the reference files change, and leaves the acts alone', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'treaty-tracker-'));
		try {
			const file = join(dir, 'old.db');
			const old = await openDatabase(await databaseAt(file), { dataDir: DATA_DIR });
			const acts = await old.selectFrom('act_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
			// as a database left by an older version of the reference files
			await old.updateTable('participants').set({ since: null, since_precision: null, since_source_id: null, since_note: null }).execute();
			await old.updateTable('record_meta').set({ reference_hash: 'an older version' }).execute();
			await old.destroy();
			const reopened = await openDatabase(await databaseAt(file), { dataDir: DATA_DIR });
			const ssd = await reopened.selectFrom('participants').select('since').where('code', '=', 'SSD').executeTakeFirstOrThrow();
			const after = await reopened.selectFrom('act_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
			const meta = await reopened.selectFrom('record_meta').selectAll().executeTakeFirstOrThrow();
			await reopened.destroy();
			expect(ssd.since).toBe('2011-01-01');
			expect(after.n).toBe(acts.n);
			// the seed's, then the reference brought in again: a change to the record (the in-memory
			// record is built from the participants), with no act written
			expect(meta.revision).toBe(2);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('writes the same dates when loaded again', async () => {
		const before = await db.selectFrom('participants').select(['code', 'since', 'since_note']).orderBy('code').execute();
		await syncReference(db, { dataDir: DATA_DIR });
		expect(await db.selectFrom('participants').select(['code', 'since', 'since_note']).orderBy('code').execute()).toEqual(before);
	});
});

describe('existsOn', () => {
	it('South Sudan exists from 2011, France always', () => {
		expect(records.existsOn(record, 'SSD', '2010-12-31')).toBe(false);
		expect(records.existsOn(record, 'SSD', '2011-01-01')).toBe(true);
		expect(records.existsOn(record, 'FRA', '1930-01-01')).toBe(true);
	});

	it('counts a State from its first recorded act when that is earlier: the ILO registers Croatia on 8 Oct 1991', () => {
		expect(records.existsOn(record, 'HRV', '1991-10-07')).toBe(false);
		expect(records.existsOn(record, 'HRV', '1991-10-08')).toBe(true);
	});
});

describe('lists leave out States that did not yet exist', () => {
	it('Trafficking Protocol non-parties on 1 Jan 2005 include neither South Sudan nor Montenegro; in 2012 South Sudan, not Montenegro (a party since 2006)', async () => {
		const codes = async (asOf: string) => nonparties.rows((await nonparties.list(db, { slug: 'trafficking-protocol', asOf }))!).map((r) => r.code);
		const in2005 = await codes('2005-01-01');
		expect(in2005).not.toContain('SSD');
		expect(in2005).not.toContain('MNE');
		expect(in2005).toContain('ARE'); // existed, had not joined
		const in2012 = await codes('2012-01-01');
		expect(in2012).toContain('SSD');
		expect(in2012).not.toContain('MNE');
	});

	it('every participant means every one that existed on the date', async () => {
		const all = (await status.instrument(db, { slug: 'ilo-c029', asOf: '1950-06-01', all: true }))!;
		const codes = all.participants.map((p) => p.code);
		for (const code of ['SSD', 'NAM', 'GHA', 'ERI']) expect(codes, code).not.toContain(code);
		for (const code of ['FRA', 'IND', 'UKR', 'DEU']) expect(codes, code).toContain(code);
	});

	it('the African Group of 1950 holds only the African States of 1950', () => {
		const members = parity.membersOn(record, 'african-group', '1950-06-01');
		expect(members.sort()).toEqual(['EGY', 'ETH', 'LBR', 'ZAF']);
		expect(parity.membersOn(record, 'african-group', '2012-01-01')).toContain('SSD');
	});

	it('the compare matrix says a State picked by name did not yet exist', async () => {
		const m = await parity.matrix(db, { codes: ['SSD', 'FRA'], asOf: '2005-01-01' });
		expect(m.participants).toEqual([
			{ code: 'SSD', name: 'South Sudan', note: 'not yet a State on this date (COW: in system from 2011)' },
			{ code: 'FRA', name: 'France', note: null }
		]);
		expect(m.cells.filter((c) => c.code === 'SSD').every((c) => c.status === 'none')).toBe(true);
		expect((await parity.matrix(db, { codes: ['SSD'], asOf: '2012-01-01' })).participants[0].note).toBeNull();
	});
});

describe('the map draws States that did not yet exist as background', () => {
	it('Trafficking Protocol on 1 Jan 2005: the legend counts the 196 participants that existed', async () => {
		const m = (await maps.model(db, { slug: 'trafficking-protocol' }))!;
		const state = stateOn(m, '2005-01-01');
		const existing = [...record.participants.keys()].filter((c) => records.existsOn(record, c, '2005-01-01'));
		expect(existing).toHaveLength(196);
		expect(state.tally.total).toBe(existing.length);
		expect(state.byCode.get('SSD')).toMatchObject({ exists: false, status: 'none', existence: 'COW: in system from 2011' });
		expect(state.byCode.get('MNE')!.exists).toBe(false);
		expect(stateOn(m, '2012-01-01').tally.total).toBe(198);
	});

	it('still places every participant once: the shapes of States not yet in existence are drawn, only not counted', async () => {
		const m = (await maps.model(db, { slug: 'ilo-c029' }))!;
		const g = m.geometry;
		expect([...g.shapes, ...g.dots].map((x) => x.code).concat(g.unmapped).sort()).toEqual([...record.participants.keys()].sort());
		const state = stateOn(m, '1950-06-01');
		expect(g.shapes.some((s) => s.code === 'SSD')).toBe(true);
		expect(state.byCode.get('SSD')!.exists).toBe(false);
		expect(state.byCode.get('GHA')!.exists).toBe(false);
		// Not counted either: those that may not join it (outside the ILO, the EU).
		expect(state.rows.filter((r) => !r.exists || !r.open).length).toBe(record.participants.size - state.tally.total);
	});
});
