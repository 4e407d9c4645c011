import { availableParallelism } from 'node:os';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['tests/unit/**/*.test.ts'],
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
