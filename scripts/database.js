// Where the deployment's commands find the database, as the server does
// (src/lib/server/http/database.ts): PostgreSQL at DATABASE_URL when it is set, else the SQLite
// file at DATABASE_PATH (data/tracker.db by default, from the project's folder).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A postgres:// address, or the SQLite file's absolute path. @returns {string} */
export function databaseTarget() {
	return process.env.DATABASE_URL || resolve(root, process.env.DATABASE_PATH ?? 'data/tracker.db');
}

/** Whether a target is a PostgreSQL address. @param {string} target */
export function isPostgres(target) {
	return /^postgres(ql)?:\/\//i.test(target);
}

/** The target without its password, for messages. @param {string} target */
export function shown(target) {
	if (!isPostgres(target)) return target;
	const u = new URL(target);
	if (u.password) u.password = '***';
	return u.toString();
}
