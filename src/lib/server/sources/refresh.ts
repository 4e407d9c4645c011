// Refreshing the record from the depositaries' own pages: each instrument's status page (its
// address and format are data, in data/instruments.json) fetched as a good citizen would — a
// User-Agent naming the app, a conditional request (ETag / Last-Modified of the last check), a
// timeout, a few retries with growing pauses, one request at a time per host — then read by the
// same reader an upload uses and compared with the record as `npm run import` does. A failure
// (the name not found, the connection refused, no answer in time, an HTTP error, a page whose
// layout the reader no longer knows) is a RefreshError naming the address and what happened;
// nothing is written to the record by a check. Every check is noted (refresh_checks), so the
// freshness board can say what was found and the next request can be conditional.
import type { Db } from '../db';
import type { RefreshChecksTable } from '../db/schema';
import { LoadError } from '../text/errors';
import { quote } from '../text/query';
import { WriteError } from '../record/participation';
import * as imports from './imports';
import { FORMATS, isFormat, sniff, type Format } from './readers';

/** What is refreshed: an instrument, its status page and the reader of its format. */
export interface Target {
	instrument: string;
	title: string;
	url: string;
	format: Format;
}

/** A check that could not be made, naming the address and what happened. */
export class RefreshError extends Error {
	constructor(
		readonly url: string | null,
		readonly reason: string
	) {
		super(url ? `${url}: ${reason}` : reason);
		this.name = 'RefreshError';
	}
}

/** How a page is fetched. `fetch` and `sleep` are the real ones but for tests that slow nothing down. */
export interface FetchOptions {
	timeoutMs: number;
	/** Attempts after the first, for a failure that may pass (no answer, a 5xx, a 429). */
	retries: number;
	/** The first pause between attempts; each next one is twice as long. */
	backoffMs: number;
	userAgent: string;
	validators?: { etag: string | null; lastModified: string | null } | null;
	sleep?: (ms: number) => Promise<void>;
}

export const DEFAULTS: Omit<FetchOptions, 'userAgent'> = { timeoutMs: 30_000, retries: 2, backoffMs: 2_000 };

/** The app as it names itself to the servers it asks, with the address of this deployment when it has one. */
export function userAgent(origin: string | null): string {
	return `TreatyTracker/1.0 (status-page refresh${origin ? `; +${origin}` : ''})`;
}

export type Fetched =
	| { status: 200; text: string; etag: string | null; lastModified: string | null; httpStatus: number }
	| { status: 304; httpStatus: 304 };

/** Requests in flight or waiting, per host: one at a time to each. */
const hosts = new Map<string, Promise<unknown>>();

function oneAtATime<T>(url: string, fn: () => Promise<T>): Promise<T> {
	const host = new URL(url).host;
	const before = hosts.get(host) ?? Promise.resolve();
	const mine = before.then(fn, fn);
	const settled = mine.then(
		() => undefined,
		() => undefined
	);
	hosts.set(host, settled);
	settled.then(() => {
		if (hosts.get(host) === settled) hosts.delete(host);
	});
	return mine;
}

/** Why a fetch failed, in words: the cause's code where Node gives one. */
function networkReason(e: unknown, timeoutMs: number): string {
	const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
	if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `no answer within ${Math.round(timeoutMs / 100) / 10} s`;
	const code = err?.cause?.code;
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be found (DNS)';
	if (code === 'ECONNREFUSED') return 'the connection was refused';
	if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was closed before an answer';
	if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return `no answer within ${Math.round(timeoutMs / 100) / 10} s`;
	return err?.cause?.message ?? err?.message ?? String(e);
}

class Retryable extends Error {
	constructor(
		message: string,
		readonly waitMs: number | null = null
	) {
		super(message);
	}
}

/**
 * The page at `url`, or 304 when it has not changed since the validators given. Retries what may
 * pass; an HTTP 4xx (but 429) fails at once. Throws RefreshError.
 */
export function fetchPage(url: string, opts: FetchOptions): Promise<Fetched> {
	const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
	return oneAtATime(url, async () => {
		let last = '';
		for (let attempt = 0; attempt <= opts.retries; attempt++) {
			if (attempt > 0) await sleep(opts.backoffMs * 2 ** (attempt - 1));
			try {
				return await once(url, opts);
			} catch (e) {
				if (e instanceof RefreshError) throw e;
				if (!(e instanceof Retryable)) last = networkReason(e, opts.timeoutMs);
				else {
					last = e.message;
					if (e.waitMs !== null && attempt < opts.retries) await sleep(Math.min(e.waitMs, 60_000));
				}
			}
		}
		throw new RefreshError(url, `${last}${opts.retries ? ` (${opts.retries + 1} attempts)` : ''}`);
	});
}

async function once(url: string, opts: FetchOptions): Promise<Fetched> {
	const headers: Record<string, string> = { 'user-agent': opts.userAgent, accept: 'text/html,application/xhtml+xml,text/csv;q=0.9,*/*;q=0.5' };
	if (opts.validators?.etag) headers['if-none-match'] = opts.validators.etag;
	if (opts.validators?.lastModified) headers['if-modified-since'] = opts.validators.lastModified;
	// one deadline for the headers and the body
	const res = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(opts.timeoutMs) });
	if (res.status === 304) return { status: 304, httpStatus: 304 };
	const status = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
	if (res.status === 429 || res.status >= 500) {
		const after = Number(res.headers.get('retry-after'));
		await res.body?.cancel();
		throw new Retryable(status, Number.isFinite(after) && after > 0 ? after * 1000 : null);
	}
	if (!res.ok) {
		await res.body?.cancel();
		throw new RefreshError(url, status);
	}
	return { status: 200, text: await res.text(), etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified'), httpStatus: res.status };
}

