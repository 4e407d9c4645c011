// A fresh, migrated in-memory database seeded from the real data/ folder, and small helpers
// to read the record straight from the database (not through the code under test).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../src/lib/server/sources/open';
import { createDb, sqliteOf, type Db } from '../../src/lib/server/db';

export const DATA_DIR = resolve(__dirname, '../../data');

/** The seeded database as bytes: seeded through the write path once per test file, not per test. */
let seeded: Promise<Buffer> | undefined;

/**
 * A database of its own for each call: an in-memory copy of one database migrated and seeded from
 * data/ by openDatabase (seeding takes ~200 ms, copying ~10). createDb hands its argument to
 * better-sqlite3, which opens a Buffer as an in-memory database holding those bytes; the pragmas
 * it sets for files (WAL, FULL) do not apply to one.
 */
export async function freshDb(): Promise<Db> {
	seeded ??= openDatabase(':memory:', { dataDir: DATA_DIR }).then(async (db) => {
		const bytes = sqliteOf(db)!.serialize();
		await db.destroy();
		return bytes;
	});
	return createDb((await seeded) as unknown as string);
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

/**
 * `reviewer` drawn to review `state` on `instrument` in the cycle (a scenario, not a draw: the
 * draw has its own tests), as a review's launch needs.
 */
export async function aDrawnReviewer(db: Db, o: { state: string; reviewer: string; instrument?: string; cycle?: string }): Promise<void> {
	const cycle = o.cycle ?? 'untoc-1';
	const draw = await db
		.insertInto('review_draws')
		.values({ cycle_id: cycle, seed: 1, algorithm: 'scenario', parties_on: '2020-10-12', result: '[]', problems: '[]', drawn_by: 'test', drawn_at: '2020-10-12T00:00:00Z' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('review_reviewers')
		.values({ cycle_id: cycle, state_code: o.state, instrument_slug: o.instrument ?? 'untoc', reviewer_code: o.reviewer, draw_id: draw.id, replaced_at: null, replaced_reason: null, replaced_by: null })
		.execute();
}
