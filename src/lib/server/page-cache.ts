// Answers for the public, rendered once per state of the database. A signed-out GET of a page,
// an export or the API is the same for everyone until someone changes something: its ETag
// names that state (the newest audit entry — every change to the record, the reviews or the
// accounts writes one —, the day, the address, and this server's start, which changes when
// the code or the reference files do). A matching If-None-Match is answered 304 without
// rendering; otherwise the stored answer is sent again, so a spike on one page costs one
// render. The CSP uses script hashes, not a nonce, so that a stored page is the same page.
import { createHash } from 'node:crypto';
import type { Db } from './db';

const BOOT = Date.now().toString(36);
const MAX_ENTRIES = 400;
const MAX_BYTES = 64 * 1024 * 1024;

interface Stored {
	status: number;
	headers: [string, string][];
	body: Uint8Array;
}

const store = new Map<string, Stored>();
let bytes = 0;

/** The state of everything a public answer may show: the newest audit entry and its time. */
export async function state(db: Db): Promise<{ id: number; at: string | null }> {
	const row = await db.selectFrom('audit_log').select(['id', 'at']).orderBy('id', 'desc').limit(1).executeTakeFirst();
	return { id: row?.id ?? 0, at: row?.at ?? null };
}

/**
 * The ETag of an answer: the request's own address (not SvelteKit's page URL, which is the same
 * for a page and its __data.json), whether it asks for HTML (a route may answer a page or an
 * endpoint by the Accept header), the state, the day and this server's start.
 */
export function etagOf(stateId: number, today: string, request: Request): string {
	const url = new URL(request.url);
	const html = (request.headers.get('accept') ?? '').includes('text/html') ? 'html' : 'other';
	const key = `${BOOT}|${stateId}|${today}|${html}|${url.pathname}${url.search}`;
	return `W/"${createHash('sha1').update(key).digest('base64url').slice(0, 22)}"`;
}

/** Whether an If-None-Match header names this ETag (a list, or *). */
export function matches(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	if (ifNoneMatch.trim() === '*') return true;
	const weak = (t: string) => t.trim().replace(/^W\//, '');
	return ifNoneMatch.split(',').some((t) => weak(t) === weak(etag));
}

export function get(etag: string): Response | null {
	const hit = store.get(etag);
	if (!hit) return null;
	// most recently used last
	store.delete(etag);
	store.set(etag, hit);
	return new Response(hit.body.slice(), { status: hit.status, headers: hit.headers });
}

/** Keeps a copy of a 200 answer without cookies; returns the answer to send (the same). */
export async function put(etag: string, response: Response): Promise<Response> {
	if (response.status !== 200 || response.headers.has('set-cookie') || !response.body) return response;
	const body = new Uint8Array(await response.arrayBuffer());
	const headers = [...response.headers];
	if (body.length <= MAX_BYTES / 8) {
		store.set(etag, { status: 200, headers, body });
		bytes += body.length;
		for (const [key, old] of store) {
			if (store.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
			store.delete(key);
			bytes -= old.body.length;
		}
	}
	return new Response(body.slice(), { status: 200, headers });
}

/** How much is stored (for the benchmark and tests). */
export function size(): { entries: number; bytes: number } {
	return { entries: store.size, bytes };
}
