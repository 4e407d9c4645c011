// Who may do what, checked against matrices written here by hand from the README (its
// accounts section and "The review mechanism"), never read from the table in
// accounts/permissions.ts: every action of the app's roles × every role and the public; every
// action on one country review and every move through its stages × the nine kinds of people a
// review meets (the secretariat, an editor, the focal point of the State under review, of a
// reviewing State and of a State with no part in it, an expert named for a reviewing State, an
// expert named for the State under review, a reviewer of a reviewing State not named, the
// public). Then the routes: every route that changes something is found in src/routes (each form
// action of a +page.server.ts, each POST/PUT/PATCH/DELETE/fallback of a +server.ts) and must be
// in ROUTE_PERMISSIONS; each one is called, as SvelteKit would call it, by every role and by a
// signed-out reader, on a fresh database, and so is each form of a review's page by the nine:
// those the matrices allow are not refused; the others are (a signed-out reader sent to sign
// in, or a 401 from the API; a 403 for a role; a 404 for a review one takes no part in), and a
// refused request changes nothing.
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
import * as progress from '../../src/lib/server/reviews/progress';
import * as questionnaire from '../../src/lib/server/reviews/questionnaire';
import * as reviews from '../../src/lib/server/reviews/reviews';
import {
	can,
	PUBLIC,
	refusal,
	ROUTE_PERMISSIONS,
	type Action,
	type ReviewAction,
	type ReviewParties,
	type RoleAction,
	type Someone
} from '../../src/lib/server/accounts/permissions';
import { STAGES, type Stage } from '../../src/lib/review/stages';
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

// ---- The matrices, by hand ------------------------------------------------------------------

type Who = Role | 'signed out';
const WHO: Who[] = [...ROLES, 'signed out'];

/** A row of a matrix: one mark per column, `Y` may, `.` may not. */
function marks<C extends string>(columns: readonly C[], row: string): Record<C, boolean> {
	const cells = row.trim().split(/\s+/);
	if (cells.length !== columns.length || cells.some((c) => c !== 'Y' && c !== '.')) throw new Error(`a row has ${columns.length} marks, Y or .: “${row}”`);
	return Object.fromEntries(columns.map((c, i) => [c, cells[i] === 'Y'])) as Record<C, boolean>;
}

// The record and imports are the editors' and the secretariat's; accounts, names of
// participants, draws and launches, and the audit log of reviews and accounts the secretariat's;
// taking part in a review is the secretariat's, focal points' and reviewers'; one's own account
// and tokens anyone's who has one; the public changes nothing.
const APP: Record<RoleAction, string> = {
	//                       secretariat editor focal-point reviewer signed-out
	'acts.edit':            'Y           Y      .           .        .',
	'imports.run':          'Y           Y      .           .        .',
	'aliases.map':          'Y           .      .           .        .',
	'audit.read':           'Y           Y      .           .        .',
	'audit.read-reviews':   'Y           .      .           .        .',
	'audit.read-accounts':  'Y           .      .           .        .',
	'users.manage':         'Y           .      .           .        .',
	'reviews.manage':       'Y           .      .           .        .',
	'reviews.take-part':    'Y           .      Y           Y        .',
	'tokens.own':           'Y           Y      Y           Y        .',
	'account.own':          'Y           Y      Y           Y        .'
};

// India under review by Pakistan and France; the nine kinds of people a review meets.
const PEOPLE = ['secretariat', 'editor', 'focalIND', 'focalPAK', 'focalBRA', 'expertPAK', 'teamIND', 'reviewerFRA', 'public'] as const;
type Person = (typeof PEOPLE)[number];
const WHO_IS: Record<Person, Someone | null> = {
	secretariat: { id: 1, role: 'secretariat', participant: null },
	editor: { id: 2, role: 'editor', participant: null },
	focalIND: { id: 3, role: 'focal-point', participant: 'IND' }, // the State under review's focal point
	focalPAK: { id: 4, role: 'focal-point', participant: 'PAK' }, // a reviewing State's
	focalBRA: { id: 5, role: 'focal-point', participant: 'BRA' }, // a State with no part in this review
	expertPAK: { id: 6, role: 'reviewer', participant: 'PAK' }, // named as an expert of Pakistan
	teamIND: { id: 7, role: 'reviewer', participant: 'IND' }, // named as an expert of India: the focal point's team
	reviewerFRA: { id: 8, role: 'reviewer', participant: 'FRA' }, // a reviewer of France, not named
	public: null
};
const PARTIES: ReviewParties = { state: 'IND', reviewers: ['PAK', 'FRA'], experts: [6], team: [7] };