/** The instruments with a status page, or the one asked for (with another address: a mirror, a saved copy). */
export async function targets(db: Db, opts: { instrument?: string; url?: string; format?: string }): Promise<Target[]> {
	let q = db.selectFrom('instruments').select(['slug', 'short_title', 'status_page_url', 'status_page_format']).orderBy('sort_order').orderBy('slug');
	if (opts.instrument) q = q.where('slug', '=', opts.instrument);
	const rows = await q.execute();
	if (opts.instrument && !rows.length) throw new RefreshError(null, `there is no instrument "${quote(opts.instrument)}"`);
	if (opts.url !== undefined) {
		if (!opts.instrument) throw new RefreshError(null, '--url reads one instrument\'s page: give --instrument too');
		let u: URL;
		try {
			u = new URL(opts.url);
		} catch {
			throw new RefreshError(null, `"${quote(opts.url)}" is not an address (http://… or https://…)`);
		}
		if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new RefreshError(null, `"${quote(opts.url)}" is not an http or https address`);
	}
	if (opts.format !== undefined && !isFormat(opts.format)) throw new RefreshError(null, `--format "${quote(opts.format)}" is not one of ${FORMATS.join(', ')}`);
	const out: Target[] = [];
	for (const r of rows) {
		const url = opts.url ?? r.status_page_url;
		const format = (opts.format ?? r.status_page_format) as Format | null;
		if (!url || !format) {
			if (opts.instrument) throw new RefreshError(null, `${r.slug} has no status page the app can read (data/instruments.json, status_page): give --url and --format`);
			continue;
		}
		out.push({ instrument: r.slug, title: r.short_title, url, format });
	}
	return out;
}

export type Outcome = RefreshChecksTable['outcome'];

export type Checked =
	| { outcome: 'not-modified'; target: Target; since: string | null }
	| { outcome: 'changes' | 'no-change'; target: Target; preview: imports.Preview; text: string; fetched: Extract<Fetched, { status: 200 }> };

/** The validators of the last check of `url` that read the page, for a conditional request. */
async function validators(db: Db, url: string) {
	const row = await db
		.selectFrom('refresh_checks')
		.select(['etag', 'last_modified', 'checked_at'])
		.where('url', '=', url)
		.where('outcome', 'in', ['changes', 'no-change'])
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row ? { etag: row.etag, lastModified: row.last_modified, checkedAt: row.checked_at } : null;
}

/**
 * Fetches a target's page (conditionally) and compares it with the record; writes nothing to
 * the record. A page the reader does not recognise, or cannot read, is a RefreshError.
 */
export async function check(db: Db, target: Target, opts: FetchOptions & { conditional?: boolean }): Promise<Checked> {
	const known = opts.conditional === false ? null : await validators(db, target.url);
	const fetched = await fetchPage(target.url, { ...opts, validators: known });
	if (fetched.status === 304) return { outcome: 'not-modified', target, since: known?.checkedAt ?? null };
	if (sniff(target.url, fetched.text) !== target.format) {
		throw new RefreshError(target.url, `the page is not a ${imports.FORMAT_NAMES[target.format]} as the app knows it: its layout may have changed (nothing was read)`);
	}
	try {
		const preview = await imports.preview(db, { instrument: target.instrument, file: target.url, text: fetched.text, format: target.format, origin: target.url });
		const planned = imports.writes(preview.diff).length;
		return { outcome: planned || !preview.sourceKnown ? 'changes' : 'no-change', target, preview, text: fetched.text, fetched };
	} catch (e) {
		if (e instanceof LoadError || e instanceof imports.ImportError || e instanceof imports.UnmatchedNames || e instanceof WriteError) {
			throw new RefreshError(target.url, `the page could not be read: ${e.message}`);
		}
		throw e;
	}
}

/** The counts a check found, as the board shows them. */
export function countsOf(p: imports.Preview) {
	const older = p.diff.changed.filter((c) => c.olderThanRecord).length;
	return { added: p.diff.added.length, changed: p.diff.changed.length - older, absent: p.diff.absent.length, unchanged: p.diff.unchanged };
}

/** Notes a check (the board reads them; the next request is conditional on the last one that read the page). */
export async function note(
	db: Db,
	row: { target: Target; by: 'schedule' | 'command'; outcome: Outcome; message: string; checked?: Checked; fileId?: number | null; now?: Date }
): Promise<void> {
	const read = row.checked && row.checked.outcome !== 'not-modified' ? row.checked : null;
	await db
		.insertInto('refresh_checks')
		.values({
			instrument_slug: row.target.instrument,
			url: row.target.url,
			checked_at: (row.now ?? new Date()).toISOString(),
			by: row.by,
			outcome: row.outcome,
			http_status: read ? read.fetched.httpStatus : row.outcome === 'not-modified' ? 304 : null,
			etag: read?.fetched.etag ?? null,
			last_modified: read?.fetched.lastModified ?? null,
			message: row.message,
			file_id: row.fileId ?? null,
			counts: read ? JSON.stringify(countsOf(read.preview)) : null
		})
		.execute();
}

/** The newest check of each instrument, for the freshness board. */
export async function latest(db: Db) {
	const rows = await db.selectFrom('refresh_checks').selectAll().orderBy('id', 'desc').execute();
	const out = new Map<string, (typeof rows)[number]>();
	for (const r of rows) if (!out.has(r.instrument_slug)) out.set(r.instrument_slug, r);
	return out;
}
