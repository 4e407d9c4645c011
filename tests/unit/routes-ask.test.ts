// Routes ask the domain modules; they do not query tables. A page or an endpoint that builds a
// query of its own repeats what a module of src/lib/server knows (and checks), and its reads
// and writes escape the one door each kind of thing has. Read from the source text: a query
// builder's verb in any file under src/routes fails here, naming the file and the line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const ROUTES = join(root, 'src/routes');

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		return statSync(p).isDirectory() ? files(p) : /\.(ts|js|svelte)$/.test(f) ? [p] : [];
	});
}

describe('src/routes', () => {
	it('queries no table: every route asks a module of src/lib/server', () => {
		const found: string[] = [];
		for (const file of files(ROUTES)) {
			const name = relative(root, file);
			readFileSync(file, 'utf8')
				.split('\n')
				.forEach((line, i) => {
					const verb = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\s*\(/.exec(line)?.[1];
					if (verb) found.push(`${name}:${i + 1} ${verb}`);
				});
		}
		expect(found).toEqual([]);
	});
});