// The focal point of the State under review and its team answer and reply; the experts named
// for the reviewing States comment, ask and draft observations; each side's focal point names
// its people and agrees; the State under review asks for a redraw and follows recommendations
// up; the secretariat may do all of it but agree (the focal points agree, the secretariat
// records it) and drafts the summary alone. Nobody else reads a word of it.
const REVIEW: Record<ReviewAction, string> = {
	//                  secretariat editor focalIND focalPAK focalBRA expertPAK teamIND reviewerFRA public
	'review.read':      'Y          .      Y        Y        .        Y         Y       .           .',
	'review.answer':    'Y          .      Y        .        .        .         Y       .           .',
	'review.reply':     'Y          .      Y        .        .        .         Y       .           .',
	'review.comment':   'Y          .      .        .        .        Y         .       .           .',
	'review.observe':   'Y          .      .        .        .        Y         .       .           .',
	'review.name':      'Y          .      Y        Y        .        .         .       .           .',
	'review.agree':     '.          .      Y        Y        .        .         .       .           .',
	'review.summarise': 'Y          .      .        .        .        .         .       .           .',
	'review.redraw':    'Y          .      Y        .        .        .         .       .           .',
	'review.follow-up': 'Y          .      Y        .        .        .         .       .           .'
};

// Moving on: the focal point of the State under review or the secretariat records that the
// people are named; only that focal point clears (submits) the self-assessment; the secretariat
// closes the feedback, records the observations and the agreement, and publishes. Going back a
// stage is the secretariat's alone.
const FORWARD_INTO: Record<Exclude<Stage, 'launched'>, string> = {
	//                     secretariat editor focalIND focalPAK focalBRA expertPAK teamIND reviewerFRA public
	'focal-point-named':  'Y          .      Y        .        .        .         .       .           .',
	'experts-named':      'Y          .      Y        .        .        .         .       .           .',
	'self-assessment':    '.          .      Y        .        .        .         .       .           .',
	feedback:             'Y          .      .        .        .        .         .       .           .',
	observations:         'Y          .      .        .        .        .         .       .           .',
	agreed:               'Y          .      .        .        .        .         .       .           .',
	published:            'Y          .      .        .        .        .         .       .           .'
};
const BACK: string = 'Y . . . . . . . .';

describe('the app’s roles: every action × every role and the public', () => {
	const rows = Object.entries(APP).flatMap(([action, row]) => Object.entries(marks(WHO, row)).map(([who, may]) => ({ action: action as RoleAction, who: who as Who, may })));
	const user = (who: Who): Someone | null => (who === 'signed out' ? null : { id: 1, role: who, participant: who === 'focal-point' || who === 'reviewer' ? 'IND' : null });

	it.each(rows)('$action by $who: $may', ({ action, who, may }) => {
		expect(can(user(who), action)).toBe(may);
	});

	it('covers every action a route asks for', () => {
		const asked = new Set(Object.values(ROUTE_PERMISSIONS).flatMap((names) => Object.values(names)));
		asked.delete(PUBLIC);
		expect([...asked].filter((a) => !(a in APP))).toEqual([]);
	});

	it('says what is lacking', () => {
		expect(refusal(null, 'acts.edit')).toBe('To add, correct or retract an act of the record you need the secretariat or editor of the record role: sign in first.');
		expect(refusal({ id: 3, email: 'fp@example.org', role: 'focal-point', participant: 'IND' }, 'users.manage')).toBe(
			'To invite people and manage accounts you need the secretariat role; you are signed in as fp@example.org, focal point of IND.'
		);
	});
});

