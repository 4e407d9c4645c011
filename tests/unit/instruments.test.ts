// Instruments are complete data: who may join and whether they bind are fields of the
// instrument, read alike by lists, maps, parity and the participant page; a rule that does not
// parse stops the load naming the file and the field.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/lib/server/sources/open';
import * as eligibility from '../../src/lib/server/record/eligibility';
import * as nonparties from '../../src/lib/server/views/nonparties';
import * as parity from '../../src/lib/server/views/parity';
import * as records from '../../src/lib/server/record/record';
import * as status from '../../src/lib/server/record/status';
import { LoadError } from '../../src/lib/server/sources/load';
import type { Db } from '../../src/lib/server/db';
import type { TreatyRecord } from '../../src/lib/server/record/record';
import { freshDb, withDataCopy, emptyDatabase } from './db';

let db: Db;
let record: TreatyRecord;
beforeAll(async () => {
	db = await freshDb();
	record = await records.get(db);
});

const may = (slug: string, code: string, date: string) => eligibility.mayJoin(record, record.instruments.get(slug)!, code, date);

/** A copy of data/ with one instrument's entry changed. */
async function withInstrument<T>(slug: string, change: (entry: Record<string, unknown>) => void, fn: (dir: string) => Promise<T>) {
	return withDataCopy(async (dir) => {
		const file = join(dir, 'instruments.json');
		const json = JSON.parse(readFileSync(file, 'utf8'));
		change(json.instruments.find((i: { slug: string }) => i.slug === slug));
		writeFileSync(file, JSON.stringify(json));
		return fn(dir);
	});
}

describe('who may join', () => {
	test('the EU may join UNTOC and CETS 197 (arts. 36 and 42), not an ILO convention nor the 1949 Convention', () => {
		expect(may('untoc', 'EUU', '2008-01-01')).toBe(true);
		expect(may('cets-197', 'EUU', '2008-01-01')).toBe(true);
		expect(may('ilo-c029', 'EUU', '2008-01-01')).toBe(false);
		expect(may('convention-1949', 'EUU', '2008-01-01')).toBe(false);
	});

	test('an ILO convention is open to ILO members on the date: Germany in 1956, not in 1950 (COW: out 1936–1954)', () => {
		expect(may('ilo-c029', 'DEU', '1950-06-01')).toBe(false);
		expect(may('ilo-c029', 'DEU', '1956-06-01')).toBe(true);
	});

	test('CETS 197 is open to Council of Europe members; a State named in the instrument may join without being one', async () => {
		expect(may('cets-197', 'BLR', '2014-01-01')).toBe(false);
		await withInstrument(
			'cets-197',
			(e) => ((e.open_to as { named: string[] }).named = ['BLR']),
			async (dir) => {
				const other = await records.get(await openDatabase(await emptyDatabase(), { dataDir: dir }));
				expect(eligibility.mayJoin(other, other.instruments.get('cets-197')!, 'BLR', '2014-01-01')).toBe(true);
			}
		);
	});

	test('every reader of the rule agrees: the non-parties list, parity gaps and the participant page leave the EU out of C029', async () => {
		const list = (await nonparties.list(db, { slug: 'ilo-c029', asOf: '2020-01-01' }))!;
		expect(nonparties.rows(list).map((r) => r.code)).not.toContain('EUU');
		expect(list.scope).toEqual({ groups: [{ slug: 'ilo', name: 'International Labour Organization' }], named: [], organisations: false });
		const { gaps } = await parity.forParticipant(db, { code: 'EUU', asOf: '2020-01-01' });
		expect(gaps.map((g) => g.slug).filter((s) => s.startsWith('ilo-'))).toEqual([]);
		const page = (await status.participant(db, { code: 'EUU', asOf: '2020-01-01' }))!;
		expect(page.instruments.find((i) => i.slug === 'ilo-c029')?.openToIt).toBe(false);
		expect(page.instruments.find((i) => i.slug === 'untoc')?.openToIt).toBe(true);
	});

	test('plans are non-binding instruments, and say so', () => {
		const plans = [...record.instruments.values()].filter((ir) => ir.instrument.binding === 0).map((ir) => ir.instrument.slug);
		expect(plans.sort()).toEqual(['asean-declaration-2004', 'osce-action-plan', 'ouagadougou-action-plan']);
	});
});

describe('a bad instruments.json stops the load, naming the field', () => {
	async function loadError(dir: string): Promise<LoadError> {
		const e = await openDatabase(await emptyDatabase(), { dataDir: dir }).then(() => null, (x: unknown) => x);
		expect(e).toBeInstanceOf(LoadError);
		return e as LoadError;
	}

	test('an entry-into-force rule that does not parse', async () => {
		await withInstrument('untoc', (e) => ((e.eif_rule as { threshold: unknown }).threshold = 'forty'), async (dir) => {
			expect((await loadError(dir)).message).toMatch(/^instruments\.json: instrument "untoc": eif_rule\.threshold: /);
		});
	});

	test('a group nobody knows, in who may join', async () => {
		await withInstrument('actip', (e) => ((e.open_to as { members_of: string[] }).members_of = ['asaen']), async (dir) => {
			expect((await loadError(dir)).message).toBe('instruments.json: instrument "actip": open_to.members_of: no group "asaen"');
		});
	});

	test('a plan that claims to bind', async () => {
		await withInstrument('osce-action-plan', (e) => (e.binding = true), async (dir) => {
			expect((await loadError(dir)).message).toBe(
				'instruments.json: instrument "osce-action-plan": binding: a non-binding instrument has the "non-binding" rule, and only it'
			);
		});
	});
});
