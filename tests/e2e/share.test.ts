// Shared links show a picture: with ORIGIN configured, the map, instrument, non-parties and State
// pages name an absolute og:image, a 1200 × 630 PNG drawn on the server, answered from the page
// cache once drawn. A server of its own, started with ORIGIN (the shared e2e server has none).
import { expect, test } from '@playwright/test';
import { scratchDatabase, startServer } from '../../scripts/server-process.js';

/** Width and height from a PNG's IHDR chunk, and whether its signature is a PNG's. */
function pngSize(bytes: Uint8Array) {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const signature = [...bytes.subarray(0, 8)].join(',') === '137,80,78,71,13,10,26,10';
	return { signature, width: view.getUint32(16), height: view.getUint32(20) };
}

const meta = (html: string, key: string) => html.match(new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`))?.[1] ?? null;

test('each shared page names its picture with an absolute address; each picture is a 1200 × 630 PNG, cached', async () => {
	test.setTimeout(180_000);
	const scratch = scratchDatabase('share');
	const server = await startServer({ database: scratch.file });
	const base = server.base;
	try {
		const pages = [
			{ path: '/participants/IND', image: `${base}/participants/IND.png` },
			{ path: '/participants/THA?asOf=2015-01-01', image: `${base}/participants/THA.png?asOf=2015-01-01` },
			{ path: '/instruments/trafficking-protocol', image: `${base}/map/trafficking-protocol.png` },
			{ path: '/instruments/trafficking-protocol/non-parties?region=africa', image: `${base}/map/trafficking-protocol.png?highlight=not-joined&group=africa` },
			{ path: '/map/trafficking-protocol?asOf=2008-06-03&highlight=not-joined', image: `${base}/map/trafficking-protocol.png?asOf=2008-06-03&highlight=not-joined` }
		];
		for (const p of pages) {
			const html = await (await fetch(base + p.path)).text();
			expect(meta(html, 'og:image')?.replaceAll('&amp;', '&'), p.path).toBe(p.image);
			expect(meta(html, 'og:image:width'), p.path).toBe('1200');
			expect(meta(html, 'twitter:card'), p.path).toBe('summary_large_image');
			const res = await fetch(p.image);
			expect(res.status, p.image).toBe(200);
			expect(res.headers.get('content-type')).toBe('image/png');
			expect(pngSize(new Uint8Array(await res.arrayBuffer())), p.image).toEqual({ signature: true, width: 1200, height: 630 });
			// Drawn once per state of the record: asked again with its ETag, a 304 without drawing.
			const again = await fetch(p.image, { headers: { 'if-none-match': res.headers.get('etag')! } });
			expect(again.status, p.image).toBe(304);
		}
		expect((await fetch(`${base}/participants/ZZZ.png`)).status).toBe(404);
		expect((await fetch(`${base}/map/trafficking-protocol.png?highlight=loud`)).status).toBe(400);
	} finally {
		await server.stop();
		scratch.remove();
	}
});
