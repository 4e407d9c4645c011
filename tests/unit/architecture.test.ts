// The plan of src/lib/server as docs/architecture.md draws it: every folder is in the document's
// table and says what it owns in the first line of its index.ts; every import between folders is
// one the table allows. The table is read from the document, so the document and the code change
// together.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const server = join(root, 'src/lib/server');
const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');

/** The table: folder → the folders it may import. */
const allowed = new Map<string, Set<string>>();
for (const line of doc.split('\n')) {
	const cells = line.split('|').map((c) => c.trim());
	const folder = /^`([\w-]+)\/`$/.exec(cells[1] ?? '')?.[1];
	if (!folder) continue;
	const may = cells[3] === 'every folder above' ? '*' : [...cells[3].matchAll(/`([\w-]+)\/`/g)].map((m) => m[1]);
	allowed.set(folder, new Set(may === '*' ? ['*'] : may));
}

const folders = readdirSync(server).filter((f) => statSync(join(server, f)).isDirectory());

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
	});
}

describe('src/lib/server', () => {
	it('has the folders the document names, and no other', () => {
		expect(folders.sort()).toEqual([...allowed.keys()].sort());
		expect(readdirSync(server).filter((f) => !statSync(join(server, f)).isDirectory())).toEqual([]);
	});

	it.each(folders)('%s/index.ts opens with what the folder owns', (folder) => {
		const first = readFileSync(join(server, folder, 'index.ts'), 'utf8').split('\n')[0];
		expect(first).toMatch(new RegExp(`^// ${folder}/: \\S`));
	});

	it('imports only what the table allows (a folder above may import one below, never the other way)', () => {
		const order = [...allowed.keys()];
		const wrong: string[] = [];
		for (const file of files(server)) {
			const from = relative(server, file).split('/')[0];
			if (file.includes('/migrations/')) {
				// frozen in time: a migration imports nothing from the app — only the database's own
				// words for what SQLite and PostgreSQL spell differently (../dialect)
				for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^']*)'/g)) if (m[1] !== '../dialect') wrong.push(`${relative(root, file)} → ${m[1]}`);
				continue;
			}
			for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
				const spec = m[1];
				if (!spec.startsWith('.')) continue;
				const target = relative(server, resolve(dirname(file), spec));
				if (target.startsWith('..')) continue; // src/lib: isomorphic
				const to = target.split('/')[0];
				const may = allowed.get(from)!;
				if (to !== from && !may.has('*') && !may.has(to)) wrong.push(`${relative(root, file)} → ${spec}`);
				if (may.has('*') && order.indexOf(to) > order.indexOf(from)) wrong.push(`${relative(root, file)} → ${spec}`);
			}
		}
		expect(wrong).toEqual([]);
	});

	it('views/ know no HTTP: a read model never answers a request (no @sveltejs/kit)', () => {
		const offenders = files(join(server, 'views')).filter((f) => /from '@sveltejs\/kit'/.test(readFileSync(f, 'utf8')));
		expect(offenders.map((f) => relative(root, f))).toEqual([]);
	});

	it('is never imported by a component or isomorphic module', () => {
		const lib = join(root, 'src/lib');
		const outside = files(lib)
			.concat(readdirSync(join(lib, 'components'), { recursive: true }).map((f) => join(lib, 'components', String(f))).filter((f) => f.endsWith('.svelte')))
			.filter((f) => !f.startsWith(server));
		const offenders = outside.filter((f) => /from '[^']*(\$lib\/server|\/server\/)/.test(readFileSync(f, 'utf8')));
		expect(offenders.map((f) => relative(root, f))).toEqual([]);
	});
});

describe('scripts/', () => {
	it('load only modules that exist: a module moved is a command that cannot start', () => {
		const scripts = join(root, 'scripts');
		const named = readdirSync(scripts)
			.filter((f) => f.endsWith('.js'))
			.flatMap((f) => [...readFileSync(join(scripts, f), 'utf8').matchAll(/'(\/src\/[\w/.-]+\.ts)'/g)].map((m) => ({ script: f, module: m[1] })));
		expect(named.length).toBeGreaterThan(10);
		const missing = named.filter(({ module }) => {
			try {
				return !statSync(join(root, module)).isFile();
			} catch {
				return true;
			}
		});
		expect(missing).toEqual([]);
	});
});