describe('one review: every action × the nine people', () => {
	const rows = Object.entries(REVIEW).flatMap(([action, row]) => Object.entries(marks(PEOPLE, row)).map(([who, may]) => ({ action: action as ReviewAction, who: who as Person, may })));

	it.each(rows)('$action by $who: $may', ({ action, who, may }) => {
		expect(can(WHO_IS[who], action, PARTIES)).toBe(may);
		if (!may) expect(refusal(WHO_IS[who], action, PARTIES)).toMatch(/^Only the .+; (you are signed in as .+|sign in first)\.$/);
	});

	it('a focal point names the people of its own State; the secretariat, of any', () => {
		expect(can(WHO_IS.focalPAK, 'review.name', { ...PARTIES, for: 'PAK' })).toBe(true);
		expect(can(WHO_IS.focalPAK, 'review.name', { ...PARTIES, for: 'FRA' })).toBe(false);
		expect(can(WHO_IS.focalPAK, 'review.name', { ...PARTIES, for: 'IND' })).toBe(false);
		expect(can(WHO_IS.focalIND, 'review.name', { ...PARTIES, for: 'IND' })).toBe(true);
		expect(can(WHO_IS.focalIND, 'review.name', { ...PARTIES, for: 'PAK' })).toBe(false);
		expect(can(WHO_IS.secretariat, 'review.name', { ...PARTIES, for: 'FRA' })).toBe(true);
		expect(refusal(WHO_IS.focalPAK, 'review.name', { ...PARTIES, for: 'FRA' })).toBe('A focal point names the people of its own State, not of FRA; you are signed in as a focal point of PAK.');
	});

	it('an expert leaves with the State drawn out of the review', () => {
		expect(can(WHO_IS.expertPAK, 'review.read', { ...PARTIES, reviewers: ['FRA'], experts: [] })).toBe(false);
	});

	it('names who may, and who is asking', () => {
		expect(refusal(WHO_IS.focalPAK, 'review.answer', PARTIES)).toBe(
			'Only the secretariat, the focal point of IND (the State under review) or the experts named for IND may draft the answers of the self-assessment; you are signed in as a focal point of PAK.'
		);
		expect(refusal(null, 'review.read', PARTIES)).toBe(
			'Only the secretariat, the focal point of IND (the State under review), the experts named for IND, the focal point of a reviewing State (PAK, FRA) or the experts named for a reviewing State may read this review; sign in first.'
		);
	});
});

describe('the stages: every move × the nine people', () => {
	const forward = Object.entries(FORWARD_INTO).flatMap(([to, row]) =>
		Object.entries(marks(PEOPLE, row)).map(([who, may]) => ({ from: STAGES[STAGES.indexOf(to as Stage) - 1], to: to as Stage, who: who as Person, may }))
	);
	const back = STAGES.slice(0, -1).flatMap((to, i) => Object.entries(marks(PEOPLE, BACK)).map(([who, may]) => ({ from: STAGES[i + 1], to, who: who as Person, may })));

	it('covers every stage forward and back', () => {
		expect(forward).toHaveLength(7 * 9);
		expect(back).toHaveLength(7 * 9);
	});

	it.each([...forward, ...back])('$from → $to by $who: $may', ({ from, to, who, may }) => {
		expect(can(WHO_IS[who], 'review.move', { ...PARTIES, from, to })).toBe(may);
	});

	it('names who may move, and who is asking', () => {
		const move = (from: Stage, to: Stage) => ({ ...PARTIES, from, to });
		expect(refusal(WHO_IS.secretariat, 'review.move', move('experts-named', 'self-assessment'))).toBe(
			'Only the focal point of IND (the State under review) may clear and submit the self-assessment; you are signed in as the secretariat.'
		);
		expect(refusal(WHO_IS.focalPAK, 'review.move', move('launched', 'focal-point-named'))).toBe(
			'Only the secretariat or the focal point of IND (the State under review) may record that the focal point is named; you are signed in as a focal point of PAK.'
		);
		expect(refusal(null, 'review.move', move('agreed', 'published'))).toBe('Only the secretariat may publish the review; sign in first.');
		expect(refusal(WHO_IS.focalIND, 'review.move', move('feedback', 'self-assessment'))).toBe(
			'Only the secretariat may move a review back a stage; you are signed in as a focal point of IND.'
		);
	});
});

