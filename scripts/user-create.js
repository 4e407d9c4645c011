// `npm run user:create -- --email … --role secretariat`: creates an account in the database at
// DATABASE_URL or DATABASE_PATH (seeded from DATA_DIR first when missing). See src/lib/server/accounts/user-command.ts.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseTarget } from './database.js';
import { withVite } from './vite-load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = databaseTarget();
const dataDir = resolve(root, process.env.DATA_DIR ?? 'data');

/** What was piped in, or null when standard input is a terminal. */
async function stdin() {
	if (process.stdin.isTTY) return null;
	let text = '';
	for await (const chunk of process.stdin) text += chunk;
	return text;
}

const piped = await stdin();
const code = await withVite(async (load) => {
	const { openDatabase } = await load('/src/lib/server/sources/open.ts');
	const command = await load('/src/lib/server/accounts/user-command.ts');
	const db = await openDatabase(file, { dataDir, log: (m) => console.error(m) });
	try {
		return await command.run(db, process.argv.slice(2), { stdin: piped });
	} finally {
		await db.destroy();
	}
});
process.exit(code);
