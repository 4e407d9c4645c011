// The application's one database — PostgreSQL at DATABASE_URL when it is set, else the SQLite file
// at DATABASE_PATH — opened (and built from data/ if missing) on first use, and
// closed when the server shuts down (scripts/serve.js emits 'sveltekit:shutdown' once the last
// request in flight has been answered); and its one page cache, made with it.
import { resolve } from 'node:path';
import { env } from '$env/dynamic/private';
import { closeNow, type Db } from '../db/index';
import { openDatabase } from '../sources/open';
import { log } from './log';
import { PageCache } from './page-cache';

let db: Promise<Db> | undefined;
let opened: Db | undefined;

export function getDb(): Promise<Db> {
	if (!db) {
		db = openDatabase(env.DATABASE_URL || resolve(env.DATABASE_PATH || 'data/tracker.db'), {
			dataDir: resolve(env.DATA_DIR || 'data'),
			log: (m) => log.info(m)
		});
		db.then((d) => (opened = d)).catch(() => {});
	}
	return db;
}

let pages: Promise<PageCache> | undefined;

/** The page cache of the app's database (one for the process: the hook and scripts/serve.js share it). */
export function getPageCache(): Promise<PageCache> {
	return (pages ??= getDb().then((d) => new PageCache(d)));
}

process.on('sveltekit:shutdown', () => {
	if (!opened) return;
	// Synchronous: the process exits right after the event. Closing SQLite's last connection
	// checkpoints the write-ahead log into the database file and removes it.
	closeNow(opened);
	opened = undefined;
	log.info('database closed');
});
