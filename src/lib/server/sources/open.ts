import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { collationProblem, createDb, isUrl, redacted, underSetupLock, type Db } from '../db/index';
import { migrateToLatest } from '../db/migrate';
import { referenceHash, seed, syncReference } from './load';

/**
 * Opens a database (a SQLite file, or a PostgreSQL address: db/createDb) and migrates it. A
 * database whose record was never seeded (a new one, or one made before acts had an identity) is
 * seeded from dataDir through the write path; after that the database is the record and is never
 * rebuilt behind the user's back. The reference files (instruments, participants, groups…) are
 * brought in again when they have changed.
 */
export async function openDatabase(target: string, opts: { dataDir: string; log?: (msg: string) => void }): Promise<Db> {
	if (target !== ':memory:' && !isUrl(target)) mkdirSync(dirname(target), { recursive: true });
	const db = createDb(target);
	const where = redacted(target);
	try {
		const collation = await collationProblem(db);
		if (collation) opts.log?.(`warning: ${collation}`);
		// Several instances starting at once on one PostgreSQL database: the first migrates and
		// seeds, the others wait for it here, then find it done.
		await underSetupLock(db, async () => {
			await migrateToLatest(db);
			const meta = await db.selectFrom('record_meta').select(['seeded_at', 'reference_hash']).executeTakeFirstOrThrow();
			if (!meta.seeded_at) {
				opts.log?.(`building the record in ${where} from ${opts.dataDir}…`);
				const report = await seed(db, { dataDir: opts.dataDir });
				opts.log?.(`seeded: ${report.summary}`);
			} else if (meta.reference_hash !== referenceHash(opts.dataDir)) {
				opts.log?.(`the reference files in ${opts.dataDir} changed: bringing them in (the record itself is not touched)…`);
				const report = await syncReference(db, { dataDir: opts.dataDir });
				opts.log?.(report.summary);
			}
		});
	} catch (e) {
		await db.destroy().catch(() => {});
		throw e;
	}
	return db;
}
