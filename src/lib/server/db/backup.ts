// Backups while the server runs, and restoring one. A backup uses SQLite's online backup API
// (better-sqlite3's `backup`), which copies the database page by page and starts over the pages
// a concurrent write changed, so the copy is one consistent state: every transaction committed
// before it finished, none half. A backup is checked before it is trusted: SQLite's
// integrity_check, and the tables a Treaty Tracker database has.
import SQLite from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { sqliteOf, type Db } from './';

export interface Checked {
	ok: boolean;
	problems: string[];
	/** The record's revision in the file, and how many acts and audit entries it holds. */
	revision: number | null;
	acts: number | null;
	auditEntries: number | null;
}

/** What to use on PostgreSQL, whose backups are its own tools' (and a managed service's) work. */
export const POSTGRES_BACKUP =
	'the database is PostgreSQL (DATABASE_URL): back it up with its own tools — `pg_dump --format=custom --file=FILE "$DATABASE_URL"` for a copy, `pg_restore --clean --dbname="$DATABASE_URL" FILE` to put one back (servers stopped), or your provider\'s point-in-time recovery; see docs/deploying.md';

export async function backup(db: Db, to: string, opts: { progress?: (remaining: number, total: number) => void } = {}): Promise<Checked> {
	const sqlite = sqliteOf(db);
	if (!sqlite) throw new Error(POSTGRES_BACKUP);
	if (existsSync(to)) throw new Error(`${to} exists: a backup never overwrites a file`);
	await sqlite.backup(to, {
		progress: ({ totalPages, remainingPages }) => {
			opts.progress?.(remainingPages, totalPages);
			// pages a step: small enough that the server answers requests between steps
			return 256;
		}
	});
	// The copy says WAL, as its source does, and a WAL database opened again (to check it) gets
	// -wal and -shm files beside it. With a rollback journal it is one file to keep or move;
	// the server turns WAL on again when it opens a restored copy.
	const copy = new SQLite(to, { fileMustExist: true });
	try {
		copy.pragma('journal_mode = DELETE');
	} finally {
		copy.close();
	}
	return check(to);
}

/** Whether a file is a sound Treaty Tracker database, and what it holds. */
export function check(file: string): Checked {
	const problems: string[] = [];
	if (!existsSync(file)) return { ok: false, problems: [`${file} does not exist`], revision: null, acts: null, auditEntries: null };
	let sqlite: SQLite.Database | null = null;
	try {
		sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
		const integrity = sqlite.pragma('integrity_check') as { integrity_check: string }[];
		if (integrity.map((r) => r.integrity_check).join() !== 'ok') problems.push(`integrity_check: ${integrity.map((r) => r.integrity_check).slice(0, 5).join('; ')}`);
		const tables = new Set((sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name));
		for (const t of ['record_meta', 'acts', 'act_versions', 'audit_log', 'kysely_migration']) if (!tables.has(t)) problems.push(`no table ${t}: not a Treaty Tracker database`);
		if (problems.length) return { ok: false, problems, revision: null, acts: null, auditEntries: null };
		const one = (q: string) => (sqlite!.prepare(q).get() as { n: number }).n;
		return { ok: true, problems, revision: one('select revision as n from record_meta where id = 1'), acts: one('select count(*) as n from acts'), auditEntries: one('select count(*) as n from audit_log') };
	} catch (e) {
		return { ok: false, problems: [`${file}: ${(e as Error).message}`], revision: null, acts: null, auditEntries: null };
	} finally {
		sqlite?.close();
	}
}

/**
 * Puts a checked backup in the place of the database at `to` (the server stopped): copied next
 * to it first, then renamed over it, so a failure half-way leaves the old database whole. The
 * old database's write-ahead log goes with it. Returns what the restored file holds.
 */
export function restore(from: string, to: string): Checked {
	const checked = check(from);
	if (!checked.ok) throw new Error(`${from} is not a sound backup: ${checked.problems.join('; ')}`);
	const staging = `${to}.restoring`;
	rmSync(staging, { force: true });
	copyFileSync(from, staging);
	for (const suffix of ['-wal', '-shm']) rmSync(`${to}${suffix}`, { force: true });
	renameSync(staging, to);
	return check(to);
}
