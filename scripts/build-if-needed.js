// Runs `vite build` when build/ is missing or older than anything it is built from,
// so `npm start` on a fresh clone (or after a pull) serves the current code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const output = join(root, 'build', 'index.js');
const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];

/** The newest entry under `path` as { file, mtime }, or null when there is none. */
function newest(path) {
	if (!existsSync(path)) return null;
	const stat = statSync(path);
	// A folder counts too: deleting or renaming a file only changes its folder's mtime.
	let best = { file: path, mtime: stat.mtimeMs };
	if (!stat.isDirectory()) return best;
	for (const entry of readdirSync(path)) {
		const found = newest(join(path, entry));
		if (found && (!best || found.mtime > best.mtime)) best = found;
	}
	return best;
}

function build(reason) {
	console.log(`build-if-needed: ${reason}; running vite build…`);
	const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const result = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
	process.exit(result.status ?? 1);
}

if (!existsSync(output)) build('build/ is missing');

const built = statSync(output).mtimeMs;
for (const source of sources) {
	const found = newest(join(root, source));
	if (found && found.mtime > built) build(`${relative(root, found.file)} is newer than build/`);
}
console.log('build-if-needed: build/ is up to date');
