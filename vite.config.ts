import { availableParallelism } from 'node:os';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { paraglideVitePlugin } from '@inlang/paraglide-js';

export default defineConfig({
	plugins: [
		// Messages in six languages (project.inlang, messages/*/<locale>.json) compiled to typed
		// functions in src/lib/paraglide; the language is the address's first segment alone
		// (/fr/…), English without one — see src/lib/i18n.ts.
		paraglideVitePlugin({ project: './project.inlang', outdir: './src/lib/paraglide', strategy: ['url', 'baseLocale'] }),
		sveltekit()
	],
	test: {
		include: ['tests/unit/**/*.test.ts'],
		// the PostgreSQL leg's template database (TEST_DATABASE=postgres; nothing on SQLite)
		globalSetup: ['tests/unit/postgres-setup.ts'],
		environment: 'node',
		testTimeout: 20000,
		// Test files side by side, each still in a module graph of its own: worker threads (lighter
		// than a process each; better-sqlite3 and argon2 load in threads), one per core — Vitest's
		// default leaves one core to itself, which on two cores means one file at a time, while
		// the main process mostly waits for its workers.
		pool: 'threads',
		maxWorkers: availableParallelism()
	}
});
