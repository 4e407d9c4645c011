// `npm run refresh -- [--instrument SLUG] [--url URL] [--format F] [--apply]`: fetches each
// instrument's status page from its depositary, prints how it differs from the record and, with
// --apply, writes it through the record's one write path. Works on the database at
// DATABASE_URL or DATABASE_PATH, built from DATA_DIR first when missing. See src/lib/server/sources/refresh.ts.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseTarget } from './database.js';
import { withVite } from './vite-load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = databaseTarget();
const dataDir = resolve(root, process.env.DATA_DIR ?? 'data');

const code = await withVite(async (load) => {
	const { openDatabase } = await load('/src/lib/server/sources/open.ts');
	const command = await load('/src/lib/server/sources/refresh-command.ts');
	const db = await openDatabase(file, { dataDir, log: (m) => console.error(m) });
	try {
		return await command.run(db, process.argv.slice(2), { origin: process.env.ORIGIN || null });
	} finally {
		await db.destroy();
	}
});
process.exit(code);
