// `npm run test:e2e`: makes sure a Chromium is there (Playwright cannot download its own
// here), picks a free port, then runs Playwright. Extra arguments go to Playwright.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function executable(path) {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

function onPath(name) {
	for (const dir of (process.env.PATH ?? '').split(delimiter)) {
		if (dir && executable(join(dir, name))) return join(dir, name);
	}
	return null;
}

function findChromium() {
	if (process.env.CHROMIUM_PATH) {
		if (executable(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
		console.error(`e2e: CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file`);
		process.exit(1);
	}
	if (executable('/usr/bin/chromium')) return '/usr/bin/chromium';
	return onPath('chromium');
}

let chromium = findChromium();
// Only CI, on a machine of its own, installs a browser; nobody's workstation is changed behind
// their back. Without its recommended packages, and nothing else upgraded.
if (!chromium && process.env.CI && process.getuid?.() === 0 && onPath('apt-get')) {
	console.log('e2e: no Chromium found; CI installs Debian’s chromium package…');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y --no-install-recommends chromium'], {
		stdio: 'inherit',
		env
	});
	if (install.status === 0) chromium = findChromium();
}
if (!chromium) {
	console.error(
		'e2e: Chromium not found, and it is installed only in CI. Install it, then run `npm run test:e2e` again:\n' +
			'  - Debian/Ubuntu:  sudo apt-get install -y --no-install-recommends chromium\n' +
			'  - or, where the network allows, Playwright’s own browser:\n' +
			'      npx playwright install chromium\n' +
			'      CHROMIUM_PATH="$(node -e "console.log(require(\'playwright-core\').chromium.executablePath())")" npm run test:e2e\n' +
			'Or point CHROMIUM_PATH at any Chromium or Chrome binary.'
	);
	process.exit(1);
}

/** A port nobody listens on right now, unless E2E_PORT names one. */
async function freePort() {
	if (process.env.E2E_PORT) return process.env.E2E_PORT;
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(String(port)));
		});
	});
}

const env = { ...process.env, CHROMIUM_PATH: chromium, E2E_PORT: await freePort() };
console.log(`e2e: Chromium ${chromium}, app on port ${env.E2E_PORT}`);
const args = ['playwright', 'test', '--config', 'tests/e2e/playwright.config.ts'];
const run = spawnSync('npx', [...args, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
process.exit(run.status ?? 1);
