// `npm run db:build [-- --force]`: throws the database away and builds it again from data/.
// The database is the record: a database with changes made after its seed (imports, edits,
// accounts, reviews) is kept unless --force, since those changes exist nowhere else —
// `npm run data:export` writes out the record's acts, sources and aliases, `npm run backup` all.
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseTarget, isPostgres, shown } from './database.js';
import { withVite } from './vite-load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = databaseTarget();
const dataDir = resolve(root, process.env.DATA_DIR ?? 'data');
const force = process.argv.includes('--force');

if (isPostgres(file)) {
	// A PostgreSQL database is not a file to throw away: the server (or any command) builds an
	// empty one from data/ on first use, and starting again is the database owner's decision.
	console.error(
		`db:build: ${shown(file)} is PostgreSQL (DATABASE_URL): an empty database is built from data/ by the first server or\n` +
			'command that opens it. To start again, drop and create the database (dropdb/createdb), or copy a SQLite\n' +
			'database into it with `npm run db:copy -- --from data/tracker.db --to "$DATABASE_URL"`.'
	);
	process.exit(1);
}

await withVite(async (load) => {
	if (existsSync(file) && !force) {
		const { createDb } = await load('/src/lib/server/db/index.ts');
		const { migrateToLatest } = await load('/src/lib/server/db/migrate.ts');
		const { SEED_ACTOR } = await load('/src/lib/server/sources/load/index.ts');
		const db = createDb(file);
		await migrateToLatest(db);
		const changes = await db
			.selectFrom('audit_log')
			.select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('at').as('last')])
			.where('actor', '!=', SEED_ACTOR)
			.executeTakeFirstOrThrow();
		await db.destroy();
		if (Number(changes.n) > 0) {
			console.error(
				`db:build: ${file} holds ${changes.n} change(s) made after its seed (the last on ${changes.last}).\n` +
					'Write the record out first with `npm run data:export -- --to data` (acts, sources and aliases: not accounts,\n' +
					'API tokens, reviews, imported files or the audit log; `npm run backup -- --to FILE` keeps everything),\n' +
					'or run `npm run db:build -- --force` to discard them.'
			);
			process.exit(1);
		}
	}
	for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
	const { openDatabase } = await load('/src/lib/server/sources/open.ts');
	const db = await openDatabase(file, { dataDir, log: (msg) => console.log(msg) });
	await db.destroy();
});
console.log(`db:build: wrote ${file}`);
