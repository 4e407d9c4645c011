// The freshness board: every instrument once, the ones to refresh first at the top; an import
// moves its instrument down and says who brought what in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { board } from '../../src/lib/server/sources/freshness';
import { URGENCIES } from '../../src/lib/freshness';
import * as files from '../../src/lib/server/sources/import-files';
import { DATA_DIR, freshDb } from './db';

const TODAY = '2026-11-30';
let db: Db;
beforeEach(async () => {
	db = await freshDb();
});

describe('the freshness board', () => {
	test('lists every instrument once, most urgent first: those with no act at all are "missing"', async () => {
		const rows = await board(db, TODAY);
		const slugs = (await db.selectFrom('instruments').select('slug').execute()).map((i) => i.slug);
		expect(rows.map((r) => r.slug).sort()).toEqual(slugs.sort());
		const ranks = rows.map((r) => URGENCIES.indexOf(r.urgency));
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
		// instruments with no act in the database, counted here without the board
		const held = new Set((await db.selectFrom('acts').select('instrument_slug').distinct().execute()).map((a) => a.instrument_slug));
		const empty = slugs.filter((s) => !held.has(s));
		expect(empty.length).toBeGreaterThan(0);
		for (const slug of empty) {
			const row = rows.find((r) => r.slug === slug)!;
			expect(row).toMatchObject({ urgency: 'missing', counts: null });
			expect(row.reasons[0]).toBe('nothing recorded');
		}
		// ILO C181: nothing recorded, while the ILO's published total is known — both said
		expect(rows.find((r) => r.slug === 'ilo-c181')!.reasons.join('; ')).toMatch(/^nothing recorded; \d+ parties behind the latest published total$/);
		expect(rows.slice(0, empty.length).map((r) => r.slug).sort()).toEqual(empty.sort());
	});

	test('UNTOC, recorded from the UNTC table of 2014, is older than a year and says so', async () => {
		const untoc = (await board(db, TODAY)).find((r) => r.slug === 'untoc')!;
		const source = await db.selectFrom('sources').select(['id', 'recorded_on']).where('table_of', '=', 'untoc').orderBy('recorded_on', 'desc').executeTakeFirstOrThrow();
		expect(untoc).toMatchObject({ urgency: 'old', recordedOn: source.recorded_on, source: { id: source.id }, lastImport: null });
		expect(untoc.reasons).toContain(`recorded ${Number(TODAY.slice(0, 4)) - Number(source.recorded_on!.slice(0, 4)) - (TODAY.slice(5) < source.recorded_on!.slice(5) ? 1 : 0)} years ago`);
	});

	test('an import moves the record date on and names who brought which file in', async () => {
		const text = readFileSync(join(DATA_DIR, 'raw/crba_etl_2023_normlex_untc/untc_XVIII-12-a_X-4.csv'), 'utf8').replace('Pakistan;;4 Nov 2022 a', 'Pakistan;;5 Nov 2022 a');
		const file = await files.keep(db, { name: 'X-4-later.csv', text, actor: 'a test' });
		// a date by which the page is complete: after it, the record holds Bhutan's accession (in force
		// by 22 March 2023, data/record/acts.csv), which this page lacks, so a later date makes it partial
		const req = { instrument: 'trafficking-protocol', fileId: file.id, format: null, asOf: '2022-12-01', origin: null, mapping: null };
		const { revision } = await files.preview(db, req);
		const actor = { label: 'editor@example.org', userId: null, role: 'editor', address: null };
		const done = await files.apply(db, { ...req, basedOn: revision, ticked: ['trafficking-protocol|PAK|consent|1'], actor, pastedFrom: null });
		const tip = (await board(db, TODAY)).find((r) => r.slug === 'trafficking-protocol')!;
		expect(tip).toMatchObject({ recordedOn: '2022-12-01', lastImport: { id: done.importId, actor: 'editor@example.org' } });
	});
});
