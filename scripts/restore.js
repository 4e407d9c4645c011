// `npm run restore -- --from FILE`: checks a backup (SQLite's integrity_check, the tables of a
// Treaty Tracker database) and puts it in the place of the database at DATABASE_PATH. Stop the
// server first. See src/lib/server/backup.ts.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { withVite } from './vite-load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = resolve(root, process.env.DATABASE_PATH ?? 'data/tracker.db');
let from;
try {
	({ values: { from } } = parseArgs({ options: { from: { type: 'string' } } }));
} catch (e) {
	console.error(`restore: ${e.message}\nusage: npm run restore -- --from FILE`);
	process.exit(2);
}
if (!from) {
	console.error('restore: --from: give the backup file to restore\nusage: npm run restore -- --from FILE');
	process.exit(2);
}
const source = resolve(process.cwd(), from);

const code = await withVite(async (load) => {
	const backups = await load('/src/lib/server/backup.ts');
	try {
		const checked = backups.restore(source, file);
		console.log(`restore: ${source} → ${file}: revision ${checked.revision}, ${checked.acts} acts, ${checked.auditEntries} audit entries; integrity_check ok`);
		return 0;
	} catch (e) {
		console.error(`restore: ${e.message}`);
		return 1;
	}
});
process.exit(code);
