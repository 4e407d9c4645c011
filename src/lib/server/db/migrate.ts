import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './index';

// import.meta.glob bundles the migrations into the built server; a folder-reading
// provider would find nothing there.
const modules = import.meta.glob<Migration>('./migrations/*.ts', { eager: true });

const provider: MigrationProvider = {
	async getMigrations() {
		const out: Record<string, Migration> = {};
		for (const [path, mod] of Object.entries(modules)) {
			out[path.replace(/^.*\//, '').replace(/\.ts$/, '')] = mod;
		}
		return out;
	}
};

export async function migrateToLatest(db: Db): Promise<void> {
	// Each migration says its own transactions (as on SQLite, where Kysely has none around them).
	const migrator = new Migrator({ db, provider, disableTransactions: true });
	const { error, results } = await migrator.migrateToLatest();
	for (const r of results ?? []) {
		if (r.status === 'Error') console.error(`migration ${r.migrationName} failed`);
	}
	if (error) throw error;
}
