// `npm run test:e2e`: makes sure what the end-to-end tests run on is there — a Chromium
// (Playwright cannot download its own here) and Java (for the Nu HTML checker) —, installing
// Debian's packages when it can; picks a free port, then runs Playwright. Extra arguments go to
// Playwright.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = 'tests/e2e/playwright.config.ts';
const args = process.argv.slice(2);

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

// What the tests run on, as Debian packages: how to find each, and why it is needed.
const CHROMIUM = { name: 'Chromium', pkg: 'chromium', find: findChromium, why: 'the browser the end-to-end tests drive (Playwright cannot download its own here)' };
const JAVA = { name: 'Java', pkg: 'default-jre-headless', find: () => onPath('java'), why: 'it runs the Nu HTML checker (vnu-jar) in tests/e2e/checkers.test.ts, the test tagged @java' };
// Not needed to pass, wanted to look at: without a Chinese font the Chinese pages' screenshots and
// the PNG maps' Chinese labels are drawn as empty boxes (Arabic is in DejaVu Sans, always there).
const CJK_FONT = { name: 'a Chinese font', pkg: 'fonts-wqy-microhei', find: () => spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout?.trim(), why: 'Chinese text in screenshots and PNG downloads', optional: true };
const NEEDS = [CHROMIUM, JAVA, CJK_FONT];

/**
 * Whether this run includes a test tagged @java: asked of Playwright (`--list`, with the same
 * arguments), only when Java is missing and cannot be installed.
 */
function runNeedsJava() {
	const list = spawnSync('npx', ['playwright', 'test', '--config', config, ...args, '--list', '--reporter=json'], {
		cwd: root,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		env: { ...process.env, E2E_PORT: process.env.E2E_PORT ?? '4173' }
	});
	try {
		const tagged = (suite) => (suite.specs ?? []).some((s) => s.tags?.includes('java') && s.tests.length) || (suite.suites ?? []).some(tagged);
		return JSON.parse(list.stdout).suites.some(tagged);
	} catch {
		return true; // when in doubt, it does
	}
}

let missing = NEEDS.filter((n) => !n.find());
// As root with apt-get (a CI machine, a fresh container, a developer's own box as root), what is
// missing is installed: Debian's packages, without their recommended packages, nothing upgraded.
let cannotInstall = process.getuid?.() !== 0 ? 'not running as root' : !onPath('apt-get') ? 'no apt-get on this machine' : null;
if (missing.length && !cannotInstall) {
	console.log('e2e: installing what the end-to-end tests need (apt-get, without recommended packages):');
	for (const n of missing) console.log(`  - ${n.pkg}: ${n.name}, ${n.why}`);
	const packages = missing.map((n) => n.pkg).join(' ');
	const install = spawnSync('sh', ['-c', `apt-get update && apt-get install -y --no-install-recommends ${packages}`], {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
	});
	if (install.status !== 0) console.error(`e2e: apt-get install ${packages} failed (exit ${install.status})`);
	missing = NEEDS.filter((n) => !n.find());
	if (missing.length) cannotInstall = 'apt-get did not install it, see above';
}
if (missing.includes(CJK_FONT)) {
	console.log(`e2e: no Chinese font (${CJK_FONT.pkg}): Chinese screenshots will show empty boxes; the tests do not depend on it`);
	missing = missing.filter((n) => !n.optional);
}
if (missing.includes(JAVA) && !missing.includes(CHROMIUM) && !runNeedsJava()) {
	console.log('e2e: no Java, and no test of this run needs it (tag @java)');
	missing = missing.filter((n) => n !== JAVA);
}
if (missing.length) {
	console.error(
		`e2e: cannot run the end-to-end tests: ${missing.map((n) => `${n.name} is missing (${n.why})`).join('; ')}.\n` +
			`It was not installed${cannotInstall ? ` (${cannotInstall})` : ''}. Install it, as root, or with sudo:\n\n` +
			`  apt-get install -y --no-install-recommends ${missing.map((n) => n.pkg).join(' ')}\n\n` +
			'then run the tests again.' +
			(missing.includes(CHROMIUM) ? ' (Or point CHROMIUM_PATH at any Chromium or Chrome binary.)' : '')
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

const chromium = findChromium();
const env = { ...process.env, CHROMIUM_PATH: chromium, E2E_PORT: await freePort() };
console.log(`e2e: Chromium ${chromium}, app on port ${env.E2E_PORT}`);
const run = spawnSync('npx', ['playwright', 'test', '--config', config, ...args], { cwd: root, stdio: 'inherit', env });
process.exit(run.status ?? 1);
