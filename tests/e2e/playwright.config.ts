// End-to-end tests: the built app (scripts/serve.js) with its own fresh database, driven in
// the machine's Chromium. Run through `npm run test:e2e`, which finds Chromium and a port.
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;
// Inside outputDir, which Playwright empties before it starts the server; the command
// below deletes it too, so every run builds its database from data/.
const database = 'tests/e2e/output/e2e.db';
// The record the tests start from: data/ with a few acts left out for the imports to bring back
// (tests/e2e/scenario.js).
const dataDir = 'tests/e2e/output/data';
// Tests with a server of their own (crash kills one, operations stops one, bad-input and load need
// a database nobody else writes to, instances runs two on PostgreSQL): no browser, once is enough.
const OWN_SERVER = ['crash', 'operations', 'bad-input', 'load', 'share', 'invalidation', 'instances'].map((name) => `**/${name}.test.ts`);
const freshDatabase = `node -e "for (const s of ['', '-wal', '-shm']) require('node:fs').rmSync(process.env.DATABASE_PATH + s, { force: true })"`;

export default defineConfig({
	testDir: '.',
	// One account per role, in the server's database (after the server has made it).
	globalSetup: './global-setup.ts',
	testMatch: '**/*.test.ts',
	outputDir: 'output',
	forbidOnly: !!process.env.CI,
	reporter: 'list',
	use: {
		baseURL,
		browserName: 'chromium',
		screenshot: 'only-on-failure',
		launchOptions: {
			// Debian's Chromium: Playwright's own browser downloads cannot reach this network.
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			// Without the networking flags Chromium keeps dialling Google on a closed network.
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--disable-quic',
				'--no-first-run'
			]
		}
	},
	// Every journey must also work without JavaScript (STYLE.md, habit 6). The two projects run
	// side by side, each one file at a time (they share the server's database and are written so
	// that their changes never meet: one act, State, account, setting per project); the tests
	// that start a server of their own and drive no browser run once, in a third project, beside
	// them. Two workers: on two cores, one leaves a core mostly idle.
	workers: 2,
	projects: [
		{ name: 'js', use: { javaScriptEnabled: true }, testIgnore: OWN_SERVER, workers: 1 },
		{ name: 'no-js', use: { javaScriptEnabled: false }, testIgnore: OWN_SERVER, workers: 1 },
		{ name: 'own-server', testMatch: OWN_SERVER, workers: 1 }
	],
	webServer: {
		command: `node tests/e2e/scenario.js && ${freshDatabase} && node scripts/build-if-needed.js && node scripts/serve.js`,
		cwd: root,
		url: `${baseURL}/`,
		// Request logs only for problems: one line per request would bury Playwright's report.
		// DATABASE_URL empty: the suite's own SQLite file, whatever PostgreSQL the caller's environment names
		env: { HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: '', DATABASE_PATH: database, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		stderr: 'pipe'
	}
});
