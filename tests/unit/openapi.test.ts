// The OpenAPI document cannot drift from the routes or from what they answer: every method of
// every route under src/routes/api/v1 is described, everything it describes is served, each
// handler refuses a query parameter the document does not list and takes every one it lists,
// real responses from the route handlers on a fresh seeded database validate against its schemas
// (with Ajv, JSON Schema 2020-12, the dialect of OpenAPI 3.1), and it passes Redocly's
// recommended rules.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { document } from '../../src/lib/server/http/openapi';
import * as routes from '../../src/lib/server/http/api-routes';
import type { Endpoint } from '../../src/lib/server/http/api-routes';
import { handlers } from '../routes';
import * as schemas from '../../src/lib/server/http/api-schemas';
import { conform } from '../../src/lib/server/http/api';
import { GET as getReviewMechanism } from '../../src/routes/api/v1/review-mechanisms/[id]/+server';
import { GET as listReviews } from '../../src/routes/api/v1/reviews/+server';
import { GET as listInstruments } from '../../src/routes/api/v1/instruments/+server';
import { GET as getInstrument } from '../../src/routes/api/v1/instruments/[slug]/+server';
import { GET as listNonParties } from '../../src/routes/api/v1/instruments/[slug]/non-parties/+server';
import { GET as getParticipant } from '../../src/routes/api/v1/participants/[code]/+server';
import { GET as compareParticipants } from '../../src/routes/api/v1/compare/+server';
import { GET as getOpenApiDocument } from '../../src/routes/api/v1/openapi.json/+server';
import { GET as getMe } from '../../src/routes/api/v1/me/+server';
import { GET as exportInstrumentJson } from '../../src/routes/instruments/[slug=slug]/export.json/+server';
import { GET as exportCompareJson } from '../../src/routes/compare/export.json/+server';
import type { Db } from '../../src/lib/server/db';
import * as users from '../../src/lib/server/accounts/users';
import { freshDb } from './db';

/** Every operation of the document: path, method and the operation. */
function operations() {
	return Object.entries(document.paths).flatMap(([path, item]) =>
		(['get', 'post'] as const).filter((m) => item[m]).map((m) => [path, m, item[m]!] as const)
	);
}

/** A route as OpenAPI writes its path: [slug] and [id=id] become {slug}, {id}; (groups) are not in URLs. */
const asOpenApi = (route: string) =>
	route
		.split('/')
		.filter((s) => !/^\(.*\)$/.test(s))
		.map((s) => s.replace(/^\[(?:\.\.\.)?([^=\]]+)(?:=[^\]]+)?\]$/, '{$1}'))
		.join('/');

/** Every method of every +server.ts under src/routes, as `get /api/v1/instruments/{slug}`, with its file. */
const served = new Map(
	handlers()
		.filter((h) => h.kind === 'endpoint' && h.name !== 'fallback')
		.map((h) => [`${h.name.toLowerCase()} ${asOpenApi(h.route)}`, h.file])
);

