// db/: The database and nothing of the domain: opening it (WAL, foreign keys), its schema,
// migrations, backups and the bulk insert.
import SQLite from 'better-sqlite3';
import { Kysely, sql, SqliteDialect, type Transaction } from 'kysely';
import type { Database } from './schema';

type Row<T extends keyof Database> = { [K in keyof Database[T]]?: unknown };

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

/** The SQLite connection under each Kysely (and under each transaction begun by inTransaction). */
const connections = new WeakMap<object, SQLite.Database>();

/** Opens (or creates) a database file; ':memory:' for tests. */
export function createDb(filename: string): Db {
	const sqlite = new SQLite(filename);
	sqlite.pragma('foreign_keys = ON');
	if (filename !== ':memory:') {
		// WAL: readers never wait for a writer, and a crash mid-write leaves the last committed
		// transaction in place (the log is replayed on the next open).
		sqlite.pragma('journal_mode = WAL');
		// FULL, not NORMAL: in WAL mode NORMAL survives a killed process but may lose the last
		// transactions on a power cut or an OS crash; an acknowledged answer or act must not be
		// lost, so every commit is synced to disk. Commits are small; the cost is one fsync each.
		sqlite.pragma('synchronous = FULL');
		// Another process (an import from the command line) may write while the server reads.
		sqlite.pragma('busy_timeout = 5000');
	}
	const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
	connections.set(db, sqlite);
	return db;
}

/** The SQLite connection of a database opened by createDb (for SQLite's own backup API). */
export function connectionOf(db: Db): SQLite.Database {
	const c = connections.get(db);
	if (!c) throw new Error('not a database opened by createDb');
	return c;
}

/**
 * Runs `fn` in a transaction: the caller's when `db` already is one (so writes compose into one
 * commit), a new one otherwise.
 */
export function inTransaction<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
	if (db.isTransaction) return fn(db as Trx);
	return db.transaction().execute((trx) => {
		const connection = connections.get(db);
		if (connection) connections.set(trx, connection);
		return fn(trx);
	});
}

/**
 * Inserts many rows (a seed writes ~7,000): through one prepared statement on the connection
 * when it is known — building a Kysely query of 70,000 values costs more than writing them —
 * else in one statement whose rows travel as one JSON parameter. Either way inside the
 * caller's transaction. Table and column names come from the code, never from input.
 * `upsertOn` makes it an upsert on those columns. Returns the rowids of the rows, in order
 * (the `id` of a table whose key is an integer; not meaningful for rows an upsert updated).
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
	const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
	const key = opts.upsertOn ?? [];
	const update = columns.filter((c) => !key.includes(c as never));
	const conflict = key.length ? ` on conflict (${key.map(quoted).join(', ')}) do update set ${update.map((c) => `${quoted(c)} = excluded.${quoted(c)}`).join(', ')}` : '';
	const connection = connections.get(db);
	if (connection) {
		const statement = connection.prepare(
			`insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) values (${columns.map(() => '?').join(', ')})${conflict}`
		);
		return values.map((v) => Number(statement.run(v).lastInsertRowid));
	}
	// Each row as an array, each cell read by position: half the cost of extracting by name.
	// ("where true" lets SQLite tell the upsert's ON CONFLICT from a join's ON.)
	const q = sql<{ rowid: number }>`insert into ${sql.ref(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
		select ${sql.join(columns.map((_, i) => sql`value ->> ${sql.lit(i)}`))} from json_each(${JSON.stringify(values)}) where true
		${sql.raw(conflict)} returning rowid`;
	return (await q.execute(db)).rows.map((r) => r.rowid);
}