// ---- Calling a handler as SvelteKit would -------------------------------------------------

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
	const secretariat = { actor: { label: w.secretariat.email, userId: w.secretariat.id, role: 'secretariat', address: null }, id: w.secretariat.id, role: 'secretariat' as const, participant: null };
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
	await progress.nameSomeone(w.db, r, secretariat, { participant: 'PAK', role: 'expert', name: 'An expert', userId: w.users.reviewer.id, basedOn: r.version });
	r = (await reviews.get(w.db, id))!;
	await questionnaire.addEvidence(w.db, r, secretariat, { instrument: 'untoc', article: '5', name: 'law.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n'), basedOn: r.version });
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
		return isActionFailure(result) ? { kind: 'answer', status: result.status, message: JSON.stringify(result.data) } : { kind: 'answer', status: 200, message: null };
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

// Who gets through each route, by hand (the review's own rules are asked inside, below): signing
// in and out and an invitation are anyone's; the record, imports and the audit log of the record
// are the editors' and the secretariat's; accounts, names, draws and launches the secretariat's;
// a review's pages those who take part in reviews; one's own account anyone's signed in.
const ANYONE = 'anyone';
const EDITORS: Who[] = ['secretariat', 'editor'];
const SECRETARIAT: Who[] = ['secretariat'];
const SIGNED_IN: Who[] = ['secretariat', 'editor', 'focal-point', 'reviewer'];
const TAKING_PART: Who[] = ['secretariat', 'focal-point', 'reviewer'];
const ROUTES: Record<string, Who[] | typeof ANYONE> = {
	'/login default': ANYONE,
	'/logout default': ANYONE,
	'/invitation/[token] default': ANYONE,
	'/api/[...rest] fallback': ANYONE,
	'/users load': SECRETARIAT,
	'/users invite': SECRETARIAT,
	'/users/[id=id] load': SECRETARIAT,
	'/users/[id=id] update': SECRETARIAT,
	'/users/[id=id] reinvite': SECRETARIAT,
	'/account load': SIGNED_IN,
	'/account password': SIGNED_IN,
	'/account createToken': SIGNED_IN,
	'/account revokeToken': SIGNED_IN,
	'/api/v1/me GET': SIGNED_IN,
	'/record/new load': EDITORS,
	'/record/new default': EDITORS,
	'/record/acts/[id=id] load': EDITORS,
	'/record/acts/[id=id] correct': EDITORS,
	'/record/acts/[id=id] retract': EDITORS,
	'/api/v1/instruments/[slug]/events POST': EDITORS,
	'/api/v1/acts/[id=id]/corrections POST': EDITORS,
	'/api/v1/acts/[id=id]/retractions POST': EDITORS,
	'/audit load': EDITORS,
	'/audit/export.csv GET': EDITORS,
	'/import load': EDITORS,
	'/import preview': EDITORS,
	'/import alias': SECRETARIAT,
	'/import apply': EDITORS,
	'/imports/[id=id] load': EDITORS,
	'/freshness load': EDITORS,
	'/reviews/cycles/[id] draw': SECRETARIAT,
	'/reviews/cycles/[id] launch': SECRETARIAT,
	'/reviews/cycles/[id] confirm': SECRETARIAT,
	...Object.fromEntries(['load', 'name', 'answer', 'comment', 'reply', 'observe', 'summary', 'agree', 'move', 'redraw', 'followUp'].map((n) => [`/reviews/[id=id] ${n}`, TAKING_PART])),
	'/reviews/[id=id] language': SECRETARIAT,
	'/reviews/[id=id]/evidence/[file=id] GET': TAKING_PART,
	'/reviews/[id=id]/report load': TAKING_PART,
	'/reviews/[id=id]/report.docx GET': TAKING_PART,
	'/reviews/mine load': TAKING_PART,
	// the e-mail the reviews wrote names people and addresses: the secretariat's
	'/outbox load': SECRETARIAT
};

const checked = handlers.filter((h) => ROUTE_PERMISSIONS[h.route]?.[h.name] !== undefined);

