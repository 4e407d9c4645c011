// Answers for the public, rendered once per state of the database. A signed-out GET of a page,
// an export or the API is the same for everyone until someone changes something: its ETag
// names that state (the newest audit entry — every change to the record, the reviews or the
// accounts writes one — except a review's private work, the day, the address, and this server's start, which changes when
// the code or the reference files do). A matching If-None-Match is answered 304 without
// rendering; otherwise the stored answer is sent again, compressed once per encoding, so a
// spike on one page costs one render. The CSP uses script hashes, not a nonce, so that a
// stored page is the same page.
//
// Two doors: the `handle` hook (answer: renders on a miss and stores), and, in the built server,
// scripts/serve.js, which asks `readyAnswer` before SvelteKit sees the request at all — a
// stored answer already compressed the way the request accepts, or a 304 — so a hit costs a
// lookup, not a pass through the framework.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type SQLite from 'better-sqlite3';
import { today } from '$lib/dates';
import { connectionOf, type Db } from '../db';

const BOOT = Date.now().toString(36);
const MAX_ENTRIES = 400;
const MAX_BYTES = 64 * 1024 * 1024;

/** Asks the database each time (src/routes/healthz). */
export const HEALTH_CHECK = '/healthz';

/** Reused by browsers and shared caches, checked again each time: a write changes the ETag. */
const PUBLIC = 'public, max-age=0, must-revalidate';

/** How a stored answer is sent: compressed once, when first asked for that way, not per request. */
export type Encoding = 'br' | 'gzip' | 'identity';

/** Text worth compressing (what the compression middleware would compress), from 1 KB up. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|atom\+xml|javascript|problem\+json)|image\/svg\+xml)/;
const MIN_COMPRESSED = 1024;

const compressors: Record<Exclude<Encoding, 'identity'>, (body: Uint8Array) => Promise<Uint8Array>> = {
	// Quality 9, not the middleware's 4: paid once per state of the database, in the thread
	// pool, and a map page is ~10% smaller for it.
	br: (body) => promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
	gzip: (body) => promisify(gzip)(body, { level: 9 })
};

interface Stored {
	/** The answer's headers, its validators and cache-control included. */
	headers: [string, string][];
	body: Uint8Array;
	compressible: boolean;
	/** The body in each encoding asked for: while it is being compressed… */
	variants: Map<Encoding, Promise<Uint8Array>>;
	/** …and once it is. */
	ready: Map<Encoding, Uint8Array>;
	/** In the store (counted in its bytes), or too large to keep. */
	kept: boolean;
	/** The address it answers (see addressOf). */
	address?: string;
	/** Its headers as sent, by encoding (and for a 304). */
	sent: Map<Encoding | 'not-modified', Record<string, string>>;
}

const store = new Map<string, Stored>();
let bytes = 0;

/** What of a request decides its public answer. */
export interface Asked {
	method: string;
	/** The request's address, absolute or from its path. */
	url: string;
	header: (name: string) => string | null;
}

export function askedOf(request: Request): Asked {
	return { method: request.method, url: request.url, header: (name) => request.headers.get(name) };
}

/** A GET by nobody in particular: no cookie, no credentials, not the health check. */
export function isPublic(asked: Asked): boolean {
	return asked.method === 'GET' && !asked.header('cookie') && !asked.header('authorization') && pathAndQuery(asked.url) !== HEALTH_CHECK;
}

/** The request's own address (not SvelteKit's page URL, which is the same for a page and its __data.json). */
function pathAndQuery(url: string): string {
	const u = new URL(url, 'http://localhost');
	return u.pathname + u.search;
}

/**
 * The work inside a country review that the public never sees (drafts, comments, evidence,
 * people, agreements): a focal point typing answers must not make every public page render
 * again. What the public does see of reviews changes by other entries — launches, stage moves
 * (publication among them), draws, follow-ups — and the summary cannot change once published.
 */
export const PRIVATE_REVIEW_WORK = ['answer', 'upload', 'comment', 'question', 'observe', 'summary', 'agree', 'name'] as const;

/** The state of everything a public answer may show: the newest audit entry that can change one, and its time. */
export function state(db: Db): { id: number; at: string | null } {
	// On every public request: one prepared statement, not a query built each time.
	let s = statements.get(db);
	const privateWork = PRIVATE_REVIEW_WORK.map((a) => `'${a}'`).join(', ');
	if (!s) statements.set(db, (s = connectionOf(db).prepare<[]>(`select id, at from audit_log where not (entity = 'review' and action in (${privateWork})) order by id desc limit 1`)));
	const row = s.get() as { id: number; at: string } | undefined;
	return { id: row?.id ?? 0, at: row?.at ?? null };
}
const statements = new WeakMap<Db, SQLite.Statement<[]>>();

/** Which answer a request asks for, whatever the state: its own address, and whether it asks for HTML. */
function addressOf(asked: Asked): string {
	const html = (asked.header('accept') ?? '').includes('text/html') ? 'html' : 'other';
	return `${html}|${pathAndQuery(asked.url)}`;
}

