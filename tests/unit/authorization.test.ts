// Who may do what, enforced by every handler, not only by hiding buttons: every route that
// changes something is found in src/routes (each form action of a +page.server.ts, each
// POST/PUT/PATCH/DELETE/fallback of a +server.ts) and must be in ROUTE_PERMISSIONS; then each
// one is called, as SvelteKit would call it, by every role and by a signed-out reader, on a
// fresh database. Those the table allows are not refused; the others are (a signed-out reader
// sent to sign in, or a 401 from the API; a 403 for a role), and a refused request changes
// nothing. The expected answers come from the table, never from the handlers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import * as identity from '../../src/lib/server/accounts/identity';
import * as invitations from '../../src/lib/server/accounts/invitations';
import * as tokens from '../../src/lib/server/accounts/tokens';
import * as userAccounts from '../../src/lib/server/accounts/users';
import type { Db } from '../../src/lib/server/db';
import * as importFiles from '../../src/lib/server/sources/import-files';
import * as reviews from '../../src/lib/server/reviews/reviews';
import { PERMISSIONS, PUBLIC, refusal, ROUTE_PERMISSIONS, type Action } from '../../src/lib/server/accounts/permissions';
import { ROLES, type Role } from '../../src/lib/roles';
import { DATA_DIR, freshDb } from './db';
import { handlers as readHandlers, isMutating as mutating, label, namesIn, routeFiles, type Handler } from '../routes';

const PASSWORD = 'a long enough passphrase';

type RouteModule = Record<string, unknown> & { actions?: Record<string, unknown> };

/** Every handler the files export: form actions and loads of pages, methods of endpoints. */
async function discover(): Promise<{ handlers: Handler[]; modules: Map<string, RouteModule> }> {
	const handlers: Handler[] = [];
	const modules = new Map<string, RouteModule>();
	for (const { route, file, kind } of routeFiles()) {
		const mod = (await import(/* @vite-ignore */ file)) as RouteModule;
		modules.set(file, mod);
		if (kind === 'page') {
			if (typeof mod.load === 'function') handlers.push({ route, name: 'load', kind, file });
			for (const name of Object.keys(mod.actions ?? {})) handlers.push({ route, name, kind, file });
		} else {
			for (const name of Object.keys(mod)) if (typeof mod[name] === 'function') handlers.push({ route, name, kind, file });
		}
	}
	return { handlers, modules };
}

const { handlers, modules } = await discover();
const tabled = Object.entries(ROUTE_PERMISSIONS).flatMap(([route, names]) => Object.entries(names).map(([name, permission]) => ({ route, name, permission })));

describe('the table of route permissions', () => {
	it('names every form action and every mutating endpoint under src/routes', () => {
		const missing = handlers.filter(mutating).filter((h) => ROUTE_PERMISSIONS[h.route]?.[h.name] === undefined);
		expect(missing.map(label), 'routes missing from ROUTE_PERMISSIONS in src/lib/server/accounts/permissions.ts').toEqual([]);
		// the discovery itself finds what it should
		expect(handlers.filter(mutating).map(label)).toEqual(expect.arrayContaining(['/login default', '/users invite', '/account revokeToken']));
	});

	it('is what reading the source finds too (the end-to-end walk of bad input reads it, not importing the app)', () => {
		expect(readHandlers().map(label).sort()).toEqual(handlers.map(label).sort());
		expect(namesIn('export const actions = {\n\tdefault: async () => {\n\t\tconst x = { a: 1 };\n\t},\n\tsecond(event) {}\n} satisfies Actions;\n', 'page')).toEqual(['default', 'second']);
	});

	it('names nothing that does not exist', () => {
		const found = new Set(handlers.map(label));
		expect(tabled.filter((t) => !found.has(label(t))).map(label)).toEqual([]);
	});
});

// ---- Calling a handler as SvelteKit would -------------------------------------------------

type Who = Role | 'signed out';
const WHO: Who[] = [...ROLES, 'signed out'];

interface World {
	db: Db;
	users: Record<Role, identity.SignedIn>;
	secretariat: identity.SignedIn;
}

interface Request {
	params?: Record<string, string>;
	form?: Record<string, string>;
	json?: unknown;
}

let serial = 0;
const unique = (what: string) => `${what}.${++serial}@authorization.example.org`;

