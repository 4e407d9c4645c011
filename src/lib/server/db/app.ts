// The application's one database, opened (and built from data/ if missing) on first use.
import { resolve } from 'node:path';
import { env } from '$env/dynamic/private';
import type { Db } from './index';
import { openDatabase } from './build';

let db: Promise<Db> | undefined;

export function getDb(): Promise<Db> {
	db ??= openDatabase(resolve(env.DATABASE_PATH || 'data/tracker.db'), {
		dataDir: resolve(env.DATA_DIR || 'data'),
		log: (m) => console.log(m)
	});
	return db;
}