/**
 * The ETag of an answer: the request's own address, whether it asks for HTML (a route may
 * answer a page or an endpoint by the Accept header), the state, the day and this server's start.
 */
export function etagOf(stateId: number, day: string, asked: Asked): string {
	const key = `${BOOT}|${stateId}|${day}|${addressOf(asked)}`;
	return `W/"${createHash('sha1').update(key).digest('base64url').slice(0, 22)}"`;
}

/** Whether an If-None-Match header names this ETag (a list, or *). */
export function matches(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	if (ifNoneMatch.trim() === '*') return true;
	const weak = (t: string) => t.trim().replace(/^W\//, '');
	return ifNoneMatch.split(',').some((t) => weak(t) === weak(etag));
}

/** The encoding to send: brotli, else gzip, when the request accepts it (q=0 refuses). */
export function encodingFor(acceptEncoding: string | null): Encoding {
	const accepted = new Set(
		(acceptEncoding ?? '')
			.split(',')
			.map((part) => part.trim().split(';'))
			.filter(([, ...params]) => !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/i.test(p)))
			.map(([name]) => name.trim().toLowerCase())
	);
	if (accepted.has('br')) return 'br';
	if (accepted.has('gzip')) return 'gzip';
	return 'identity';
}

/** A public request's ETag and the answer's validators, for this state of `db`. */
export function validate(db: Db, asked: Asked): { etag: string; validators: Record<string, string>; notModified: boolean } {
	const s = state(db);
	const etag = etagOf(s.id, today(), asked);
	return {
		etag,
		// made only when asked for: a stored answer already carries its own
		get validators(): Record<string, string> {
			return { etag, 'cache-control': PUBLIC, ...(s.at ? { 'last-modified': httpDate(s.at) } : {}) };
		},
		notModified: matches(asked.header('if-none-match'), etag)
	};
}

/** An audit entry's time as an HTTP date (the same few on every request: kept). */
function httpDate(at: string): string {
	if (lastModified.at !== at) lastModified = { at, http: new Date(at).toUTCString() };
	return lastModified.http;
}
let lastModified = { at: '', http: '' };

/** What the built server sends without SvelteKit: headers and body, already encoded. */
export interface ReadyAnswer {
	status: 200 | 304;
	headers: Record<string, string>;
	body: Uint8Array | null;
}

/**
 * For scripts/serve.js, synchronously: the answer to a public request when it is ready — a 304
 * for a matching If-None-Match, or a stored answer already encoded the way the request accepts
 * it; null when SvelteKit has to answer (a miss, or an encoding still being made).
 */
export function readyAnswer(db: Db, asked: Asked): ReadyAnswer | null {
	if (!isPublic(asked)) return null;
	const checked = validate(db, asked);
	const etag = checked.etag;
	let hit = store.get(etag);
	// A 304 carries the headers a 200 would (RFC 9110 §15.4.5), without the content's own.
	if (checked.notModified) return { status: 304, headers: hit ? headersOf(hit, 'identity', null) : checked.validators, body: null };
	if (!hit) {
		// while this address is being rendered again, the answer it had (see `answer`)
		const stale = staleFor(addressOf(asked));
		if (!stale) return null;
		hit = stale.stored;
		if (matches(asked.header('if-none-match'), stale.etag)) return { status: 304, headers: headersOf(hit, 'identity', null), body: null };
	}
	const encoding = hit.compressible ? encodingFor(asked.header('accept-encoding')) : 'identity';
	const body = hit.ready.get(encoding);
	if (!body) return null;
	if (store.get(etag) === hit) touch(etag, hit);
	return { status: 200, headers: headersOf(hit, encoding, body.length), body };
}

/** Renders in progress, by address: the ETag being made and when it is done. */
const rendering = new Map<string, { etag: string; done: Promise<void> }>();
/** The newest stored answer of each address (its ETag). */
const latest = new Map<string, string>();

function staleFor(address: string): { etag: string; stored: Stored } | null {
	if (!rendering.has(address)) return null;
	const etag = latest.get(address);
	const stored = etag ? store.get(etag) : undefined;
	return etag && stored ? { etag, stored } : null;
}

/**
 * The public answer to a request (the hook's door): 304 for a matching If-None-Match; the
 * stored answer; otherwise one render — requests for the same answer meanwhile wait for it
 * rather than rendering it again, and, after a write, requests for an address being rendered
 * again get the answer it had until the new one is ready (the request that renders waits for
 * it, so whoever asks after a write has been answered sees it).
 */
