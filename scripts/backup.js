// `npm run backup -- --to FILE`: an online backup of the database at DATABASE_PATH (the server
// may keep running and writing), checked once written. See src/lib/server/db/backup.ts.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileOption } from './args.js';
import { databaseTarget, isPostgres } from './database.js';
import { withVite } from './vite-load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = databaseTarget();
const target = fileOption('backup', 'to');

const code = await withVite(async (load) => {
	if (isPostgres(file)) {
		const { POSTGRES_BACKUP } = await load('/src/lib/server/db/backup.ts');
		console.error(`backup: ${POSTGRES_BACKUP}`);
		return 1;
	}
	const { createDb, closeNow } = await load('/src/lib/server/db/index.ts');
	const backups = await load('/src/lib/server/db/backup.ts');
	const { existsSync } = await import('node:fs');
	if (!existsSync(file)) {
		console.error(`backup: there is no database at ${file} (DATABASE_PATH)`);
		return 1;
	}
	const db = createDb(file);
	try {
		const t0 = performance.now();
		const checked = await backups.backup(db, target);
		if (!checked.ok) {
			console.error(`backup: the copy failed its check: ${checked.problems.join('; ')}`);
			return 1;
		}
		console.log(`backup: ${file} → ${target} in ${Math.round(performance.now() - t0)} ms: revision ${checked.revision}, ${checked.acts} acts, ${checked.auditEntries} audit entries; integrity_check ok`);
		return 0;
	} catch (e) {
		console.error(`backup: ${e.message}`);
		return 1;
	} finally {
		await db.destroy();
		// Kysely closes the connection only if it ever ran a query on it; the backup used it
		// directly. Closed, the database's own -wal and -shm files go too.
		closeNow(db);
	}
});
process.exit(code);
