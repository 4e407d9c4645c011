// The routes of the app as the files under src/routes say them, for the tests that must cover
// every one (the authorization table, the walk of bad input): each form action and `load` of a
// +page.server.ts, each method of a +server.ts. Read from the source text, so that an end-to-end
// test can use it without importing the app; tests/unit/authorization.test.ts checks that this
// reading finds exactly what importing the modules finds.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROUTES = fileURLToPath(new URL('../src/routes', import.meta.url));
export const MUTATING_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE', 'fallback'];

export interface RouteFile {
	/** As SvelteKit names the route: `/users/[id=id]`, `/` for the root. */
	route: string;
	file: string;
	kind: 'page' | 'endpoint';
}

export interface Handler {
	route: string;
	/** A form action's name, `load`, or an endpoint's method. */
	name: string;
	kind: 'page' | 'endpoint';
	file: string;
}

export function routeFiles(dir = ROUTES): RouteFile[] {
	const out: RouteFile[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) out.push(...routeFiles(path));
		else if (/^\+(page\.server|server)\.(ts|js)$/.test(entry.name)) {
			const route = '/' + relative(ROUTES, dir).split(sep).filter(Boolean).join('/');
			out.push({ route, file: path, kind: entry.name.startsWith('+server') ? 'endpoint' : 'page' });
		}
	}
	return out;
}

const exported = (text: string, name: string) => new RegExp(`^export (?:const|(?:async )?function) ${name}\\b`, 'm').test(text);

/** The names a route file exports, as the source text says them. */
export function namesIn(text: string, kind: 'page' | 'endpoint'): string[] {
	if (kind === 'endpoint') return ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'fallback'].filter((m) => exported(text, m));
	const names = exported(text, 'load') ? ['load'] : [];
	// the keys of `export const actions = { … }`, one tab in, up to the object's closing brace
	const actions = /^export const actions = \{\n([^]*?)^\}/m.exec(text)?.[1] ?? '';
	for (const [, name] of actions.matchAll(/^\t(?:async )?(\w+)(?::|\s*\()/gm)) names.push(name);
	return names;
}

/** Every handler under src/routes. */
export function handlers(): Handler[] {
	return routeFiles().flatMap(({ route, file, kind }) => namesIn(readFileSync(file, 'utf8'), kind).map((name) => ({ route, name, kind, file })));
}

export const isMutating = (h: Handler) => (h.kind === 'page' ? h.name !== 'load' : MUTATING_METHODS.includes(h.name));
export const label = (h: { route: string; name: string }) => `${h.route} ${h.name}`;
