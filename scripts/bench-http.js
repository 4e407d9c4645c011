// The HTTP half of `npm run bench`: the built app on loopback with a database of its own, under
// autocannon at 10 and 100 connections, beside a plain Node server sending the very same bytes
// (bench-static.js) — the most this machine serves at that size and encoding. Prints one
// markdown table of requests per second and latencies with the ratio to the static rate, the
// bytes each kind of page transfers with its JavaScript (in Chromium), and the server's memory.
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfNeeded, scratchDatabase, scratchPostgres, startServer } from './server-process.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What a browser asks for, compressed as a browser accepts it. */
export const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };
export const HTML = { ...BROWSER, accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** Every kind of public answer: pages, then the API, the SVG map and an export. */
export const TARGETS = [
	{ name: 'home page', path: '/', page: true },
	{ name: 'instrument page (UNTOC)', path: '/instruments/untoc', page: true },
	{ name: 'map page (Trafficking Protocol)', path: '/map/trafficking-protocol', page: true },
	{ name: 'participant page (Belgium)', path: '/participants/BEL', page: true },
	{ name: 'parity page (Belgium, Finland, Argentina)', path: '/compare?codes=BEL,FIN,ARG', page: true },
	{ name: 'non-parties page (Trafficking Protocol)', path: '/instruments/trafficking-protocol/non-parties', page: true },
	{ name: 'embedded map (Trafficking Protocol)', path: '/embed/map/trafficking-protocol', page: true },
	{ name: 'API: instruments', path: '/api/v1/instruments' },
	{ name: 'API: instrument (UNTOC)', path: '/api/v1/instruments/untoc' },
	{ name: 'API: participant (Belgium)', path: '/api/v1/participants/BEL' },
	{ name: 'API: non-parties (Trafficking Protocol)', path: '/api/v1/instruments/trafficking-protocol/non-parties' },
	{ name: 'API: compare', path: '/api/v1/compare?codes=BEL,FIN,ARG' },
	{ name: 'SVG map (Trafficking Protocol)', path: '/map/trafficking-protocol.svg' },
	{ name: 'CSV export (UNTOC)', path: '/instruments/untoc/export.csv' }
];

/** @param {string} url @param {Record<string, string>} headers */
function rawGet(url, headers) {
	return new Promise((resolve, reject) => {
		http
			.get(url, { headers }, (res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
			})
			.on('error', reject);
	});
}

/**
 * autocannon's run, as the tables print it; `requests` to vary what is asked (a mix, a new query each time).
 * @param {{ url: string, connections: number, seconds: number, headers?: Record<string, string>, requests?: object[] }} o
 */
export async function cannon(o) {
	const r = await autocannon({ url: o.url, connections: o.connections, duration: o.seconds, headers: o.headers, ...(o.requests ? { requests: o.requests } : {}) });
	return { rate: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, total: r.requests.total };
}

/** The yardstick server, loaded with the app's answers. */
async function staticServer(answers) {
	const child = fork(join(root, 'scripts/bench-static.js'), { stdio: 'ignore' });
	child.send({ answers });
	const port = await new Promise((resolve) => child.once('message', (m) => resolve(/** @type {{ port: number }} */ (m).port)));
	return { base: `http://127.0.0.1:${port}`, stop: () => child.disconnect() };
}

/** @param {number} pid resident memory in MiB (Linux) */
export function rssOf(pid) {
	try {
		const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return kb ? Math.round(Number(kb) / 1024) : null;
	} catch {
		return null;
	}
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => (n < 10 ? n.toFixed(1) : n.toFixed(0));

/**
 * A database of its own for the bench: a SQLite file, or — given `postgres`, an address whose
 * role may create databases — a new PostgreSQL database, dropped afterwards.
 * @param {string | null} postgres
 * @returns {Promise<{ database: string, label: string, remove: () => Promise<void> }>}
 */
export async function benchDatabase(postgres) {
	if (!postgres) {
		const scratch = scratchDatabase('bench');
		return { database: scratch.file, label: 'SQLite', remove: async () => scratch.remove() };
	}
	const scratch = await scratchPostgres(postgres, `tt_bench_${process.pid}`);
	return { database: scratch.url, label: `PostgreSQL ${scratch.version}`, remove: scratch.remove };
}

/**
 * @param {{ seconds: number, connections: number[], print: (line: string) => void, chromium: string | null, postgres?: string | null }} opts
 */
export async function benchHttp(opts) {
	const { print } = opts;
	buildIfNeeded();
	const scratch = await benchDatabase(opts.postgres ?? null);
	const server = await startServer({ database: scratch.database });
	const pid = /** @type {number} */ (server.child.pid);
	const memory = { started: rssOf(pid), loaded: null, idle: null };
	try {
		// The answers, as a browser gets them; each must be a 200 or the table would lie.
		const answers = [];
		for (const t of TARGETS) {
			const headers = t.page ? HTML : BROWSER;
			const first = await rawGet(server.base + t.path, headers);
			if (first.status !== 200) throw new Error(`${t.path} answered ${first.status}, not 200`);
			const again = await rawGet(server.base + t.path, { ...headers, 'if-none-match': String(first.headers.etag) });
			const keep = ['content-type', 'content-encoding', 'vary', 'cache-control', 'etag', 'last-modified'];
			answers.push({
				...t,
				headers,
				bytes: first.body.length,
				encoding: first.headers['content-encoding'] ?? 'identity',
				repeated: again.status,
				answer: { path: t.path, status: 200, headers: Object.fromEntries(keep.filter((k) => first.headers[k]).map((k) => [k, String(first.headers[k])])), body: first.body.toString('base64') }
			});
		}
		const yardstick = await staticServer(answers.map((a) => a.answer));
		const rows = [];
		try {
			for (const a of answers) {
				const row = { ...a, runs: {} };
				for (const c of opts.connections) {
					const app = await cannon({ url: server.base + a.path, connections: c, seconds: opts.seconds, headers: a.headers });
					const still = await cannon({ url: yardstick.base + a.path, connections: c, seconds: opts.seconds, headers: a.headers });
					row.runs[c] = { app, still };
				}
				// As a signed-in person gets it: rendered every time (a cookie bypasses the page cache).
				row.rendered = await cannon({ url: server.base + a.path, connections: opts.connections[0], seconds: opts.seconds, headers: { ...a.headers, cookie: 'bench=rendered' } });
				rows.push(row);
				process.stderr.write('.');
			}
			process.stderr.write('\n');
		} finally {
			yardstick.stop();
		}
		memory.loaded = rssOf(pid);
		await new Promise((r) => setTimeout(r, 5000));
		memory.idle = rssOf(pid);

		const [low, high] = opts.connections;
		print(`\n### HTTP on loopback, ${scratch.label}: requests/s (ratio to the same bytes from a static Node server), latency p50/p99 in ms, ${opts.seconds} s per run\n`);
		print(`| answer | size sent | repeated | ${low} conn: req/s (static) | ratio | p50 / p99 | ${high} conn: req/s (static) | ratio | p50 / p99 | rendered each time, ${low} conn: req/s | p99 |`);
		print('|---|---|---|---|---|---|---|---|---|---|---|');
		const problems = [];
		for (const r of rows) {
			const cells = [];
			for (const c of [low, high]) {
				const { app, still } = r.runs[c];
				cells.push(`${app.rate.toFixed(0)} (${still.rate.toFixed(0)})`, `${((app.rate / still.rate) * 100).toFixed(0)}%`, `${ms(app.p50)} / ${ms(app.p99)}`);
				if (app.errors || app.non2xx) problems.push(`${r.path} at ${c} connections: ${app.errors} errors, ${app.non2xx} non-2xx answers`);
			}
			if (r.rendered.errors || r.rendered.non2xx) problems.push(`${r.path} rendered: ${r.rendered.errors} errors, ${r.rendered.non2xx} non-2xx answers`);
			print(`| ${r.name} \`${r.path}\` | ${kb(r.bytes)} ${r.encoding} | ${r.repeated} | ${cells.join(' | ')} | ${r.rendered.rate.toFixed(0)} | ${ms(r.rendered.p99)} |`);
		}
		print(`\nserver memory (resident): ${memory.started} MiB at start, ${memory.loaded} MiB after the runs, ${memory.idle} MiB idle 5 s later`);
		for (const p of problems) print(`PROBLEM: ${p}`);

		if (opts.chromium) await pageWeight(server.base, opts.chromium, print);
		else print('\npage weight: skipped (no Chromium; set CHROMIUM_PATH)');
		return { problems };
	} finally {
		await server.stop();
		await scratch.remove();
	}
}

/** Bytes each kind of page transfers on a first visit in Chromium, and how much of it is JavaScript. */
async function pageWeight(base, executablePath, print) {
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
	try {
		print('\n### Page weight: bytes transferred on a first visit (compressed, headers included), Chromium\n');
		print('| page | total | HTML | JavaScript (files) | CSS | other | DOM nodes |');
		print('|---|---|---|---|---|---|---|');
		for (const t of TARGETS.filter((t) => t.page)) {
			const context = await browser.newContext();
			const page = await context.newPage();
			const responses = [];
			page.on('requestfinished', (req) => responses.push(req));
			await page.goto(base + t.path, { waitUntil: 'networkidle' });
			const sum = { document: 0, script: 0, stylesheet: 0, other: 0 };
			let scripts = 0;
			for (const req of responses) {
				const s = await req.sizes();
				const type = req.resourceType();
				const key = type in sum ? type : 'other';
				sum[key] += s.responseBodySize + s.responseHeadersSize;
				if (type === 'script') scripts++;
			}
			const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
			const total = sum.document + sum.script + sum.stylesheet + sum.other;
			print(`| ${t.name} | ${kb(total)} | ${kb(sum.document)} | ${kb(sum.script)} (${scripts}) | ${kb(sum.stylesheet)} | ${kb(sum.other)} | ${nodes.toLocaleString('en')} |`);
			await context.close();
		}
	} finally {
		await browser.close();
	}
}

export function findChromium() {
	for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && existsSync(p)) return p;
	return null;
}
