// Answers for the public, rendered once per state of what they show. A signed-out GET of a page,
// an export or the API is the same for everyone until someone changes something that answer
// reads: its ETag names the address as the route reads it (the query parameters it takes: a
// campaign's `?utm_…` makes no new answer — http/reads), the last change to anything it reads
// (record/live: a correction of a UNTOC act leaves the Trafficking Protocol's map stored; a
// review's draft leaves every public answer), the day, and this cache's start (a new server: new
// code, or new reference files). A matching If-None-Match is answered 304 without rendering;
// otherwise the stored answer is sent again, compressed once per encoding, so a spike on one page
// costs one render. The CSP uses script hashes, not a nonce, so that a stored page is the same
// page.
//
// One PageCache per database (http/database.pageCache), holding its store (an LRU bounded in
// entries and bytes), the renders in flight and the newest answer of each address. Two ways in:
// the `handle` hook calls `answer` (renders on a miss and stores); and, in the built server,
// scripts/serve.js calls `readyAnswer` through the one door `openDoor` puts on the process —
// a stored answer already compressed the way the request accepts, or a 304 — before SvelteKit
// sees the request at all, so a hit costs a lookup, not a pass through the framework.
import { createHash, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import fresh from 'fresh';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';
import { today } from '$lib/dates';
import { publicState } from '../audit/log';
import type { Db } from '../db';
import * as live from '../record/live';
import type { Tag } from '../record/live';
import type { TreatyRecord } from '../record/record';
import { normalQuery, type Query } from './reads';

/** Asks the database each time (src/routes/healthz). */
export const HEALTH_CHECK = '/healthz';

/** Reused by browsers and shared caches, checked again each time: a write changes the ETag. */
const PUBLIC = 'public, max-age=0, must-revalidate';

/** How a stored answer is sent: compressed once, when first asked for that way, not per request. */
export type Encoding = 'br' | 'gzip' | 'identity';
/** Best first: brotli is smaller than gzip for the same text. */
const ENCODINGS: readonly Encoding[] = ['br', 'gzip', 'identity'];

/** Text worth compressing (what the compression middleware would compress), from 1 KB up. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|atom\+xml|javascript|problem\+json)|image\/svg\+xml)/;
const MIN_COMPRESSED = 1024;

const compressors: Record<Exclude<Encoding, 'identity'>, (body: Uint8Array) => Promise<Uint8Array>> = {
	// Quality 5, not 9: measured on the UNTOC page (316 KB), 9 takes ~100 ms of a core for an
	// answer 3 % smaller than 5's (~5 ms) — paid again after every write that reaches the page,
	// by the request that renders it, on a machine serving others meanwhile.
	br: (body) => promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
	gzip: (body) => promisify(gzip)(body, { level: 6 })
};

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
	return publicRequest(asked) !== null;
}

/** How an address is read (http/reads): the query parameters it takes and what its answer shows. */
export interface Route {
	query: Query;
	tags: readonly Tag[];
}

/** How the hook says an address is read: its tags from the record the cache has just taken in. */
export interface Reads {
	query: Query;
	tags: (record: TreatyRecord | null) => readonly Tag[];
}

/** An address nothing is known of: every parameter counts, anything may change it. */
const ANYTHING: Route = { query: 'any', tags: ['public'] };

/**
 * A public request, whatever the state: its own path (not SvelteKit's page URL, which is the same
 * for a page and its __data.json) and query, and whether it asks for HTML (a route may answer a
 * page or an endpoint by the Accept header); null for a request that is not public.
 */
function publicRequest(asked: Asked): { kind: string; path: string; search: string } | null {
	if (asked.method !== 'GET' || asked.header('cookie') || asked.header('authorization')) return null;
	const u = new URL(asked.url, 'http://localhost');
	if (u.pathname === HEALTH_CHECK) return null;
	return { kind: (asked.header('accept') ?? '').includes('text/html') ? 'html' : 'other', path: u.pathname, search: u.search };
}

/** Which answer a public request asks for: the kind, the path and the query as the route reads it. */
function addressOf(request: { kind: string; path: string; search: string }, route: Route): string {
	return `${request.kind}|${request.path}${normalQuery(request.search, route.query)}`;
}

/**
 * Whether the request already holds the answer tagged `etag` (its If-None-Match names it, or
 * is *). Only If-None-Match: the ETag names more than a time (the day, the address, this
 * server), so an If-Modified-Since alone never earns a 304.
 */
export function matches(ifNoneMatch: string | null, etag: string): boolean {
	return ifNoneMatch !== null && fresh({ 'if-none-match': ifNoneMatch }, { etag });
}

/** The encoding to send: the best the request accepts (its q-values first, then brotli before gzip); q=0 refuses. */
export function encodingFor(acceptEncoding: string | null): Encoding {
	const accepted = new Negotiator({ headers: { 'accept-encoding': acceptEncoding ?? undefined } }).encodings(ENCODINGS, { preferred: ENCODINGS });
	return (accepted[0] as Encoding | undefined) ?? 'identity';
}

/** What the built server sends without SvelteKit: headers and body, already encoded. */
export interface ReadyAnswer {
	status: 200 | 304;
	headers: Record<string, string>;
	body: Uint8Array | null;
}

/**
 * The door scripts/serve.js looks for on the process (the app's modules are bundled; it cannot
 * import them): `globalThis[SERVE_DOOR].readyAnswer(asked)`, set by `openDoor`.
 */
export const SERVE_DOOR = Symbol.for('treaty-tracker.page-cache');
export interface ServeDoor {
	readyAnswer(asked: Asked): ReadyAnswer | null;
}

interface Stored {
	/** The answer's headers, its validators and cache-control included. */
	headers: [string, string][];
	body: Uint8Array;
	compressible: boolean;
	/** The body in each encoding asked for: while it is being compressed… */
	variants: Map<Encoding, Promise<Uint8Array>>;
	/** …and once it is. */
	ready: Map<Encoding, Uint8Array>;
	/** The bytes of its ready variants: its weight in the store. */
	bytes: number;
	/** Light enough to keep. */
	kept: boolean;
	/** The address it answers (see publicAddress). */
	address?: string;
	/** Its headers as sent, by encoding (and for a 304). */
	sent: Map<Encoding | 'not-modified', Record<string, string>>;
}

export interface Limits {
	/** How many answers are kept at most. */
	entries: number;
	/** How many bytes (every encoding of every answer) are kept at most; an answer over an eighth of it is not kept. */
	bytes: number;
}

const LIMITS: Limits = { entries: 400, bytes: 64 * 1024 * 1024 };

/** The page cache of one database. */
export class PageCache implements ServeDoor {
	readonly #db: Db;
	/** This cache's start: an ETag of a cache before it (an older server) never matches. */
	readonly #boot = randomUUID();
	/** The stored answers by ETag, least recently used first out. */
	readonly #store: LRUCache<string, Stored>;
	readonly #maxBody: number;
	/** Renders in progress, by address: the ETag being made and when it is done. */
	readonly #rendering = new Map<string, { etag: string; done: Promise<void> }>();
	/** The newest stored answer of each address (its ETag). */
	readonly #latest = new Map<string, string>();
	/** How each path is read, as the hook last found (for the built server's door, which runs before routing). */
	readonly #routes = new LRUCache<string, Route>({ max: 5000 });
	/** The ETags made lately, by step, day and address. */
	readonly #etags = new LRUCache<string, string>({ max: 1000 });
	/** The encoding for each Accept-Encoding header seen (a browser sends one of a handful). */
	readonly #encodings = new LRUCache<string, Encoding>({ max: 64 });
	/** The public state's time as an HTTP date (the same few on every request: kept). */
	#lastModified = { at: '', http: '' };

	constructor(db: Db, limits: Limits = LIMITS) {
		this.#db = db;
		this.#maxBody = limits.bytes / 8;
		this.#store = new LRUCache<string, Stored>({
			max: limits.entries,
			maxSize: limits.bytes,
			// its compressed variants are counted as they are made (an answer grows by them)
			maxEntrySize: limits.bytes / 4,
			sizeCalculation: (stored) => Math.max(1, stored.bytes),
			dispose: (stored, etag) => {
				if (stored.address && this.#latest.get(stored.address) === etag) this.#latest.delete(stored.address);
			}
		});
	}

	/** Opens the fast door for the built server (scripts/serve.js) on this cache. */
	openDoor(): void {
		(globalThis as Record<symbol, unknown>)[SERVE_DOOR] = this satisfies ServeDoor;
	}

	/**
	 * A public request's ETag and the answer's validators, for what it reads now (`route`: as the
	 * hook found it, else as last found for its path, else anything).
	 */
	validate(asked: Asked, route?: Route): { etag: string; validators: Record<string, string>; notModified: boolean } {
		const request = publicRequest(asked);
		const how = route ?? (request && this.#routes.get(request.path)) ?? ANYTHING;
		return this.#validate(asked, request ? addressOf(request, how) : '', how);
	}

	#validate(asked: Asked, address: string, route: Route, followed = false): { etag: string; validators: Record<string, string>; notModified: boolean } {
		const state = publicState(this.#db) ?? { revision: 0, at: null };
		// Not yet following the newest change (the hook follows before it asks): a tag of its own.
		const step = followed || live.following(this.#db) ? live.stepOf(this.#db, route.tags) : `behind ${state.revision}`;
		const etag = this.#etagOf(step, today(), address);
		const at = state.at;
		const cache = this;
		return {
			etag,
			// made only when asked for: a stored answer already carries its own
			get validators(): Record<string, string> {
				return { etag, 'cache-control': PUBLIC, ...(at ? { 'last-modified': cache.#httpDate(at) } : {}) };
			},
			notModified: matches(asked.header('if-none-match'), etag)
		};
	}

	/**
	 * For scripts/serve.js, synchronously: the answer to a public request when it is ready — a 304
	 * for a matching If-None-Match, or a stored answer already encoded the way the request accepts
	 * it; null when SvelteKit has to answer (a miss, or an encoding still being made).
	 */
	readyAnswer(asked: Asked): ReadyAnswer | null {
		const request = publicRequest(asked);
		if (request === null || !live.following(this.#db)) return null;
		// how the path is read, once the hook has answered it (a route's own parameters)
		const route = this.#routes.get(request.path);
		if (!route) return null;
		const address = addressOf(request, route);
		const checked = this.#validate(asked, address, route);
		const etag = checked.etag;
		// A 304 carries the headers a 200 would (RFC 9110 §15.4.5), without the content's own.
		if (checked.notModified) {
			const held = this.#store.peek(etag);
			return { status: 304, headers: held ? headersOf(held, 'identity', null) : checked.validators, body: null };
		}
		// asked for: the most recently used, whatever is sent
		let hit = this.#store.get(etag);
		if (!hit) {
			// while this address is being rendered again, the answer it had (see `answer`)
			const stale = this.#staleFor(address);
			if (!stale) return null;
			hit = stale.stored;
			if (matches(asked.header('if-none-match'), stale.etag)) return { status: 304, headers: headersOf(hit, 'identity', null), body: null };
		}
		const encoding = hit.compressible ? this.#encodingOf(asked.header('accept-encoding')) : 'identity';
		const body = hit.ready.get(encoding);
		if (!body) return null;
		return { status: 200, headers: headersOf(hit, encoding, body.length), body };
	}

	/**
	 * The public answer to a request (the hook's door): 304 for a matching If-None-Match; the
	 * stored answer; otherwise one render — requests for the same answer meanwhile wait for it
	 * rather than rendering it again, and, after a write, requests for an address being rendered
	 * again get the answer it had until the new one is ready (the request that renders waits for
	 * it, so whoever asks after a write has been answered sees it).
	 */
	async answer(asked: Asked, render: () => Promise<Response>, reads?: Reads): Promise<Response> {
		await live.follow(this.#db);
		// what the answer shows, as of the record just taken in (an instrument's relatives come from it)
		const route: Route = reads ? { query: reads.query, tags: reads.tags(live.held(this.#db)) } : ANYTHING;
		const request = publicRequest(asked);
		if (request) this.#routes.set(request.path, route);
		const address = request ? addressOf(request, route) : '';
		const checked = this.#validate(asked, address, route, true);
		const etag = checked.etag;
		if (checked.notModified) return new Response(null, { status: 304, headers: checked.validators });
		const encoding = this.#encodingOf(asked.header('accept-encoding'));
		// Nothing awaited before a render is registered: two requests in one tick render once.
		const hit = this.#store.get(etag);
		if (hit) return this.#send(etag, hit, encoding);
		const flight = this.#rendering.get(address);
		if (flight) {
			// being rendered: the answer it had, if it had one…
			const stale = this.#staleFor(address);
			if (stale) {
				if (matches(asked.header('if-none-match'), stale.etag)) return new Response(null, { status: 304, headers: headersOf(stale.stored, 'identity', null) });
				return this.#send(stale.etag, stale.stored, encoding);
			}
			// …or the one being made
			if (flight.etag === etag) {
				await flight.done;
				const made = await this.get(etag, encoding);
				if (made) return made;
			}
		}
		if (this.#rendering.has(address)) return this.#made(etag, render, encoding, checked.validators, address);
		let finished = () => {};
		this.#rendering.set(address, { etag, done: new Promise<void>((resolve) => (finished = resolve)) });
		try {
			return await this.#made(etag, render, encoding, checked.validators, address);
		} finally {
			finished();
			this.#rendering.delete(address);
		}
	}

	/**
	 * An answer rendered now and stored, saying how long the render took (Server-Timing: for the
	 * benchmark and whoever watches; the stored answer does not carry it).
	 */
	async #made(etag: string, render: () => Promise<Response>, encoding: Encoding, validators: Record<string, string>, address: string): Promise<Response> {
		const started = performance.now();
		const rendered = await render();
		const took = performance.now() - started;
		const sent = await this.put(etag, rendered, encoding, validators, address);
		if (sent.status === 200 && !sent.headers.has('server-timing')) sent.headers.set('server-timing', `render;dur=${took.toFixed(1)}`);
		return sent;
	}

	/** The stored answer for `etag`, sent in `encoding` (compressed now if it is the first to ask). */
	async get(etag: string, encoding: Encoding): Promise<Response | null> {
		const hit = this.#store.get(etag);
		return hit ? this.#send(etag, hit, encoding) : null;
	}

	/**
	 * Keeps a 200 answer without cookies (when it is not too large to keep), with `validators`
	 * (and public caching, unless it says otherwise), and returns it, sent in `encoding`. Anything
	 * else is returned as it is.
	 */
	async put(etag: string, response: Response, encoding: Encoding, validators: Record<string, string>, address?: string): Promise<Response> {
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
			bytes: body.length,
			kept: body.length <= this.#maxBody,
			address,
			sent: new Map()
		};
		if (stored.kept) {
			this.#store.set(etag, stored);
			if (address) this.#latest.set(address, etag);
		}
		return this.#send(etag, stored, encoding);
	}

	/** How much is stored (for the benchmark and tests). */
	size(): { entries: number; bytes: number } {
		return { entries: this.#store.size, bytes: this.#store.calculatedSize };
	}

	/**
	 * The ETag of an answer: its address, the last change to what it reads, the day and this
	 * cache's start. The same few on every request until that moves: kept, not hashed each time.
	 */
	#etagOf(step: number | string, day: string, address: string): string {
		const key = `${step}|${day}|${address}`;
		let etag = this.#etags.get(key);
		if (!etag) this.#etags.set(key, (etag = `W/"${createHash('sha1').update(`${this.#boot}|${key}`).digest('base64url').slice(0, 22)}"`));
		return etag;
	}

	#httpDate(at: string): string {
		if (this.#lastModified.at !== at) this.#lastModified = { at, http: new Date(at).toUTCString() };
		return this.#lastModified.http;
	}

	#encodingOf(acceptEncoding: string | null): Encoding {
		const key = acceptEncoding ?? '';
		let encoding = this.#encodings.get(key);
		if (!encoding) this.#encodings.set(key, (encoding = encodingFor(acceptEncoding)));
		return encoding;
	}

	#staleFor(address: string): { etag: string; stored: Stored } | null {
		if (!this.#rendering.has(address)) return null;
		const etag = this.#latest.get(address);
		const stored = etag ? this.#store.peek(etag) : undefined;
		return etag && stored ? { etag, stored } : null;
	}

	async #send(etag: string, stored: Stored, encoding: Encoding): Promise<Response> {
		const as = stored.compressible ? encoding : 'identity';
		let variant = stored.variants.get(as);
		if (!variant) {
			const made = compressors[as as Exclude<Encoding, 'identity'>](stored.body);
			stored.variants.set(as, made);
			made
				.then((v) => {
					stored.ready.set(as, v);
					stored.bytes += v.length;
					// still stored: weighed again with its new variant
					if (this.#store.peek(etag) === stored) this.#store.set(etag, stored);
				})
				.catch(() => stored.variants.delete(as));
			variant = made;
		}
		const body = await variant;
		// A copy: the Response's stream must not hold the stored bytes.
		return new Response(body.slice(), { status: 200, headers: headersOf(stored, as, body.length) });
	}
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
