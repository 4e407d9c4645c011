import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/** Opens (or creates) a database file; ':memory:' for tests. */
export function createDb(filename: string): Db {
	const sqlite = new SQLite(filename);
	sqlite.pragma('foreign_keys = ON');
	if (filename !== ':memory:') sqlite.pragma('journal_mode = WAL');
	return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}