/** An invited account that has not set its password yet, and its link. */
async function invited(w: World) {
	return invitations.invite(w.db, { email: unique('invited'), role: 'editor', by: w.secretariat, address: null });
}

/**
 * A review every role takes part in: India (the focal point's State) reviewed by Pakistan and
 * France on cluster I, the reviewer account named as an expert, one evidence PDF. Made once per
 * database.
 */
const reviewsMade = new WeakMap<Db, Promise<{ id: number; file: number }>>();
function aReview(w: World): Promise<{ id: number; file: number }> {
	let made = reviewsMade.get(w.db);
	if (!made) reviewsMade.set(w.db, (made = makeReview(w)));
	return made;
}

async function makeReview(w: World): Promise<{ id: number; file: number }> {
	const secretariat = { actor: { label: w.secretariat.email, userId: w.secretariat.id, role: 'secretariat', address: null }, userId: w.secretariat.id, role: 'secretariat' as const, participant: null };
	const { id: draw } = await w.db
		.insertInto('review_draws')
		.values({ cycle_id: 'untoc-1', seed: 1, algorithm: 'scenario', parties_on: '2020-10-12', result: '[]', problems: '[]', drawn_by: 'test', drawn_at: '2020-10-12T00:00:00Z' })
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const reviewer of ['PAK', 'FRA']) {
		await w.db.insertInto('review_reviewers').values({ cycle_id: 'untoc-1', state_code: 'IND', instrument_slug: 'untoc', reviewer_code: reviewer, draw_id: draw, replaced_at: null, replaced_reason: null, replaced_by: null }).execute();
	}
	const [id] = await reviews.launch(w.db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: secretariat.actor });
	let r = (await reviews.get(w.db, id))!;
	await reviews.nameSomeone(w.db, r, secretariat, { participant: 'PAK', role: 'expert', name: 'An expert', userId: w.users.reviewer.id, basedOn: r.version });
	r = (await reviews.get(w.db, id))!;
	await reviews.addEvidence(w.db, r, secretariat, { instrument: 'untoc', article: '5', name: 'law.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n'), basedOn: r.version });
	const file = await w.db.selectFrom('review_files').select('id').where('review_id', '=', id).executeTakeFirstOrThrow();
	return { id, file: file.id };
}

/** An import applied (Pakistan's accession re-dated in the real 2023 UNTC table): its id, made once per database. */
const importsMade = new WeakMap<Db, Promise<number>>();
function anImport(w: World): Promise<number> {
	let made = importsMade.get(w.db);
	if (!made) importsMade.set(w.db, (made = makeImport(w)));
	return made;
}

async function makeImport(w: World): Promise<number> {
	const text = readFileSync(join(DATA_DIR, 'raw/crba_etl_2023_normlex_untc/untc_XVIII-12-a_X-4.csv'), 'utf8').replace('Pakistan;;4 Nov 2022 a', 'Pakistan;;5 Nov 2022 a');
	const file = await importFiles.keep(w.db, { name: `X-4-${++serial}.csv`, text, actor: 'a test' });
	const req = { instrument: 'trafficking-protocol', fileId: file.id, format: null, asOf: null, origin: null, mapping: null };
	const { revision } = await importFiles.preview(w.db, req);
	const done = await importFiles.apply(w.db, { ...req, basedOn: revision, ticked: [], actor: { label: 'authorization test', userId: null, role: null, address: null }, pastedFrom: null });
	return done.importId!;
}

/**
 * What a person who may use the route would send: a valid form or body, real parameters. A
 * route not named here gets an empty form (a refusal must come before reading it anyway).
 */
