// `npm run db:build`: throws the database away and builds it again from data/.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withVite } from './vite-load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = resolve(root, process.env.DATABASE_PATH ?? 'data/tracker.db');
const dataDir = resolve(root, process.env.DATA_DIR ?? 'data');

for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });

await withVite(async (load) => {
	const { openDatabase } = await load('/src/lib/server/db/build.ts');
	const db = await openDatabase(file, { dataDir, log: (msg) => console.log(msg) });
	await db.destroy();
});
console.log(`db:build: wrote ${file}`);
