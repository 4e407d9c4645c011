// The record written back out as data/record/: an unchanged record writes the shipped files
// byte for byte, and a record changed in the app, written out and seeded again, is the same record.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/lib/server/sources/open';
import * as participation from '../../src/lib/server/record/participation';
import * as recordFiles from '../../src/lib/server/sources/record-files';
import * as records from '../../src/lib/server/record/record';
import * as status from '../../src/lib/server/record/status';
import { ACTS_FILE } from '../../src/lib/server/sources/load';
import type { Db } from '../../src/lib/server/db';
import { DATA_DIR, freshDb, withDataCopy, emptyDatabase, databaseAt } from './db';

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

async function statuses(db: Db, dates: string[]) {
	const record = await records.get(db);
	const out: string[] = [];
	for (const ir of record.instruments.values()) {
		for (const code of record.participants.keys()) {
			for (const d of dates) out.push(`${ir.instrument.slug} ${code} ${d} ${status.statusOn(ir, ir.timelines.get(code), d).status}`);
		}
	}
	return out;
}

describe('data:export', () => {
	test('an unchanged record writes the shipped files as they are', async () => {
		const db = await freshDb();
		expect(await recordFiles.actsCsv(db)).toBe(read(DATA_DIR, ACTS_FILE));
		expect(await recordFiles.sourcesCsv(db)).toBe(read(DATA_DIR, 'record/sources.csv'));
	});

	test('a correction and a retraction made in the app show as a two-line diff and survive a new seed', async () => {
		await withDataCopy(async (dir) => {
			const db = await openDatabase(await databaseAt(join(dir, 'tracker.db')), { dataDir: dir });
			const before = read(dir, ACTS_FILE).split('\n');
			await participation.correct(db, {
				act: { instrument: 'untoc', participant: 'COL', kind: 'consent', seq: 1 },
				changes: { date: '2004-08-05' }, source: 'untc-xviii-12-2014', reason: 'test: a later notification', actor: 'a test'
			});
			await participation.retract(db, {
				act: { instrument: 'trafficking-protocol', participant: 'IND', kind: 'signature', seq: 1 }, reason: 'test: entered in error', actor: 'a test'
			});
			await recordFiles.write(db, { to: dir });
			const after = read(dir, ACTS_FILE).split('\n');
			const removed = before.filter((l) => !after.includes(l));
			const added = after.filter((l) => !before.includes(l));
			expect(removed.map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['untoc,COL,consent', 'trafficking-protocol,IND,signature']);
			expect(added).toEqual([
				'untoc,COL,consent,1,ratification,2004-08-05,day,,,,,,,,untc-xviii-12-2014,,test: a later notification,',
				'trafficking-protocol,IND,signature,1,signature,2002-12-12,day,,,,,,,,untc-xviii-12-a-2023,78,,test: entered in error'
			]);
			const dates = ['2004-08-04', '2004-08-05', '2008-06-03'];
			const expected = await statuses(db, dates);
			await db.destroy();

			const again = await openDatabase(await emptyDatabase(), { dataDir: dir });
			expect(await statuses(again, dates)).toEqual(expected);
			expect(await recordFiles.actsCsv(again)).toBe(read(dir, ACTS_FILE));
		});
	});
});
