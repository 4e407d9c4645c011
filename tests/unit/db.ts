// A fresh, migrated database seeded from the real data/ folder, on SQLite (in memory) or, in the
// PostgreSQL leg of the suite (TEST_DATABASE=postgres: scripts/unit.js), a database of its own on
// that server; and small helpers to read the record straight from the database (not through
// the code under test).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase } from '../../src/lib/server/sources/open';
import { createDb, sqliteOf, type Db } from '../../src/lib/server/db';
import { DATA_DIR, newDatabase } from './postgres';

export { DATA_DIR };

/** Whether this run of the suite is its PostgreSQL leg. */
export const onPostgres = process.env.TEST_DATABASE === 'postgres';

/** This file's PostgreSQL databases, closed when it ends (the run's teardown drops them). */
const opened: Db[] = [];
if (onPostgres) afterAll(() => Promise.all(opened.splice(0).map((db) => db.destroy().catch(() => {}))));

/** Keeps `db` to be closed when the test file ends (PostgreSQL: its connections). */
export function closedAfter<T extends Db>(db: T): T {
	if (onPostgres) opened.push(db);
	return db;
}

/** A new, empty database: ':memory:' on SQLite, the address of a new PostgreSQL database. */
export async function emptyDatabase(): Promise<string> {
	return onPostgres ? newDatabase({ seeded: false }) : ':memory:';
}

const atFiles = new Map<string, Promise<string>>();

/**
 * The database a test opens again and again as `file` (a server and a command on one database):
 * the file on SQLite; on PostgreSQL, one new database per file name.
 */
export function databaseAt(file: string): Promise<string> {
	if (!onPostgres) return Promise.resolve(file);
	let url = atFiles.get(file);
	if (!url) atFiles.set(file, (url = newDatabase({ seeded: false })));
	return url;
}

/** The seeded database as bytes: seeded through the write path once per test file, not per test. */
let seeded: Promise<Buffer> | undefined;

/**
 * A database of its own for each call. On SQLite, an in-memory copy of one database migrated and seeded from
 * data/ by openDatabase (seeding takes ~200 ms, copying ~10). createDb hands its argument to
 * better-sqlite3, which opens a Buffer as an in-memory database holding those bytes; the pragmas
 * it sets for files (WAL, FULL) do not apply to one. On PostgreSQL, a database created from the
 * run's seeded template (./postgres-setup.ts).
 */
export async function freshDb(): Promise<Db> {
	if (onPostgres) return closedAfter(createDb(await newDatabase({ seeded: true })));
	seeded ??= openDatabase(':memory:', { dataDir: DATA_DIR }).then(async (db) => {
		const bytes = sqliteOf(db)!.serialize();
		await db.destroy();
		return bytes;
	});
	return createDb((await seeded) as unknown as string);
}

/**
 * A seeded database that can be opened more than once (two instances of the app on one database):
 * on SQLite a file in a temporary folder, on PostgreSQL a database of its own; `remove` deletes
 * the file (the run drops the database).
 */
export async function sharedDatabase(): Promise<{ target: string; remove: () => void }> {
	if (onPostgres) return { target: await newDatabase({ seeded: true }), remove: () => {} };
	const seededDb = await freshDb();
	const dir = mkdtempSync(join(tmpdir(), 'treaty-tracker-shared-'));
	const file = join(dir, 'tracker.db');
	await sqliteOf(seededDb)!.backup(file);
	await seededDb.destroy();
	return { target: file, remove: () => rmSync(dir, { recursive: true, force: true }) };
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
