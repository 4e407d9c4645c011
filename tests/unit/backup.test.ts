// Backups while the record is being written, and restoring one: the copy is one consistent
// state (every transaction before it, none half), passes SQLite's integrity check, and a
// database restored from it opens as the record it was.
import SQLite from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import * as backups from '../../src/lib/server/db/backup';
import { openDatabase } from '../../src/lib/server/sources/open';
import { sqliteOf, type Db } from '../../src/lib/server/db';
import * as participation from '../../src/lib/server/record/participation';
import * as records from '../../src/lib/server/record/record';
import { DATA_DIR, freshDb, onPostgres } from './db';

let dir: string;
let db: Db;
beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'treaty-tracker-backup-'));
	db = await openDatabase(join(dir, 'tracker.db'), { dataDir: DATA_DIR });
});
afterEach(async () => {
	await db.destroy();
	rmSync(dir, { recursive: true, force: true });
});

// Colombia's UNTOC deposit, corrected back and forth between two real candidate days.
const COL = { instrument: 'untoc', participant: 'COL', kind: 'consent', seq: 1 } as const;
const write = (i: number) =>
	participation.correct(db, { act: COL, changes: { date: i % 2 ? '2004-08-04' : '2004-08-05' }, source: 'untc-xviii-12-2014', reason: `write ${i}`, actor: 'backup test' });

describe('an online backup under write load', () => {
	test('is consistent and sound, holds every write acknowledged before it began, and restores as that record', async () => {
		const acknowledged: number[] = [];
		const writeAt = new Map<number, number>();
		let stop = false;
		let i = 0;
		// a writer that keeps committing corrections while the backup copies pages
		const writer = (async () => {
			while (!stop) {
				const n = i++;
				const { revision } = await write(n);
				acknowledged.push(revision!);
				writeAt.set(revision!, n);
				await new Promise((r) => setImmediate(r));
			}
		})();
		while (acknowledged.length < 5) await new Promise((r) => setTimeout(r, 5));
		const before = acknowledged.at(-1)!;
		let steps = 0;
		const file = join(dir, 'backup.db');
		const checked = await backups.backup(db, file, { progress: () => void steps++ });
		stop = true;
		await writer;

		expect(checked).toMatchObject({ ok: true, problems: [] });
		expect(steps).toBeGreaterThan(0);
		// every write acknowledged before the backup began is in it; its revision is one the writer committed
		expect(checked.revision!).toBeGreaterThanOrEqual(before);
		expect([...acknowledged, before]).toContain(checked.revision);
		// one consistent state: as many current versions as acts, and the audit ends at its revision
		const copy = await openDatabase(file, { dataDir: DATA_DIR });
		try {
			const last = await copy.selectFrom('audit_log').select('revision').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
			expect(last.revision).toBe(checked.revision);
			// Colombia's act as the write of that revision left it
			const col = await participation.find(copy, COL);
			expect(col?.reason).toBe(`write ${writeAt.get(checked.revision!)}`);
		} finally {
			await copy.destroy();
		}

		// restored in the place of a database, it is that record
		const target = join(dir, 'restored.db');
		writeFileSync(`${target}-wal`, 'a stale log that must not be replayed');
		const restored = backups.restore(file, target);
		expect(restored).toMatchObject({ ok: true, revision: checked.revision });
		expect(existsSync(`${target}-wal`) && readFileSync(`${target}-wal`, 'utf8').includes('stale')).toBe(false);
		const back = await openDatabase(target, { dataDir: DATA_DIR });
		try {
			expect((await records.get(back)).revision).toBe(checked.revision);
		} finally {
			await back.destroy();
		}
	});
});

describe('a backup is one file', () => {
	test('no -wal or -shm beside it once written and checked: a rollback journal, not WAL; restored, the server gets WAL again', async () => {
		await participation.correct(db, { act: COL, changes: { date: '2004-08-04' }, source: 'untc-xviii-12-2014', reason: 'before the backup', actor: 'backup test' });
		const file = join(dir, 'one-file.db');
		expect(await backups.backup(db, file)).toMatchObject({ ok: true });
		expect(readdirSync(dir).filter((f) => f.startsWith('one-file.db'))).toEqual(['one-file.db']);
		const copy = new SQLite(file, { readonly: true });
		try {
			expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
		} finally {
			copy.close();
		}
		// checked again, and opened the way the server opens it: the record, in WAL mode
		expect(backups.check(file).ok).toBe(true);
		expect(readdirSync(dir).filter((f) => f.startsWith('one-file.db'))).toEqual(['one-file.db']);
		const target = join(dir, 'restored.db');
		backups.restore(file, target);
		const back = await openDatabase(target, { dataDir: DATA_DIR });
		try {
			expect((await participation.find(back, COL))?.reason).toBe('before the backup');
			expect(sqliteOf(back)!.pragma('journal_mode', { simple: true })).toBe('wal');
		} finally {
			await back.destroy();
		}
	});
});

describe('what is not a sound backup', () => {
	test('a missing file, a file that is not SQLite, another SQLite database: refused with the reason, nothing replaced', () => {
		expect(backups.check(join(dir, 'none.db'))).toMatchObject({ ok: false, problems: [expect.stringMatching(/does not exist/)] });
		const junk = join(dir, 'junk.db');
		writeFileSync(junk, 'this is not a database');
		expect(backups.check(junk)).toMatchObject({ ok: false, problems: [expect.stringMatching(/file is not a database/)] });
		expect(() => backups.restore(junk, join(dir, 'tracker.db'))).toThrow(/is not a sound backup/);
		expect(backups.check(join(dir, 'tracker.db')).ok).toBe(true);
	});

	test('a backup never overwrites a file', async () => {
		const file = join(dir, 'exists.db');
		writeFileSync(file, 'keep me');
		await expect(backups.backup(db, file)).rejects.toThrow(/exists: a backup never overwrites a file/);
	});
});

describe.runIf(onPostgres)('on PostgreSQL', () => {
	test('a backup is refused, naming what to use instead (pg_dump, pg_restore), and writes no file', async () => {
		const pg = await freshDb();
		const to = join(dir, 'copy.db');
		await expect(backups.backup(pg, to)).rejects.toThrow(/PostgreSQL.*pg_dump --format=custom.*pg_restore/);
		expect(existsSync(to)).toBe(false);
	});
});
