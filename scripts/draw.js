// `npm run draw -- --cycle <id> --seed <n> [--on YYYY-MM-DD] [--json] [--apply]`: draws lots
// for a review cycle's country reviews, prints the draw (JSON on stdout with --json; warnings and
// problems on stderr) and, with --apply, writes it. Works on the database at DATABASE_URL or DATABASE_PATH,
// built from DATA_DIR first when missing. See src/lib/server/reviews/draw-command.ts.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseTarget } from './database.js';
import { withVite } from './vite-load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = databaseTarget();
const dataDir = resolve(root, process.env.DATA_DIR ?? 'data');
const argv = process.argv.slice(2);

const code = await withVite(async (load) => {
	const { openDatabase } = await load('/src/lib/server/sources/open.ts');
	const command = await load('/src/lib/server/reviews/draw-command.ts');
	const db = await openDatabase(file, { dataDir, log: (m) => console.error(m) });
	try {
		return await command.run(db, argv);
	} finally {
		await db.destroy();
	}
});
process.exit(code);
