// `npm run restore -- --from FILE`: checks a backup (SQLite's integrity_check, the tables of a
// Treaty Tracker database) and puts it in the place of the database at DATABASE_PATH. Stop the
// server first. See src/lib/server/db/backup.ts.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileOption } from './args.js';
import { databaseTarget, isPostgres } from './database.js';
import { withVite } from './vite-load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = databaseTarget();
const source = fileOption('restore', 'from');

const code = await withVite(async (load) => {
	if (isPostgres(file)) {
		const { POSTGRES_BACKUP } = await load('/src/lib/server/db/backup.ts');
		console.error(`restore: ${POSTGRES_BACKUP}`);
		return 1;
	}
	const backups = await load('/src/lib/server/db/backup.ts');
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
