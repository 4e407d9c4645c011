// Serves the built app (npm start): SvelteKit's adapter-node handler behind gzip/brotli
// compression — the HTML of a map page is ~220 KB raw, ~45 KB compressed.
// Links the app writes (Atom feeds, SVG credits, og:url) need the page's origin. Without
// ORIGIN, adapter-node assumes https; this server itself only speaks http, so unless a proxy
// is configured (ORIGIN or PROTOCOL_HEADER) it says so. Behind a TLS proxy, set ORIGIN.
import http from 'node:http';
import compression from 'compression';

const OWN_PROTOCOL_HEADER = 'x-treaty-tracker-protocol';
const proxied = Boolean(process.env.ORIGIN || process.env.PROTOCOL_HEADER);
if (!proxied) process.env.PROTOCOL_HEADER = OWN_PROTOCOL_HEADER;

// Uploads are refused with a message naming the file above 2 MB for imports (import-files.ts)
// and 5 MB for a review's evidence (review/reviews.ts); the request itself is a little larger
// than the file (the form around it). Anything above this is refused by the adapter before it
// is read (413).
process.env.BODY_SIZE_LIMIT ??= '6M';

// The handler reads the environment when it is imported, so import it after setting it.
const { handler } = await import('../build/handler.js');
const compress = compression();

const server = http.createServer((req, res) => {
	// Overwrite whatever a client sent: the connection to this server is plain http.
	if (!proxied) req.headers[OWN_PROTOCOL_HEADER] = 'http';
	compress(req, res, () => handler(req, res));
});

const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT || 3000);
server.listen(port, host, () => console.log(`Listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`));

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		server.close(() => process.exit(0));
		setTimeout(() => process.exit(0), 5000).unref();
	});
}
