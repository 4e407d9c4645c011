import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type Transaction } from 'kysely';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

/** Opens (or creates) a database file; ':memory:' for tests. */
export function createDb(filename: string): Db {
	const sqlite = new SQLite(filename);
	sqlite.pragma('foreign_keys = ON');
	if (filename !== ':memory:') {
		sqlite.pragma('journal_mode = WAL');
		// Another process (an import from the command line) may write while the server reads.
		sqlite.pragma('busy_timeout = 5000');
	}
	return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/**
 * Runs `fn` in a transaction: the caller's when `db` already is one (so writes compose into one
 * commit), a new one otherwise.
 */
export function inTransaction<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
	return db.isTransaction ? fn(db as Trx) : db.transaction().execute(fn);
}
