// `npm run data:export -- --to DIR`: writes the record in the database at DATABASE_URL or DATABASE_PATH back
// out as the versioned files it is seeded from (DIR/record/acts.csv, DIR/record/sources.csv),
// so changes made in the app can be reviewed as a plain diff (`--to data`) and committed.
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { databaseTarget, isPostgres } from './database.js';
import { withVite } from './vite-load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cwd = process.cwd();
let to;
try {
	to = parseArgs({ args: process.argv.slice(2), options: { to: { type: 'string' } }, strict: true }).values.to;
} catch (e) {
	console.error(`data:export: ${e.message}`);
}
if (!to) {
	console.error('usage: npm run data:export -- --to DIR   (DIR "data" writes over the shipped record files)');
	process.exit(2);
}
const dir = resolve(cwd, to);
const file = databaseTarget();
if (!isPostgres(file) && !existsSync(file)) {
	console.error(`data:export: no database at ${file}: there is no record to export (npm start builds one)`);
	process.exit(1);
}
await withVite(async (load) => {
	const { createDb } = await load('/src/lib/server/db/index.ts');
	const { migrateToLatest } = await load('/src/lib/server/db/migrate.ts');
	const files = await load('/src/lib/server/sources/record-files.ts');
	const db = createDb(file);
	try {
		await migrateToLatest(db);
		// a PostgreSQL database nothing has opened yet: header-only files would overwrite a record
		const meta = await db.selectFrom('record_meta').select('seeded_at').executeTakeFirst();
		if (!meta?.seeded_at) {
			console.error('data:export: the database holds no record yet (never seeded): there is nothing to export (npm start builds one)');
			process.exitCode = 1;
			return;
		}
		for (const path of await files.write(db, { to: dir })) console.log(`wrote ${relative(cwd, path) || path}`);
	} finally {
		await db.destroy();
	}
});
