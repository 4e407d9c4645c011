// Serves the built app (npm start): SvelteKit's adapter-node handler behind gzip/brotli
// compression — the HTML of a map page is ~220 KB raw, ~45 KB compressed.
// Links the app writes (Atom feeds, SVG credits, og:url) need the page's origin. Without
// ORIGIN, adapter-node assumes https; this server itself only speaks http, so unless a proxy
// is configured (ORIGIN or PROTOCOL_HEADER) it says so. Behind a TLS proxy, set ORIGIN.
//
// Logs one JSON line per request on stdout (pino; LOG_LEVEL, default info). On SIGTERM or
// SIGINT it stops accepting connections, finishes the requests in flight (at most
// SHUTDOWN_TIMEOUT seconds, default 30), then lets the app close its database and exits.
import http from 'node:http';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import compression from 'compression';
import pino from 'pino';

const OWN_PROTOCOL_HEADER = 'x-treaty-tracker-protocol';
const proxied = Boolean(process.env.ORIGIN || process.env.PROTOCOL_HEADER);
if (!proxied) process.env.PROTOCOL_HEADER = OWN_PROTOCOL_HEADER;

// Uploads are refused with a message naming the file above 2 MB for imports (import-files.ts)
// and 5 MB for a review's evidence (review/reviews.ts); the request itself is a little larger
// than the file (the form around it). Anything above this is refused by the adapter before it
// is read (413).
process.env.BODY_SIZE_LIMIT ??= '6M';

// Request lines are buffered and written in the background (a synchronous write per request
// costs a fifth of a cached answer's time): every second, or sooner when 4 KB are waiting, and
// when the server stops. A crash may lose the last second of the log, never a write to the
// database.
const logOut = pino.destination({ sync: false, minLength: 4096 });
setInterval(() => logOut.flush(), 1000).unref();
const log = pino({ level: process.env.LOG_LEVEL || 'info' }, logOut);

// The handler reads the environment when it is imported, so import it after setting it.
const { handler } = await import('../build/handler.js');
const compress = compression();

/** An invitation's token is a password until it is used: never written to a log. */
function loggedPath(url) {
	const path = (url ?? '').split('?')[0];
	return path.replace(/^\/invitation\/[^/]+/, '/invitation/…');
}

/**
 * The page cache's one door for this server (SERVE_DOOR in src/lib/server/http/page-cache.ts,
 * opened by the app when it starts): a public request whose answer is stored, already
 * compressed, is sent from here without passing through SvelteKit or the compression middleware.
 * @type {symbol}
 */
const SERVE_DOOR = Symbol.for('treaty-tracker.page-cache');
/** @param {http.IncomingMessage} req */
function readyAnswer(req) {
	/** @type {{ readyAnswer(asked: { method: string, url: string, header(name: string): string | null }): { status: number, headers: Record<string, string>, body: Uint8Array | null } | null } | undefined} */
	const door = globalThis[SERVE_DOOR];
	if (!door || req.method !== 'GET') return null;
	return door.readyAnswer({
		method: req.method,
		url: req.url ?? '/',
		header: (name) => {
			const v = req.headers[name];
			return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
		}
	});
}

let inFlight = 0;
let closing = false;

// Memory after a burst: V8 collects its old objects lazily, so after a spike of renders the
// heap stays grown with garbage (measured: ~200 MiB of heap holding ~45 MiB of live objects,
// 330 MiB resident). When no request has come for a moment and the heap has grown since the
// last collection, two full collections give it back (measured: after one, V8 often kept the
// emptied pages; after the second it returned them); ~50 ms each, when nobody is waiting.
const IDLE_MS = 1000;
const GROWN = 32 * 2 ** 20;
v8.setFlagsFromString('--expose-gc');
const collect = /** @type {() => void} */ (runInNewContext('gc'));
let usedAfterCollect = v8.getHeapStatistics().used_heap_size;
let lastRequest = 0;
setInterval(() => {
	if (inFlight > 0 || Date.now() - lastRequest < IDLE_MS) return;
	if (v8.getHeapStatistics().used_heap_size - usedAfterCollect < GROWN) return;
	collect();
	collect();
	usedAfterCollect = v8.getHeapStatistics().used_heap_size;
}, IDLE_MS).unref();

const server = http.createServer((req, res) => {
	// Overwrite whatever a client sent: the connection to this server is plain http.
	if (!proxied) req.headers[OWN_PROTOCOL_HEADER] = 'http';
	const started = process.hrtime.bigint();
	inFlight++;
	lastRequest = Date.now();
	if (closing) res.setHeader('connection', 'close');
	res.once('close', () => {
		inFlight--;
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		const line = { method: req.method, path: loggedPath(req.url), status: res.statusCode, ms: Math.round(ms * 10) / 10, bytes: Number(res.getHeader('content-length')) || undefined, aborted: !res.writableFinished || undefined };
		if (res.statusCode >= 500) log.error(line, 'request');
		else log.info(line, 'request');
		if (closing && inFlight === 0) server.closeIdleConnections();
	});
	const ready = readyAnswer(req);
	if (ready) {
		res.writeHead(ready.status, ready.headers);
		res.end(ready.body ?? undefined);
		return;
	}
	compress(req, res, () => handler(req, res));
});

const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT || 3000);
server.listen(port, host, () => log.info({ host, port }, `Listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`));

function shutdown(signal) {
	if (closing) return;
	closing = true;
	log.info({ signal, inFlight }, 'shutting down: finishing the requests in flight');
	// No new connections; kept-alive connections doing nothing are closed now, busy ones as
	// soon as their request is answered (above).
	server.close(() => {
		// The app closes its database on this event (src/lib/server/http/database.ts).
		process.emit('sveltekit:shutdown', signal);
		log.info('stopped');
		logOut.flushSync();
		process.exit(0);
	});
	server.closeIdleConnections();
	const timeout = Number(process.env.SHUTDOWN_TIMEOUT || 30) * 1000;
	setTimeout(() => {
		log.warn({ inFlight }, 'shutdown timeout: closing the connections still open');
		server.closeAllConnections();
	}, timeout).unref();
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => shutdown(signal));