const REQUESTS: Record<string, (w: World, user: identity.SignedIn | null) => Promise<Request>> = {
	'/login default': async (w) => ({ form: { email: w.users.editor.email, password: PASSWORD } }),
	'/invitation/[token] default': async (w) => {
		const { token } = await invited(w);
		return { params: { token }, form: { password: 'a password of my own', confirm: 'a password of my own' } };
	},
	'/users invite': async () => ({ form: { email: unique('new'), role: 'focal-point', participant: 'IND', name: 'A new focal point' } }),
	'/users/[id=id] load': async (w) => ({ params: { id: String((await invited(w)).user.id) } }),
	'/users/[id=id] update': async (w) => {
		const { user } = await invited(w);
		const { version } = await w.db.selectFrom('users').select('version').where('id', '=', user.id).executeTakeFirstOrThrow();
		return { params: { id: String(user.id) }, form: { role: 'reviewer', participant: 'FRA', name: 'Now a reviewer', version: String(version) } };
	},
	'/users/[id=id] reinvite': async (w) => ({ params: { id: String((await invited(w)).user.id) } }),
	'/account password': async () => ({ form: { current: PASSWORD, password: 'another long passphrase', confirm: 'another long passphrase' } }),
	'/account createToken': async () => ({ form: { name: 'nightly import' } }),
	'/imports/[id=id] load': async (w) => ({ params: { id: String(await anImport(w)) } }),
	'/reviews/[id=id] load': async (w) => ({ params: { id: String((await aReview(w)).id) } }),
	'/reviews/[id=id]/report load': async (w) => ({ params: { id: String((await aReview(w)).id) } }),
	'/reviews/[id=id]/report.docx GET': async (w) => ({ params: { id: String((await aReview(w)).id) } }),
	'/reviews/[id=id]/evidence/[file=id] GET': async (w) => {
		const r = await aReview(w);
		return { params: { id: String(r.id), file: String(r.file) } };
	},
	'/account revokeToken': async (w, user) => ({ form: { id: String(user ? (await tokens.createToken(w.db, { user, name: 'old script' })).id : 1) } })
};

/** A parameter a route not named above needs: a real instrument, participant or row. */
const SAMPLE_PARAMS: Record<string, string> = { slug: 'trafficking-protocol', code: 'IND', id: '1', n: '6', token: 'no-such-token', rest: 'nothing/here' };

function cookieJar() {
	const jar = new Map<string, string>();
	return {
		get: (name: string) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string) => void jar.set(name, value),
		delete: (name: string) => void jar.delete(name),
		serialize: (name: string, value: string) => `${name}=${value}`
	};
}

function eventFor(h: Handler, w: World, user: identity.SignedIn | null, req: Request) {
	const params = { ...Object.fromEntries([...h.route.matchAll(/\[(?:\.\.\.)?(\w+)(?:=\w+)?\]/g)].map(([, n]) => [n, SAMPLE_PARAMS[n] ?? 'x'])), ...req.params };
	const path = h.route
		.split('/')
		.filter((s) => !/^\(.*\)$/.test(s))
		.join('/')
		.replace(/\[(?:\.\.\.)?(\w+)(?:=\w+)?\]/g, (_, n: string) => params[n]);
	const action = h.kind === 'page' && h.name !== 'load' && h.name !== 'default' ? `?/${h.name}` : '';
	const url = new URL(`http://localhost${path || '/'}${action}`);
	const method = h.kind === 'endpoint' ? (h.name === 'fallback' ? 'POST' : h.name) : h.name === 'load' ? 'GET' : 'POST';
	const body =
		method === 'GET' ? undefined : h.kind === 'endpoint' ? JSON.stringify(req.json ?? req.form ?? {}) : new URLSearchParams(req.form ?? {});
	const headers: Record<string, string> = { origin: 'http://localhost', 'user-agent': 'authorization test' };
	if (method !== 'GET') headers['content-type'] = h.kind === 'endpoint' ? 'application/json' : 'application/x-www-form-urlencoded';
	return {
		locals: { db: w.db, user, address: '192.0.2.1' },
		url,
		params,
		route: { id: h.route },
		request: new globalThis.Request(url, { method, headers, body }),
		cookies: cookieJar(),
		setHeaders: () => {},
		getClientAddress: () => '192.0.2.1',
		fetch: () => Promise.reject(new Error('no fetch in this test')),
		parent: async () => ({}),
		depends: () => {},
		untrack: <T>(fn: () => T) => fn(),
		isDataRequest: false,
		isSubRequest: false,
		platform: undefined
	};
}

type Outcome =
	| { kind: 'redirect'; status: number; location: string }
	| { kind: 'error'; status: number; message: string }
	| { kind: 'answer'; status: number; message: string | null };

