// A fresh, migrated in-memory database seeded from the real data/ folder, and small helpers
// to read the record straight from the database (not through the code under test).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../src/lib/server/sources/open';
import type { Db } from '../../src/lib/server/db';

export const DATA_DIR = resolve(__dirname, '../../data');

export function freshDb() {
	return openDatabase(':memory:', { dataDir: DATA_DIR });
}

/** The current, unretracted acts of one participant in one instrument, oldest id first. */
export function currentActs(db: Db, instrument: string, participant: string) {
	return db
		.selectFrom('current_acts')
		.selectAll()
		.where('instrument_slug', '=', instrument)
		.where('participant_code', '=', participant)
		.where('retracted', '=', 0)
		.orderBy('act_id')
		.execute();
}

/** A copy of data/ in a temporary folder, removed after `fn`. */
export async function withDataCopy<T>(fn: (dir: string) => Promise<T>): Promise<T> {
	const dir = mkdtempSync(join(tmpdir(), 'treaty-tracker-'));
	try {
		cpSync(DATA_DIR, dir, { recursive: true, filter: (src) => !/\.db(-wal|-shm)?$/.test(src) });
		return await fn(dir);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