export async function answer(db: Db, asked: Asked, render: () => Promise<Response>): Promise<Response> {
	const checked = validate(db, asked);
	const etag = checked.etag;
	if (checked.notModified) return new Response(null, { status: 304, headers: checked.validators });
	const encoding = encodingFor(asked.header('accept-encoding'));
	// Nothing awaited before a render is registered: two requests in one tick render once.
	const hit = store.get(etag);
	if (hit) {
		touch(etag, hit);
		return send(hit, encoding);
	}
	const address = addressOf(asked);
	const flight = rendering.get(address);
	if (flight) {
		// being rendered: the answer it had, if it had one…
		const stale = staleFor(address);
		if (stale) {
			if (matches(asked.header('if-none-match'), stale.etag)) return new Response(null, { status: 304, headers: headersOf(stale.stored, 'identity', null) });
			return send(stale.stored, encoding);
		}
		// …or the one being made
		if (flight.etag === etag) {
			await flight.done;
			const made = await get(etag, encoding);
			if (made) return made;
		}
	}
	if (rendering.has(address)) return put(etag, await render(), encoding, checked.validators, address);
	let finished = () => {};
	rendering.set(address, { etag, done: new Promise<void>((resolve) => (finished = resolve)) });
	try {
		return await put(etag, await render(), encoding, checked.validators, address);
	} finally {
		finished();
		rendering.delete(address);
	}
}

/** The stored answer for `etag`, sent in `encoding` (compressed now if it is the first to ask). */
export async function get(etag: string, encoding: Encoding): Promise<Response | null> {
	const hit = store.get(etag);
	if (!hit) return null;
	touch(etag, hit);
	return send(hit, encoding);
}

/**
 * Keeps a 200 answer without cookies (when it is not too large to keep), with `validators`
 * (and public caching, unless it says otherwise), and returns it, sent in `encoding`. Anything
 * else is returned as it is.
 */
export async function put(etag: string, response: Response, encoding: Encoding, validators: Record<string, string>, address?: string): Promise<Response> {
	if (response.status !== 200 || response.headers.has('set-cookie') || !response.body) return response;
	const body = new Uint8Array(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	headers.delete('content-length');
	for (const [k, v] of Object.entries(validators)) if (k !== 'cache-control' || !headers.has(k)) headers.set(k, v);
	const stored: Stored = {
		headers: [...headers],
		body,
		compressible: COMPRESSIBLE.test(headers.get('content-type') ?? '') && body.length >= MIN_COMPRESSED && !headers.has('content-encoding'),
		variants: new Map([['identity', Promise.resolve(body)]]),
		ready: new Map([['identity', body]]),
		kept: body.length <= MAX_BYTES / 8,
		address,
		sent: new Map()
	};
	if (stored.kept) {
		store.set(etag, stored);
		if (address) latest.set(address, etag);
		grow(body.length);
	}
	return send(stored, encoding);
}

function touch(etag: string, hit: Stored): void {
	// most recently used last
	store.delete(etag);
	store.set(etag, hit);
}

function headersOf(stored: Stored, encoding: Encoding, length: number | null): Record<string, string> {
	// the same for every request of this answer in this encoding: made once
	const key = length === null ? 'not-modified' : encoding;
	let made = stored.sent.get(key);
	if (!made) stored.sent.set(key, (made = makeHeaders(stored, encoding, length)));
	return made;
}

function makeHeaders(stored: Stored, encoding: Encoding, length: number | null): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [k, v] of stored.headers) headers[k] = k in headers ? `${headers[k]}, ${v}` : v;
	if (stored.compressible) {
		headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
		if (encoding !== 'identity') headers['content-encoding'] = encoding;
	}
	if (length === null) {
		delete headers['content-type'];
		delete headers['content-encoding'];
	} else headers['content-length'] = String(length);
	return headers;
}

async function send(stored: Stored, encoding: Encoding): Promise<Response> {
	const as = stored.compressible ? encoding : 'identity';
	let variant = stored.variants.get(as);
	if (!variant) {
		const made = compressors[as as Exclude<Encoding, 'identity'>](stored.body);
		stored.variants.set(as, made);
		made
			.then((v) => {
				stored.ready.set(as, v);
				if (stored.kept) grow(v.length);
			})
			.catch(() => stored.variants.delete(as));
		variant = made;
	}
	const body = await variant;
	// A copy: the Response's stream must not hold the stored bytes.
	return new Response(body.slice(), { status: 200, headers: headersOf(stored, as, body.length) });
}

/** Counts `n` more bytes kept and forgets the least recently used answers beyond the limits. */
function grow(n: number): void {
	bytes += n;
	for (const [key, old] of store) {
		if (store.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
		store.delete(key);
		if (old.address && latest.get(old.address) === key) latest.delete(old.address);
		for (const v of old.ready.values()) bytes -= v.length;
		// a variant still being made is counted when it is made; forget it then
		for (const [enc, v] of old.variants) if (!old.ready.has(enc)) v.then((b) => (bytes -= b.length)).catch(() => {});
	}
}

/** How much is stored (for the benchmark and tests). */
export function size(): { entries: number; bytes: number } {
	return { entries: store.size, bytes };
}

/** The door scripts/serve.js looks for on the process (the app's modules are bundled; it cannot import them). */
export const READY_ANSWER = Symbol.for('treaty-tracker.ready-answer');

/** Opens the fast door for the built server, on `db`. */
export function openDoor(db: Db): void {
	(globalThis as Record<symbol, unknown>)[READY_ANSWER] = (method: string, url: string, header: (name: string) => string | null) => readyAnswer(db, { method, url, header });
}
