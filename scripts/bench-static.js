// The benchmark's yardstick: a plain Node HTTP server that sends, for each path, the very bytes
// (already compressed) and headers the app sent — the most this machine serves at that size.
// Started by bench-http.js with fork(); it receives the answers, then reports its port.
import http from 'node:http';

process.once('message', (/** @type {{ answers: { path: string, status: number, headers: Record<string, string>, body: string }[] }} */ msg) => {
	const answers = new Map(msg.answers.map((a) => [a.path, { ...a, body: Buffer.from(a.body, 'base64') }]));
	const server = http.createServer((req, res) => {
		const a = answers.get(req.url ?? '');
		if (!a) {
			res.writeHead(404).end();
			return;
		}
		res.writeHead(a.status, { ...a.headers, 'content-length': a.body.length });
		res.end(a.body);
	});
	server.listen(0, '127.0.0.1', () => process.send?.({ port: /** @type {import('node:net').AddressInfo} */ (server.address()).port }));
	process.once('disconnect', () => process.exit(0));
});
