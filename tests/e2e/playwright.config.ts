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
	// Every journey must also work without JavaScript (STYLE.md, habit 6).
	projects: [
		{ name: 'js', use: { javaScriptEnabled: true } },
		{ name: 'no-js', use: { javaScriptEnabled: false } }
	],
	webServer: {
		command: `node tests/e2e/scenario.js && ${freshDatabase} && node scripts/build-if-needed.js && node scripts/serve.js`,
		cwd: root,
		url: `${baseURL}/`,
		// Request logs only for problems: one line per request would bury Playwright's report.
		env: { HOST: '127.0.0.1', PORT: String(port), DATABASE_PATH: database, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		stderr: 'pipe'
	}
});
