// db/: The database and nothing of the domain: opening it (SQLite by default, PostgreSQL for a
// DATABASE_URL — ./dialect is the one module that knows which), its schema, migrations, backups,
// transactions, the bulk insert and the revisions every request asks for.
import { Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';
import { engineOf, insertRows, isUrl, openPostgres, openSqlite, share, type Revisions } from './dialect';

export type { Revisions } from './dialect';
export { collationProblem, describeEngine, exclusively, isUrl, redacted, underSetupLock } from './dialect';

type Row<T extends keyof Database> = { [K in keyof Database[T]]?: unknown };

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

/**
 * Opens a database: a PostgreSQL address (postgres://…), or a SQLite file (created when
 * missing; ':memory:' or a serialized database's bytes for tests).
 */
export function createDb(target: string | Buffer): Db {
	return typeof target === 'string' && isUrl(target) ? openPostgres<Database>(target) : openSqlite<Database>(target);
}

/** Which database this is ('sqlite' | 'postgres') and where (a file, or an address without its password). */
export function whereIs(db: Db): { kind: 'sqlite' | 'postgres'; where: string } {
	const e = engineOf(db);
	return { kind: e.kind, where: e.where };
}

/** The SQLite connection of a database opened by createDb (SQLite's backup API, its bytes); null on PostgreSQL. */
export function sqliteOf(db: Db): import('better-sqlite3').Database | null {
	return engineOf(db).sqlite;
}

/** Closes at once, synchronously (the process exits right after). */
export function closeNow(db: Db): void {
	engineOf(db).closeNow();
}

/**
 * Runs `fn` in a transaction: the caller's when `db` already is one (so writes compose into one
 * commit), a new one otherwise. One writer at a time on either database (./dialect).
 */
export async function inTransaction<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
	if (db.isTransaction) return fn(db as Trx);
	const engine = engineOf(db);
	return engine.exclusive(async () => {
		const out = await db.transaction().execute(async (trx) => {
			share(db, trx);
			await engine.begin(trx);
			return fn(trx);
		});
		await engine.committed();
		return out;
	});
}

/**
 * The newest revisions known without asking the database, synchronously (the page cache asks on
 * every public request): current while `revisionsFresh` (SQLite: always; PostgreSQL: while it
 * listens), else as last read (null: never read yet).
 */
export function knownRevisions(db: Db): Revisions | null {
	return engineOf(db).known();
}

/** Whether `knownRevisions` follows every commit, this process's and others'. */
export function revisionsFresh(db: Db): boolean {
	return engineOf(db).fresh();
}

/** The revisions, asked of the database. */
export function readRevisions(db: Db): Promise<Revisions> {
	return engineOf(db).read();
}

/** The revisions now: as known while that is current (once a listener being connected is), else asked. */
export async function revisionsNow(db: Db): Promise<Revisions> {
	const engine = engineOf(db);
	if (!engine.fresh()) await engine.ready();
	return (engine.fresh() ? engine.known() : null) ?? engine.read();
}

/**
 * Inserts many rows (a seed writes ~7,000) in one go inside the caller's transaction. Table and
 * column names come from the code, never from input. `upsertOn` makes it an upsert on those
 * columns. Returns the ids of the rows, in order (for a table whose key is an integer `id`; not
 * meaningful for rows an upsert updated).
 */
export async function insertMany<T extends keyof Database>(
	db: Db,
	table: T,
	rows: Row<T>[],
	opts: { upsertOn?: (keyof Database[T] & string)[] } = {}
): Promise<number[]> {
	if (rows.length === 0) return [];
	const columns = Object.keys(rows[0]);
	const values = rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c] ?? null));
	return insertRows(db, table, columns, values, opts.upsertOn ?? []);
}