describe('OpenAPI document', () => {
	const described = new Set(operations().map(([path, method]) => `${method} ${path}`));

	it('describes every method of every route under src/routes/api/v1', () => {
		const api = [...served.keys()].filter((k) => / \/api\/v1\//.test(k));
		expect(api).toContain('get /api/v1/instruments/{slug}/non-parties');
		expect(api).toContain('post /api/v1/acts/{id}/corrections');
		expect(api.filter((k) => !described.has(k))).toEqual([]);
	});

	it('describes nothing that no route serves: the API, the downloads and the feeds', () => {
		expect([...described].filter((k) => !served.has(k))).toEqual([]);
		expect(described).toContain('get /instruments/{slug}/export.csv');
	});

	it('is made from every endpoint api-routes.ts declares, each once', () => {
		const declared = (Object.values(routes) as unknown[]).filter((v): v is Endpoint => typeof v === 'object' && v !== null && 'operationId' in v);
		expect(new Set(routes.endpoints)).toEqual(new Set(declared));
		expect(described.size).toBe(declared.length);
	});

	it('is OpenAPI 3.1 whose references all resolve', () => {
		expect(document.openapi).toBe('3.1.0');
		const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
		for (const r of refs) {
			const [, , kind, name] = r.slice(8, -1).split('/');
			expect(document.components[kind as 'schemas'], r).toHaveProperty(name);
		}
		for (const [path, method, op] of operations()) {
			for (const name of path.match(/\{(\w+)\}/g) ?? []) {
				const params = (op.parameters ?? []).map((p) => document.components.parameters[p.$ref.split('/').pop()!].name);
				expect(params, `${method} ${path} declares ${name}`).toContain(name.slice(1, -1));
			}
		}
	});
});

describe('OpenAPI document: what a linter asks for', () => {
	it('declares the record public (no security requirement) and says why, and names no licence it cannot source', () => {
		expect(document.security).toEqual([]);
		expect(document.info.description).toMatch(/public and read-only/);
		expect(document.info.license).toEqual({ name: expect.stringMatching(/None stated/), url: '/sources' });
	});

	it('asks for a personal API token exactly where an account is needed', () => {
		expect(Object.keys(document.components.securitySchemes)).toEqual(['apiToken', 'session']);
		expect(document.components.securitySchemes.apiToken).toMatchObject({ type: 'http', scheme: 'bearer' });
		expect(document.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'session' });
		const secured = operations().filter(([, , op]) => op.security).map(([path, method]) => `${method} ${path}`);
		// the account, and the writes to the record (by token or by a signed-in browser's session)
		expect(secured).toEqual([
			'post /api/v1/instruments/{slug}/events',
			'post /api/v1/acts/{id}/corrections',
			'post /api/v1/acts/{id}/retractions',
			'get /api/v1/me'
		]);
		expect(document.paths['/api/v1/me'].get!.responses).toHaveProperty('401');
		for (const [, method, op] of operations().filter(([, method]) => method === 'post')) {
			expect(op.security, op.operationId).toEqual([{ apiToken: [] }, { session: [] }]);
			expect(Object.keys(op.responses), `${method} ${op.operationId}`).toEqual(expect.arrayContaining(['201', '400', '401', '403']));
		}
	});

	it('has an operation id, a summary, a tag and a 2xx answer for every operation, and Error bodies for 400 and 404', () => {
		const ids = new Set<string>();
		for (const [path, method, op] of operations()) {
			expect(op.operationId, path).toMatch(/^[a-z][A-Za-z]+$/);
			expect(ids.has(op.operationId), `${op.operationId} is unique`).toBe(false);
			ids.add(op.operationId);
			expect(op.summary && op.description && op.tags.length, path).toBeTruthy();
			expect(op.responses, path).toHaveProperty(method === 'post' ? '201' : '200');
			for (const code of ['400', '404'] as const) {
				const r = op.responses[code];
				if (!r) continue;
				const response = '$ref' in r ? document.components.responses[r.$ref.split('/').pop()!] : r;
				// A write's 400 names each field at fault, with the warnings to confirm.
				const schema = method === 'post' && code === '400' ? 'ValidationError' : 'Error';
				expect(response.content?.['application/json'].schema, `${method} ${path} ${code}`).toEqual({ $ref: `#/components/schemas/${schema}` });
			}
		}
	});

	it('is generated from the zod schemas: every named schema is a component, with the statuses of src/lib/status.ts', () => {
		expect(Object.keys(document.components.schemas).sort()).toEqual(
			expect.arrayContaining(['Compare', 'Counts', 'DatedFact', 'Error', 'InstrumentSummary', 'NonParties', 'Participant', 'PublishedComparison', 'Status'])
		);
		expect(document.components.schemas.Status.enum).toEqual(['none', 'signed', 'pending', 'party', 'denounced', 'endorsed', 'unknown']);
		// counts: null when the record holds nothing
		expect((document.components.schemas.InstrumentSummary.properties as Record<string, unknown>).counts).toMatchObject({
			anyOf: [{ $ref: '#/components/schemas/Counts' }, { type: 'null' }]
		});
	});

	it('passes `redocly lint --extends recommended` with no errors', { timeout: 60_000 }, async () => {
		const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
		try {
			const file = join(dir, 'openapi.json');
			writeFileSync(file, JSON.stringify(document, null, 2));
			const cli = resolve(__dirname, '../../node_modules/@redocly/cli/bin/cli.js');
			// No telemetry or update check: the test must not reach for the network.
			const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1', CI: 'true' };
			const run = await promisify(execFile)(process.execPath, [cli, 'lint', '--extends', 'recommended', '--format', 'json', file], {
				env,
				cwd: dir
			}).catch((e: { stdout: string; stderr: string; code: number }) => e);
			const report = JSON.parse(run.stdout) as {
				totals: { errors: number; warnings: number };
				problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
			};
			const lines = report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location.map((l) => l.pointer).join(', ')})`);
			if (lines.length) console.log(`redocly lint, recommended rules:\n${lines.join('\n')}`);
			expect(report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
			expect(report.totals.errors).toBe(0);
			// No warning either: even an endpoint that takes no parameter answers a 400 to one it is given.
			expect(report.problems.map((p) => `${p.ruleId} ${p.location[0].pointer}`)).toEqual([]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('real responses validate against the document', () => {
	let db: Db;
	beforeAll(async () => {
		db = await freshDb();
	});

	// The whole document is one schema resource, so its own `#/components/schemas/…` refs resolve.
	const ajv = new Ajv2020({ allErrors: true, strict: true });
	addFormats(ajv, ['date', 'email']);
	ajv.addKeyword('openapi').addKeyword('info').addKeyword('servers').addKeyword('security').addKeyword('tags');
	ajv.addKeyword('paths').addKeyword('components');
	ajv.addSchema({ ...document, $id: 'openapi.json' });

	/** The JSON schema a path's GET answers `status` with, as the document says it. */
	function validator(path: string, status: 200 | 400 | 401 | 404, method: 'get' | 'post' = 'get') {
		const responses = document.paths[path][method]!.responses;
		const r = responses[String(status)];
		if (!r) throw new Error(`${path} declares no ${status}`);
		const response = '$ref' in r ? document.components.responses[r.$ref.split('/').pop()!] : r;
		const schema = response.content!['application/json'].schema as { $ref: string };
		return ajv.getSchema(`openapi.json${schema.$ref}`)!;
	}

	/** Calls a route handler as SvelteKit would, and checks the body against the document's schema for the path and status. */
	async function call(
		handler: (event: never) => Response | Promise<Response>,
		path: string,
		url: string,
		params: Record<string, string> = {},
		expected: 200 | 400 | 404 = 200
	) {
		const res = await handler({ url: new URL(url, 'http://localhost'), params, locals: { db } } as never);
		expect(res.status, url).toBe(expected);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		const body = await res.json();
		const validate = validator(path, expected);
		const ok = validate(body);
		expect(ok ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n'), `${url} against ${path} ${expected}`).toEqual([]);
		return body;
	}

	it('the UNTOC review mechanism: the Convention and three Protocols, cluster I first with its articles as text; an unknown one is a 404', async () => {
		const body = await call(getReviewMechanism, '/api/v1/review-mechanisms/{id}', '/api/v1/review-mechanisms/untoc', { id: 'untoc' });
		expect(body.instruments).toEqual(['untoc', 'trafficking-protocol', 'smuggling-protocol', 'firearms-protocol']);
		expect(body.clusters.map((k: { number: number }) => k.number)).toEqual([1, 2, 3, 4]);
		expect(body.clusters[0].articles).toContainEqual({ instrument: 'smuggling-protocol', article: '6', title: 'Criminalization', confirmed: true });
		await call(getReviewMechanism, '/api/v1/review-mechanisms/{id}', '/api/v1/review-mechanisms/uncac', { id: 'uncac' }, 404);
		const reviews = await call(listReviews, '/api/v1/reviews', '/api/v1/reviews');
		expect(reviews).toMatchObject({ progress: [{ cycle: 'untoc-1', mechanism: 'untoc', underWay: 0, published: 0 }], published: [] });
	});

		it('every instrument on 2008-06-03, ILO C181 among them with counts null', async () => {
		const body = await call(listInstruments, '/api/v1/instruments', '/api/v1/instruments?asOf=2008-06-03');
		const c181 = body.instruments.find((i: { slug: string }) => i.slug === 'ilo-c181');
		expect(c181).toMatchObject({ dataStatus: 'none', counts: null });
	});

	it('the Trafficking in Persons Protocol on 2008-06-03, with its participants', async () => {
		const body = await call(getInstrument, '/api/v1/instruments/{slug}', '/api/v1/instruments/trafficking-protocol?asOf=2008-06-03', {
			slug: 'trafficking-protocol'
		});
		expect(body).toMatchObject({ asOf: '2008-06-03', slug: 'trafficking-protocol', dataStatus: 'complete', entryIntoForce: '2003-12-25' });
		expect(body.participants.length).toBeGreaterThan(100);
	});

	it('CETS 197 in 2016, a partial record: participants it holds, and how many it cannot answer for', async () => {
		const body = await call(getInstrument, '/api/v1/instruments/{slug}', '/api/v1/instruments/cets-197?asOf=2016-01-01', { slug: 'cets-197' });
		expect(body.dataStatus).toBe('partial');
		expect(body.counts.unknown).toBeGreaterThan(0);
	});

	it('ILO C181, which has no record: counts null, and a non-parties list that lists nobody', async () => {
		const one = await call(getInstrument, '/api/v1/instruments/{slug}', '/api/v1/instruments/ilo-c181', { slug: 'ilo-c181' });
		expect(one).toMatchObject({ dataStatus: 'none', counts: null });
		const list = await call(listNonParties, '/api/v1/instruments/{slug}/non-parties', '/api/v1/instruments/ilo-c181/non-parties', {
			slug: 'ilo-c181'
		});
		expect(list).toMatchObject({ counts: null, signed: [], notSigned: [], denounced: [], unknown: [] });
	});

	it("Estonia's record in 2016: CETS 197 unknown (partial record), not none", async () => {
		const body = await call(getParticipant, '/api/v1/participants/{code}', '/api/v1/participants/EST?asOf=2016-01-01', { code: 'EST' });
		expect(body.instruments.find((i: { slug: string }) => i.slug === 'cets-197')).toMatchObject({ status: 'unknown', dataStatus: 'partial' });
		expect(body.groups.map((g: { slug: string }) => g.slug)).toContain('council-of-europe');
	});

	it('non-parties with a group filter: the 76 UN Member States not party to the Trafficking Protocol on 2008-02-15', async () => {
		const body = await call(
			listNonParties,
			'/api/v1/instruments/{slug}/non-parties',
			'/api/v1/instruments/trafficking-protocol/non-parties?group=un-members&asOf=2008-02-15',
			{ slug: 'trafficking-protocol' }
		);
		expect(body.counts.nonParties).toBe(76);
		expect(body.filters.group.slug).toBe('un-members');
	});

	it('non-parties of CETS 197 among Council of Europe members in 2016: Estonia listed apart as unknown', async () => {
		const body = await call(
			listNonParties,
			'/api/v1/instruments/{slug}/non-parties',
			'/api/v1/instruments/cets-197/non-parties?group=council-of-europe&asOf=2016-01-01',
			{ slug: 'cets-197' }
		);
		expect(body.unknown.map((p: { code: string }) => p.code)).toContain('EST');
		expect(body.counts.unknown).toBe(body.unknown.length);
		expect(body.scope.groups.map((g: { slug: string }) => g.slug)).toEqual(['council-of-europe']);
	});

	it('a compare of France and Germany', async () => {
		const body = await call(compareParticipants, '/api/v1/compare', '/api/v1/compare?codes=FRA,DEU&asOf=2010-01-01');
		expect(body.participants.map((p: { code: string }) => p.code)).toEqual(['FRA', 'DEU']);
		expect(body.cells.length).toBe(2 * body.instruments.length);
	});

	it('the downloads in JSON: a participant table and the compare rows', async () => {
		const table = await call(exportInstrumentJson, '/instruments/{slug}/export.json', '/instruments/trafficking-protocol/export.json?asOf=2008-06-03', {
			slug: 'trafficking-protocol'
		});
		expect(table.rows.length).toBeGreaterThan(100);
		const rows = await call(exportCompareJson, '/compare/export.json', '/compare/export.json?codes=FRA,DEU&asOf=2010-01-01');
		expect(rows.rows.length).toBeGreaterThan(0);
	});

	it('the document itself', async () => {
		const body = await call(getOpenApiDocument, '/api/v1/openapi.json', '/api/v1/openapi.json');
		expect(body.openapi).toBe('3.1.0');
	});

	it('who the request is made as: a focal point of India; and a 401 that says how to authenticate without an account', async () => {
		const user = { id: 1, email: 'focal.point@example.org', name: null, role: 'focal-point', participant: 'IND' };
		const res = await getMe({ url: new URL('http://localhost/api/v1/me'), locals: { db, user, address: null } } as never);
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('private, no-store');
		const body = await res.json();
		expect(body).toEqual({ email: 'focal.point@example.org', name: null, role: 'focal-point', participant: 'IND' });
		expect(validator('/api/v1/me', 200)(body)).toBe(true);
		const anonymous = await getMe({ url: new URL('http://localhost/api/v1/me'), locals: { db, user: null, address: null } } as never);
		expect(anonymous.status).toBe(401);
		expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer /);
		expect(validator('/api/v1/me', 401)(await anonymous.json())).toBe(true);
	});

	it('404s: an unknown instrument, an unknown participant', async () => {
		const a = await call(getInstrument, '/api/v1/instruments/{slug}', '/api/v1/instruments/no-such-treaty', { slug: 'no-such-treaty' }, 404);
		expect(a.error).toMatch(/no-such-treaty/);
		const b = await call(getParticipant, '/api/v1/participants/{code}', '/api/v1/participants/XXX', { code: 'XXX' }, 404);
		expect(b.error).toMatch(/XXX/);
	});

	it('400s: a malformed asOf, an unknown region, an unknown code', async () => {
		const a = await call(listInstruments, '/api/v1/instruments', '/api/v1/instruments?asOf=03-06-2008', {}, 400);
		expect(a.error).toMatch(/asOf/);
		const b = await call(
			listNonParties,
			'/api/v1/instruments/{slug}/non-parties',
			'/api/v1/instruments/trafficking-protocol/non-parties?region=atlantis',
			{ slug: 'trafficking-protocol' },
			400
		);
		expect(b.error).toMatch(/atlantis/);
		const c = await call(compareParticipants, '/api/v1/compare', '/api/v1/compare?codes=FRA,XXX', {}, 400);
		expect(c.error).toMatch(/XXX/);
	});

	it('and a body that drifted does not: an unknown status, a missing field, a field nobody described', async () => {
		const validate = validator('/api/v1/instruments', 200);
		const body = await (await listInstruments({ url: new URL('http://localhost/api/v1/instruments?asOf=2008-06-03'), locals: { db } } as never)).json();
		const first = body.instruments.find((i: { counts: unknown }) => i.counts);
		expect(validate({ ...body, instruments: [{ ...first, counts: { ...first.counts, unknown: undefined } }] })).toBe(false);
		expect(validate({ ...body, instruments: [{ ...first, counts: { ...first.counts, nonParties: 3 } }] })).toBe(false);
		const participant = validator('/api/v1/participants/{code}', 200);
		const est = await (await getParticipant({ url: new URL('http://localhost/api/v1/participants/EST'), params: { code: 'EST' }, locals: { db } } as never)).json();
		expect(participant(est)).toBe(true);
		expect(participant({ ...est, instruments: [{ ...est.instruments[0], status: 'maybe' }] })).toBe(false);
		// …and the handlers' own check (in development and tests) refuses it before it is sent
		expect(() => conform(schemas.Counts, { signatories: 1, parties: 1, inForce: 1, endorsed: 0, unknown: 0, nonParties: 3 } as never)).toThrow(
			/does not match its schema/
		);
	});
});

describe('each handler reads its request as the document describes it', () => {
	let db: Db;
	let locals: { db: Db; user: Awaited<ReturnType<typeof users.createUser>>; address: string };
	beforeAll(async () => {
		db = await freshDb();
		// an editor may call every endpoint, the writes included
		locals = { db, user: await users.createUser(db, { email: 'editor@example.org', role: 'editor', actor: 'a test' }), address: '192.0.2.10' };
	});

	/** The operation's parameters as the document lists them, each with its example. */
	const listed = (op: (typeof document.paths)[string]['get']) =>
		(op!.parameters ?? []).map((r) => document.components.parameters[r.$ref.split('/').pop()!]);

	/** Calls the route file's handler for the operation, as SvelteKit would, the path filled with the document's examples. */
	async function call(path: string, method: 'get' | 'post', query: string) {
		const op = document.paths[path][method]!;
		const params = Object.fromEntries(listed(op).filter((p) => p.in === 'path').map((p) => [p.name, String(p.example)]));
		const url = new URL(`http://localhost${path.replace(/\{(\w+)\}/g, (_, n: string) => params[n])}?${query}`);
		const body = method === 'post' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {};
		const request = new Request(url, { method: method.toUpperCase(), ...body });
		const module = await import(/* @vite-ignore */ served.get(`${method} ${path}`)!);
		return (await module[method.toUpperCase()]({ url, params, request, locals } as never)) as Response;
	}

	it.each(operations().map(([path, method]) => [method, path] as const))('%s %s refuses a query parameter the document does not list, naming it', async (method, path) => {
		const res = await call(path, method, 'asOf=2008-06-03&colour=red');
		expect(res.status).toBe(400);
		const body = await res.json();
		expect(body.error).toMatch(/unknown parameter "colour": this address takes /);
		if (method === 'post') expect(Object.keys(body.fields)).toEqual(expect.arrayContaining(['colour', 'asOf']));
		if (!listed(document.paths[path][method]).some((p) => p.name === 'asOf')) expect(body.error).toMatch(/unknown parameter "asOf"/);
	});

	it.each(operations().filter(([, method]) => method === 'get').map(([path]) => path))('GET %s takes every parameter the document lists, at its example', async (path) => {
		const query = new URLSearchParams(
			listed(document.paths[path].get)
				.filter((p) => p.in === 'query')
				.map((p) => [p.name, Array.isArray(p.example) ? p.example.join(',') : String(p.example)])
		);
		const res = await call(path, 'get', query.toString());
		expect(res.status, `${path}?${query} ${res.status === 200 ? '' : await res.text()}`).toBe(200);
	});
});
