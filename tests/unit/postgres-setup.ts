// The PostgreSQL leg of the unit suite (TEST_DATABASE=postgres, TEST_DATABASE_URL an address
// whose role may create databases; scripts/unit.js runs it after the SQLite leg): before the
// test files, one database migrated and seeded from data/ through the app's own openDatabase —
// the template every freshDb() is created from (CREATE DATABASE … TEMPLATE: ~0.1 s, where a seed
// takes ~2 s); after them, every database of this run is dropped.
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/lib/server/sources/open';
import { DATA_DIR, POSTGRES_PREFIX, databaseUrl } from './postgres';

export default async function setup(project: TestProject) {
	const admin = process.env.TEST_DATABASE_URL;
	if (process.env.TEST_DATABASE !== 'postgres') return;
	if (!admin) throw new Error('TEST_DATABASE=postgres needs TEST_DATABASE_URL: an address whose role may create databases');
	const prefix = `${POSTGRES_PREFIX}${process.pid}_`;
	const client = new pg.Client({ connectionString: admin });
	await client.connect();
	const dropAll = async () => {
		const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${prefix}%`]);
		const failed: string[] = [];
		for (const r of rows) await client.query(`drop database if exists "${r.datname}" with (force)`).catch((e: Error) => failed.push(`${r.datname}: ${e.message}`));
		if (failed.length) console.error(`could not drop ${failed.length} test database(s) (the role needs pg_signal_backend to end their connections):\n${failed.slice(0, 3).join('\n')}`);
	};
	await dropAll();
	const template = `${prefix}seeded`;
	await client.query(`create database "${template}"`);
	const db = await openDatabase(databaseUrl(admin, template), { dataDir: DATA_DIR });
	await db.destroy();
	project.provide('postgres', { admin, prefix, template });
	return async () => {
		try {
			await dropAll();
		} finally {
			await client.end();
		}
	};
}

declare module 'vitest' {
	export interface ProvidedContext {
		postgres: { admin: string; prefix: string; template: string } | undefined;
	}
}
