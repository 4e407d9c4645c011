// Databases of the unit suite's PostgreSQL leg (./postgres-setup.ts): each test's database is a
// database of its own on the server at TEST_DATABASE_URL, named after this run, dropped when
// the run ends.
import { resolve } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

export const DATA_DIR = resolve(__dirname, '../../data');

/** Every database the unit suite makes starts so (its setup drops those of an earlier run of the same process id). */
export const POSTGRES_PREFIX = 'tt_unit_';

/** `admin`'s address with another database's name. */
export function databaseUrl(admin: string, name: string): string {
	const u = new URL(admin);
	u.pathname = `/${name}`;
	return u.toString();
}

let admin: pg.Pool | undefined;
let made = 0;

/** A new database, empty or a copy of the seeded template; its address. */
export async function newDatabase(opts: { seeded: boolean }): Promise<string> {
	const run = inject('postgres');
	if (!run) throw new Error('not the PostgreSQL leg: TEST_DATABASE=postgres with TEST_DATABASE_URL');
	admin ??= new pg.Pool({ connectionString: run.admin, max: 2 });
	const name = `${run.prefix}${process.env.VITEST_POOL_ID ?? 0}_${process.pid}_${++made}_${Math.random().toString(36).slice(2, 8)}`;
	await admin.query(`create database "${name}"${opts.seeded ? ` template "${run.template}"` : ''}`);
	return databaseUrl(run.admin, name);
}
