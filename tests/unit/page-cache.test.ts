// The public answers' cache: what the built server sends without SvelteKit (readyAnswer), by
// the state of the database, the request's validators and the encodings it accepts.
import { beforeAll, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import * as pageCache from '../../src/lib/server/http/page-cache';
import * as participation from '../../src/lib/server/record/participation';
import * as questionnaire from '../../src/lib/server/reviews/questionnaire';
import * as reviews from '../../src/lib/server/reviews/reviews';
import type { Db } from '../../src/lib/server/db';
import { freshDb, aDrawnReviewer } from './db';

function asked(url: string, headers: Record<string, string> = {}): pageCache.Asked {
	const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
	return { method: 'GET', url, header: (name) => lower[name] ?? null };
}

/** A page of `n` bytes of real-looking HTML. */
function page(n: number): string {
	const row = '<tr><td>Colombia</td><td>4 Aug 2004</td><td>ratification</td></tr>\n';
	return `<!doctype html><table>${row.repeat(Math.ceil(n / row.length))}</table>`.slice(0, n);
}

/** A real write to the record: a note on Colombia's UNTOC ratification. */
function aCorrection(db: Db, note: string) {
	return participation.correct(db, {
		act: { instrument: 'untoc', participant: 'COL', kind: 'consent', seq: 1 },
		changes: { note },
		source: 'untc-xviii-12-2014',
		reason: 'a page-cache test',
		actor: 'test'
	});
}

/** Renders `body` for `url` into the cache, as the hook does on a miss (it follows the database first). */
async function render(cache: pageCache.PageCache, url: string, body: string, type = 'text/html', headers: Record<string, string> = {}) {
	const a = asked(url, headers);
	const sent = await cache.answer(a, async () => new Response(body, { headers: { 'content-type': type } }));
	return { etag: sent.headers.get('etag')!, sent };
}

describe('encodingFor', () => {
	it('prefers brotli, then gzip, and honours q=0', () => {
		expect(pageCache.encodingFor('gzip, deflate, br')).toBe('br');
		expect(pageCache.encodingFor('gzip')).toBe('gzip');
		expect(pageCache.encodingFor('br;q=0, gzip;q=0.5')).toBe('gzip');
		expect(pageCache.encodingFor('br; q=0.0')).toBe('identity');
		expect(pageCache.encodingFor('identity')).toBe('identity');
		expect(pageCache.encodingFor(null)).toBe('identity');
	});

	it('follows the q-values before its own preference, and takes * as anything', () => {
		expect(pageCache.encodingFor('gzip;q=0.5, br;q=0.4')).toBe('gzip');
		expect(pageCache.encodingFor('*')).toBe('br');
		expect(pageCache.encodingFor('deflate')).toBe('identity');
	});
});

describe('the store', () => {
	/** A PDF of `n` bytes (not compressed: one size in the store). */
	const pdf = (n: number) => '%PDF-1.4 ' + 'x'.repeat(n - 9);

	it('keeps the most recently used answers within its bytes, and none too large to keep', async () => {
		const db = await freshDb();
		const cache = new pageCache.PageCache(db, { entries: 400, bytes: 64 * 1024 });
		const url = (i: number) => `/sources/untc-xviii-12-2014/file?copy=${i}`;
		for (let i = 0; i < 8; i++) await render(cache, url(i), pdf(6 * 1024), 'application/pdf');
		// the first is asked for again: the second is now the least recently used
		expect(cache.readyAnswer(asked(url(0)))).not.toBeNull();
		for (let i = 8; i < 12; i++) await render(cache, url(i), pdf(6 * 1024), 'application/pdf');
		expect(cache.size().bytes).toBeLessThanOrEqual(64 * 1024);
		expect(cache.size().entries).toBe(10);
		expect(cache.readyAnswer(asked(url(0)))).not.toBeNull();
		expect(cache.readyAnswer(asked(url(1)))).toBeNull();
		expect(cache.readyAnswer(asked(url(2)))).toBeNull();
		expect(cache.readyAnswer(asked(url(11)))).not.toBeNull();
		// over an eighth of the store: sent, never kept
		const { sent } = await render(cache, '/sources/untc-xviii-12-2014/file', pdf(9 * 1024), 'application/pdf');
		expect((await sent.arrayBuffer()).byteLength).toBe(9 * 1024);
		expect(cache.readyAnswer(asked('/sources/untc-xviii-12-2014/file'))).toBeNull();
	});

	it('counts an answer’s compressed copies in its bytes as they are made', async () => {
		const db = await freshDb();
		const cache = new pageCache.PageCache(db);
		const html = page(50_000);
		const { etag } = await render(cache, '/instruments/untoc', html);
		expect(cache.size()).toEqual({ entries: 1, bytes: 50_000 });
		const br = await cache.get(etag, 'br');
		const compressed = (await br!.arrayBuffer()).byteLength;
		expect(cache.size()).toEqual({ entries: 1, bytes: 50_000 + compressed });
	});
});

describe('readyAnswer', () => {
	let db: Db;
	let cache: pageCache.PageCache;
	beforeAll(async () => {
		db = await freshDb();
		cache = new pageCache.PageCache(db);
	});

	it('has nothing before a render, then the stored bytes, compressed once the way the request accepts', async () => {
		const url = '/instruments/untoc?asOf=2008-06-03';
		const html = page(20_000);
		expect(cache.readyAnswer(asked(url, { 'accept-encoding': 'br' }))).toBeNull();
		const { etag, sent } = await render(cache, url, html, 'text/html', { 'accept-encoding': 'br' });
		expect(sent.headers.get('content-encoding')).toBe('br');
		expect(brotliDecompressSync(await sent.arrayBuffer()).toString()).toBe(html);

		const br = cache.readyAnswer(asked(url, { 'accept-encoding': 'gzip, deflate, br' }))!;
		expect(br.status).toBe(200);
		expect(br.headers.etag).toBe(etag);
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers.vary).toContain('Accept-Encoding');
		expect(br.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
		expect(Number(br.headers['content-length'])).toBe(br.body!.length);
		expect(br.body!.length).toBeLessThan(html.length / 5);
		expect(brotliDecompressSync(br.body!).toString()).toBe(html);

		// gzip is made when first asked for (through SvelteKit), then ready for the door
		expect(cache.readyAnswer(asked(url, { 'accept-encoding': 'gzip' }))).toBeNull();
		const gz = await cache.get(etag, 'gzip');
		expect(gunzipSync(Buffer.from(await gz!.arrayBuffer())).toString()).toBe(html);
		expect(gunzipSync(cache.readyAnswer(asked(url, { 'accept-encoding': 'gzip' }))!.body!).toString()).toBe(html);
		// and a client that accepts neither gets the bytes as they are
		const plain = cache.readyAnswer(asked(url))!;
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(Buffer.from(plain.body!).toString()).toBe(html);
	});

	it('answers 304 to a matching If-None-Match, without the content’s headers', async () => {
		const { etag } = await render(cache, '/map/trafficking-protocol', page(5_000));
		const held = cache.readyAnswer(asked('/map/trafficking-protocol', { 'if-none-match': `"x", ${etag}` }))!;
		expect(held.status).toBe(304);
		expect(held.body).toBeNull();
		expect(held.headers.etag).toBe(etag);
		expect(held.headers['content-type']).toBeUndefined();
		expect(cache.readyAnswer(asked('/map/trafficking-protocol', { 'if-none-match': '"x"' }))!.status).toBe(200);
	});

	it('keeps small answers and other types as they are', async () => {
		await render(cache, '/api/v1/participants/BEL', '{"code":"BEL"}', 'application/json');
		const small = cache.readyAnswer(asked('/api/v1/participants/BEL', { 'accept-encoding': 'br' }))!;
		expect(small.headers['content-encoding']).toBeUndefined();
		expect(Buffer.from(small.body!).toString()).toBe('{"code":"BEL"}');
		await render(cache, '/sources/x/file', '%PDF-1.4 ' + 'x'.repeat(5000), 'application/pdf');
		expect(cache.readyAnswer(asked('/sources/x/file', { 'accept-encoding': 'br' }))!.headers['content-encoding']).toBeUndefined();
	});

	it('tells a page from its data, and leaves private requests and the health check to the app', async () => {
		await render(cache, '/participants/BEL', page(3_000));
		expect(cache.readyAnswer(asked('/participants/BEL/__data.json'))).toBeNull();
		expect(cache.readyAnswer(asked('/participants/BEL', { cookie: 'session=abc' }))).toBeNull();
		expect(cache.readyAnswer(asked('/participants/BEL', { authorization: 'Bearer abc' }))).toBeNull();
		expect(cache.readyAnswer({ ...asked('/participants/BEL'), method: 'POST' })).toBeNull();
		expect(pageCache.isPublic(asked('/healthz'))).toBe(false);
		// the Accept header decides between a page and an endpoint of the same address
		expect(cache.readyAnswer(asked('/participants/BEL', { accept: 'text/html' }))).toBeNull();
	});

	it('forgets every answer when the record changes', async () => {
		const { etag } = await render(cache, '/', page(8_000));
		expect(cache.readyAnswer(asked('/'))).not.toBeNull();
		await aCorrection(db, 'checked against the depositary');
		expect(cache.readyAnswer(asked('/'))).toBeNull();
		expect(cache.readyAnswer(asked('/', { 'if-none-match': etag }))).toBeNull();
		expect(cache.validate(asked('/')).etag).not.toBe(etag);
	});

	it('is not forgotten when a focal point saves a draft answer, only when the public can see a change', async () => {
		const { etag } = await render(cache, '/reviews', page(4_000));
		const secretariat = { actor: { label: 'a test', userId: null, role: 'secretariat', address: null }, id: null, role: 'secretariat' as const, participant: null };
		// Pakistan drawn to review India (a scenario, not a draw: the draw has its own tests)
		await aDrawnReviewer(db, { state: 'IND', reviewer: 'PAK' });
		const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: null, states: ['IND'], on: '2020-10-12', actor: secretariat.actor });
		// the launch shows on the public dashboard
		expect(cache.readyAnswer(asked('/reviews'))).toBeNull();
		const launched = await render(cache, '/reviews', page(4_000));
		expect(launched.etag).not.toBe(etag);
		const review = (await reviews.get(db, id))!;
		const item = review.items[0];
		await questionnaire.saveAnswer(db, review, secretariat, { instrument: item.instrument, article: item.article, text: 'A draft answer.', status: null, legislation: [], basedOn: review.version });
		expect(cache.readyAnswer(asked('/reviews'))!.headers.etag).toBe(launched.etag);
	});

	it('renders an answer once however many ask for it at the same time', async () => {
		let renders = 0;
		const html = page(6_000);
		const render = async () => {
			renders++;
			await new Promise((r) => setTimeout(r, 30));
			return new Response(html, { headers: { 'content-type': 'text/html' } });
		};
		const sent = await Promise.all(Array.from({ length: 12 }, () => cache.answer(asked('/instruments/cets-197', { 'accept-encoding': 'gzip' }), render)));
		expect(renders).toBe(1);
		for (const r of sent) expect(gunzipSync(Buffer.from(await r.arrayBuffer())).toString()).toBe(html);
	});

	it('after a write, answers what it had while the new answer is rendered; whoever renders gets the new one', async () => {
		const url = '/instruments/ilo-c189';
		const before = page(5_000);
		await cache.answer(asked(url), async () => new Response(before, { headers: { 'content-type': 'text/html' } }));
		const old = cache.readyAnswer(asked(url))!;
		await aCorrection(db, 'checked again');
		const after = before.replace(/Colombia/g, 'Colombie');
		let release = () => {};
		let started = () => {};
		const begun = new Promise<void>((r) => (started = r));
		const rendering = cache.answer(asked(url), async () => {
			started();
			await new Promise<void>((r) => (release = r));
			return new Response(after, { headers: { 'content-type': 'text/html' } });
		});
		// the cache has taken the write in and begun the new answer
		await begun;
		// meanwhile: the answer from before, with its own ETag, from either door
		const meanwhile = cache.readyAnswer(asked(url))!;
		expect(Buffer.from(meanwhile.body!).toString()).toBe(before);
		expect(meanwhile.headers.etag).toBe(old.headers.etag);
		expect(await (await cache.answer(asked(url), async () => new Response('not this'))).text()).toBe(before);
		release();
		expect(await (await rendering).text()).toBe(after);
		expect(Buffer.from(cache.readyAnswer(asked(url))!.body!).toString()).toBe(after);
		expect(cache.readyAnswer(asked(url))!.headers.etag).not.toBe(old.headers.etag);
	});
});