// `npm run import -- --instrument <slug> --file <path> [--format …] [--as-of …] [--apply]`:
// reads a depositary's file, prints how it differs from the record and, with --apply, writes
// it through the record's one write path. Works on the database at DATABASE_URL or DATABASE_PATH, built from
// DATA_DIR first when missing. See src/lib/server/sources/import-command.ts.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseTarget } from './database.js';
import { withVite } from './vite-load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cwd = process.cwd();
const file = databaseTarget();
const dataDir = resolve(root, process.env.DATA_DIR ?? 'data');
// --file is relative to where the command was typed, not to the project.
const argv = process.argv.slice(2).map((a, i, all) => (all[i - 1] === '--file' ? resolve(cwd, a) : a.replace(/^--file=(.*)$/, (_, p) => `--file=${resolve(cwd, p)}`)));

const code = await withVite(async (load) => {
	const { openDatabase } = await load('/src/lib/server/sources/open.ts');
	const command = await load('/src/lib/server/sources/import-command.ts');
	const db = await openDatabase(file, { dataDir, log: (m) => console.error(m) });
	try {
		return await command.run(db, argv, { dataDir });
	} finally {
		await db.destroy();
	}
});
process.exit(code);
