// The OpenAPI document cannot drift from the routes: every endpoint under src/routes/api/v1
// is described, and every /api/v1 path it describes exists.
import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { document } from '../../src/lib/server/openapi';

const API = resolve(__dirname, '../../src/routes/api/v1');

/** Route folders with a +server.ts, as OpenAPI paths: [slug] and [code=code] become {slug}, {code}. */
function routes(dir: string): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) out.push(...routes(path));
		else if (/^\+server\.(ts|js)$/.test(entry.name)) {
			const segments = relative(API, dir).split(sep).filter(Boolean);
			const openapi = segments
				.filter((s) => !/^\(.*\)$/.test(s)) // (groups) do not appear in URLs
				.map((s) => s.replace(/^\[(?:\.\.\.)?([^=\]]+)(?:=[^\]]+)?\]$/, '{$1}'));
			out.push(['/api/v1', ...openapi].join('/'));
		}
	}
	return out.sort();
}

describe('OpenAPI document', () => {
	const documented = Object.keys(document.paths);

	it('describes every route under src/routes/api/v1', () => {
		const found = routes(API);
		expect(found).toContain('/api/v1/instruments/{slug}/non-parties');
		expect(found.filter((r) => !documented.includes(r))).toEqual([]);
	});

	it('describes no /api/v1 path that has no route', () => {
		const found = routes(API);
		expect(documented.filter((p) => p.startsWith('/api/v1/') && !found.includes(p))).toEqual([]);
	});

	it('is OpenAPI 3.1 whose references all resolve', () => {
		expect(document.openapi).toBe('3.1.0');
		const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
		for (const r of refs) {
			const [, , kind, name] = r.slice(8, -1).split('/');
			expect(document.components[kind as 'schemas'], r).toHaveProperty(name);
		}
		for (const [path, item] of Object.entries(document.paths)) {
			for (const name of path.match(/\{(\w+)\}/g) ?? []) {
				const params = (item.get.parameters ?? []).map((p) =>
					'$ref' in p ? (p as unknown as { $ref: string }).$ref.split('/').pop() : p.name
				);
				expect(params, `${path} declares ${name}`).toContain(name.slice(1, -1));
			}
		}
	});
});
