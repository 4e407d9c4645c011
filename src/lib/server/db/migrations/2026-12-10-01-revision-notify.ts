import type { Kysely } from 'kysely';
import { announceRevisions } from '../dialect';

// Frozen in time: this file must never import from the app (../dialect is the database's, not the app's).
// On PostgreSQL, record_meta announces each move of the revisions (NOTIFY, delivered at commit),
// so that every instance on the database learns of another's write without asking on each
// request. SQLite has nothing to do: it is asked each time, synchronously.
export async function up(db: Kysely<any>): Promise<void> {
	await announceRevisions(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	void db;
}