it('every route in the table has its people written by hand', () => {
	expect(checked.map(label).sort()).toEqual(Object.keys(ROUTES).sort());
});

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

	const people = ROUTES[label(h)];
	const allowed = (who: Who) => people === ANYONE || (who !== 'signed out' && people.includes(who));

	it.each(WHO)(`%s: as written above (${permission})`, async (who) => {
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
		const why = refusal(user, permission as RoleAction);
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


// ---- A review's page, form by form, by the nine people ----------------------------------------

/** What each form of the review page asks (`move`: to the next stage, "Focal point named"). */
const PAGE_FORMS: Record<string, ReviewAction | 'move'> = {
	load: 'review.read', name: 'review.name', answer: 'review.answer', comment: 'review.comment', reply: 'review.reply', observe: 'review.observe',
	summary: 'review.summarise', agree: 'review.agree', followUp: 'review.follow-up', redraw: 'review.redraw', move: 'move'
};

describe('a review’s page: every form × the nine people', () => {
	let w: { db: Db; users: Partial<Record<Person, identity.SignedIn>>; id: number };
	beforeAll(async () => {
		const db = await freshDb();
		const users: Partial<Record<Person, identity.SignedIn>> = {};
		for (const who of PEOPLE) {
			const me = WHO_IS[who];
			if (me) users[who] = await userAccounts.createUser(db, { email: `${who}@authorization.example.org`, role: me.role, participant: me.participant, password: PASSWORD, actor: 'the authorization test' });
		}
		const { id: draw } = await db
			.insertInto('review_draws')
			.values({ cycle_id: 'untoc-1', seed: 1, algorithm: 'scenario', parties_on: '2020-10-12', result: '[]', problems: '[]', drawn_by: 'test', drawn_at: '2020-10-12T00:00:00Z' })
			.returning('id')
			.executeTakeFirstOrThrow();
		for (const reviewer of ['PAK', 'FRA']) {
			await db.insertInto('review_reviewers').values({ cycle_id: 'untoc-1', state_code: 'IND', instrument_slug: 'untoc', reviewer_code: reviewer, draw_id: draw, replaced_at: null, replaced_reason: null, replaced_by: null }).execute();
		}
		const secretariat = reviews.personOf(users.secretariat!, null);
		const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: secretariat.actor });
		for (const [participant, who] of [['PAK', 'expertPAK'], ['IND', 'teamIND']] as const) {
			const r = (await reviews.get(db, id))!;
			await progress.nameSomeone(db, r, secretariat, { participant, role: 'expert', name: `Expert of ${participant}`, userId: users[who]!.id, basedOn: r.version });
		}
		w = { db, users, id };
	});

	const rows = Object.entries(PAGE_FORMS).flatMap(([form, action]) => {
		const row = action === 'move' ? FORWARD_INTO['focal-point-named'] : REVIEW[action];
		return Object.entries(marks(PEOPLE, row)).map(([who, may]) => ({ form, who: who as Person, may }));
	});

	/** Refused: sent to sign in, a 403 or a 404 page, a form refused with 403, a move refused as not theirs to make. */
	const refused = (o: Outcome) =>
		(o.kind === 'redirect' && o.location.startsWith('/login')) ||
		(o.kind === 'error' && (o.status === 403 || o.status === 404)) ||
		(o.kind === 'answer' && o.status === 403) ||
		(o.kind === 'answer' && o.status === 409 && /"stage":"Only /.test(o.message ?? ''));

	const counted = async (db: Db) => ({
		version: (await db.selectFrom('reviews').select('version').executeTakeFirstOrThrow()).version,
		audit: Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
	});

	it.each(rows)('$form by $who: $may', async ({ form, who, may }) => {
		const h = handlers.find((x) => x.route === '/reviews/[id=id]' && x.name === form)!;
		const world = { db: w.db, users: {} as Record<Role, identity.SignedIn>, secretariat: w.users.secretariat! };
		const before = await counted(w.db);
		const outcome = await call(h, world, w.users[who] ?? null, { params: { id: String(w.id) }, form: { version: String(before.version), ...(form === 'move' ? { to: 'focal-point-named' } : {}) } });
		expect(refused(outcome), JSON.stringify(outcome)).toBe(!may);
		// the forms are sent empty: those who may are told what the form lacks (or that the focal point is not named yet)
		if (may && form !== 'load') expect(outcome).toMatchObject({ kind: 'answer', status: expect.any(Number) });
		if (may && form === 'move') expect(outcome.kind === 'answer' && outcome.message).toContain('No focal point is named yet.');
		expect(await counted(w.db), 'nothing changes').toEqual(before);
	});
});
