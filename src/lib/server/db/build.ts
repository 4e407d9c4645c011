import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createDb, type Db } from './index';
import { migrateToLatest } from './migrate';
import { loadAll, type LoadReport } from '../load';

/** Opens a database, migrates it and, when it holds no instruments yet, loads data/. */
export async function openDatabase(
	filename: string,
	opts: { dataDir: string; log?: (msg: string) => void }
): Promise<Db> {
	if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
	const fresh = filename === ':memory:' || !existsSync(filename);
	const db = createDb(filename);
	await migrateToLatest(db);
	const hasData = await db
		.selectFrom('instruments')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	// A database built before participants had start dates (migration 2026-11-28-02) gets them
	// from a reload, which adds nothing else: loadAll is idempotent.
	const undated = await db
		.selectFrom('participants')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('since_note', 'is', null)
		.executeTakeFirstOrThrow();
	if (fresh || Number(hasData.n) === 0 || Number(undated.n) > 0) {
		opts.log?.(`building the database ${filename} from ${opts.dataDir}…`);
		const report: LoadReport = await loadAll(db, { dataDir: opts.dataDir });
		opts.log?.(report.summary);
	}
	return db;
}