/** Runs the handler; what a browser or a script would get, or the crash. */
async function call(h: Handler, w: World, user: identity.SignedIn | null, req: Request): Promise<Outcome> {
	const mod = modules.get(h.file)!;
	const fn = (h.kind === 'page' && h.name !== 'load' ? mod.actions![h.name] : mod[h.name]) as (event: unknown) => unknown;
	try {
		const result = await fn(eventFor(h, w, user, req));
		if (result instanceof Response) {
			const body = result.headers.get('content-type')?.includes('json') ? ((await result.json()) as { error?: string }) : null;
			return { kind: 'answer', status: result.status, message: body?.error ?? null };
		}
		return { kind: 'answer', status: isActionFailure(result) ? result.status : 200, message: null };
	} catch (e) {
		if (isRedirect(e)) return { kind: 'redirect', status: e.status, location: e.location };
		if (isHttpError(e)) return { kind: 'error', status: e.status, message: e.body.message };
		throw e;
	}
}

/** What a refused request must leave as it was. */
async function state(db: Db) {
	const count = async (table: 'users' | 'sessions' | 'api_tokens' | 'invitations' | 'audit_log' | 'acts' | 'act_versions') =>
		Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
	const tables = ['users', 'sessions', 'api_tokens', 'invitations', 'audit_log', 'acts', 'act_versions'] as const;
	const revision = (await db.selectFrom('record_meta').select('revision').executeTakeFirst())?.revision;
	const versions = await db.selectFrom('users').select(['id', 'version', 'password_hash', 'disabled_at']).execute();
	const revoked = await db.selectFrom('api_tokens').select(['id', 'revoked_at']).execute();
	return { counts: await Promise.all(tables.map(count)), revision, versions, revoked };
}

// ---- Every route × every role and the public ----------------------------------------------

const checked = handlers.filter((h) => ROUTE_PERMISSIONS[h.route]?.[h.name] !== undefined);

describe.each(checked.map((h) => [label(h), h] as const))('%s', (_, h) => {
	const permission = ROUTE_PERMISSIONS[h.route][h.name];
	let w: World;
	beforeAll(async () => {
		const db = await freshDb();
		const users = {} as Record<Role, identity.SignedIn>;
		for (const role of ROLES) {
			users[role] = await userAccounts.createUser(db, {
				email: `${role}@authorization.example.org`,
				role,
				participant: role === 'focal-point' ? 'IND' : role === 'reviewer' ? 'PAK' : null,
				password: PASSWORD,
				actor: 'the authorization test'
			});
		}
		w = { db, users, secretariat: users.secretariat };
	});

	const allowed = (who: Who) => permission === PUBLIC || (who !== 'signed out' && (PERMISSIONS[permission as Action].roles as readonly string[]).includes(who));

	it.each(WHO)(`%s: as the table says (${permission})`, async (who) => {
		const user = who === 'signed out' ? null : w.users[who];
		const req = (await REQUESTS[label(h)]?.(w, user)) ?? {};
		const before = await state(w.db);
		const outcome = await call(h, w, user, req);
		if (allowed(who)) {
			expect(outcome, 'not refused').not.toMatchObject({ status: 401 });
			expect(outcome, 'not refused').not.toMatchObject({ status: 403 });
			if (outcome.kind === 'redirect') expect(outcome.location, 'not sent to sign in').not.toMatch(/^\/login/);
			// with a valid request, done: a success, not a complaint about the request
			if (REQUESTS[label(h)] || h.name === 'load' || h.name === 'GET') expect(outcome.kind === 'redirect' || outcome.status < 400, JSON.stringify(outcome)).toBe(true);
			return;
		}
		const why = refusal(user, permission as Action);
		// A script is answered in JSON; a person in a browser (a page, a download) is sent to sign in, or shown the 403 page.
		const api = h.route.startsWith('/api/');
		if (who === 'signed out' && !api) {
			expect(outcome).toMatchObject({ kind: 'redirect', status: 303 });
			const { url } = eventFor(h, w, user, req);
			expect((outcome as { location: string }).location).toBe(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
		} else if (who === 'signed out') {
			expect(outcome).toEqual({ kind: 'answer', status: 401, message: why });
		} else {
			expect(outcome).toEqual(api ? { kind: 'answer', status: 403, message: why } : { kind: 'error', status: 403, message: why });
		}
		expect(await state(w.db), 'a refused request changes nothing').toEqual(before);
	});
});

