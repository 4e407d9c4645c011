// The "while the record is written" part of `npm run bench` (issue 22): the built app on a
// database of its own, with one editor account.
//   1. reads under writes: a mix of public answers (the home page, two instrument pages, a map, a
//      participant page and the UNTOC API) under autocannon at 10 connections, without writes,
//      then while one editor corrects the note of a UNTOC act 4 times a second through the API
//      (as a person's script does: the version read, then the correction based on it) — the
//      rate and p99 of each, and their ratio;
//   2. a tagged link: the map page asked with a new `?utm_campaign=cN` on every request (as a
//      shared campaign link arrives) against the plain address;
//   3. first renders: after a correction of a date (Colombia's UNTOC ratification, moved by a day
//      and back: it reaches every page that counts), the first public request for each kind of
//      page — the record taken in, the page rendered anew — median of 10.
// Each figure is what a person or a script would see from outside: nothing in the server is
// reached into.
import { median } from 'd3-array';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSER, HTML, cannon as autocannonRun, rssOf } from './bench-http.js';
import { benchDatabase } from './bench-http.js';
import { buildIfNeeded, signIn, startServer } from './server-process.js';
import { withVite } from './vite-load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const EDITOR = 'editor@bench.example.org';
const PASSWORD = 'bench passphrase, long enough';
const JSON_ = { ...BROWSER, accept: 'application/json' };

/** The mix a public reader asks for (issue 22's measurement). */
export const MIX = ['/', '/instruments/untoc', '/instruments/trafficking-protocol', '/map/trafficking-protocol', '/participants/BEL', '/api/v1/instruments/untoc'];

/** A page of each kind, for the first render after a write reaches it. */
export const KINDS = [
	{ name: 'instrument page (UNTOC)', path: '/instruments/untoc' },
	{ name: 'map page (UNTOC)', path: '/map/untoc' },
	{ name: 'participant page (Colombia)', path: '/participants/COL' },
	{ name: 'home page', path: '/' },
	{ name: 'non-parties page (UNTOC)', path: '/instruments/untoc/non-parties' },
	{ name: 'compare page (Colombia, India, Nigeria)', path: '/compare?codes=COL,IND,NGA' },
	{ name: 'API: instrument (UNTOC)', path: '/api/v1/instruments/untoc' }
];

const nextDay = (date) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const headersOf = (path) => (path.startsWith('/api') ? JSON_ : HTML);

/** The database: data/ seeded and one editor; the UNTOC consents the editor corrects. */
async function prepare(database) {
	return withVite(async (load) => {
		const { openDatabase } = await load('/src/lib/server/sources/open.ts');
		const users = await load('/src/lib/server/accounts/users.ts');
		const db = await openDatabase(database, { dataDir: join(root, 'data'), log: () => {} });
		try {
			await users.createUser(db, { email: EDITOR, role: 'editor', password: PASSWORD, actor: 'bench set-up' });
			return await db
				.selectFrom('current_acts')
				.select(['act_id as id', 'participant_code as participant', 'version', 'source_id as source', 'date'])
				.where('instrument_slug', '=', 'untoc')
				.where('act', '=', 'consent')
				.where('retracted', '=', 0)
				.orderBy('act_id')
				.execute();
		} finally {
			await db.destroy();
		}
	});
}

/** One correction of an act (its note, or its date) through the API, based on the version last seen. */
async function correct(base, cookie, act, changes) {
	const r = await fetch(`${base}/api/v1/acts/${act.id}/corrections`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie, origin: base },
		body: JSON.stringify({ basedOn: act.version, changes, source: act.source, reason: 'bench: reads under writes' })
	});
	const body = await r.json();
	if (body.act?.version) act.version = body.act.version;
	if (r.status !== 201) throw new Error(`a correction answered ${r.status}: ${JSON.stringify(body).slice(0, 200)}`);
}

/** Writes `perSecond` corrections a second, one after the other, until `until`; how many were made. */
async function writer(base, cookie, acts, perSecond, until) {
	let n = 0;
	const gap = 1000 / perSecond;
	while (performance.now() < until) {
		const started = performance.now();
		await correct(base, cookie, acts[n % acts.length], { note: `bench correction ${n}` });
		n++;
		const left = gap - (performance.now() - started);
		if (left > 0) await new Promise((r) => setTimeout(r, left));
	}
	return n;
}

/** Every run here at 10 connections. */
const cannon = (o) => autocannonRun({ connections: 10, ...o });

/**
 * @param {{ seconds: number, print: (line: string) => void, built?: boolean, postgres?: string | null }} opts
 * @returns {Promise<{ problems: string[], figures: Record<string, number> }>}
 */
export async function benchWrites(opts) {
	const { print, seconds } = opts;
	if (!opts.built) buildIfNeeded();
	const scratch = await benchDatabase(opts.postgres ?? null);
	const problems = [];
	const figures = {};
	try {
		const acts = await prepare(scratch.database);
		const server = await startServer({ database: scratch.database, env: { LOG_LEVEL: 'warn' } });
		try {
			const cookie = await signIn(server.base, EDITOR, PASSWORD);
			const requests = MIX.map((path) => ({ method: 'GET', path, headers: headersOf(path) }));
			// every answer once, as a first visitor would, before measuring
			for (const path of MIX) await fetch(server.base + path, { headers: headersOf(path) }).then((r) => r.arrayBuffer());

			const quiet = await cannon({ url: server.base, requests, seconds });
			const until = performance.now() + seconds * 1000;
			const [busy, written] = await Promise.all([cannon({ url: server.base, requests, seconds }), writer(server.base, cookie, acts, 4, until)]);
			const ratio = busy.rate / quiet.rate;
			Object.assign(figures, { quietRate: quiet.rate, quietP99: quiet.p99, busyRate: busy.rate, busyP99: busy.p99, writes: written / seconds, ratio });
			print(`\n### Reads while the record is written, ${scratch.label} (10 connections, ${seconds} s each; the mix: ${MIX.join(', ')})\n`);
			print('| run | req/s | p50 / p99 ms | writes/s |');
			print('|---|---|---|---|');
			print(`| no writes | ${quiet.rate.toFixed(0)} | ${quiet.p50} / ${quiet.p99} | 0 |`);
			print(`| one editor correcting UNTOC notes | ${busy.rate.toFixed(0)} | ${busy.p50} / ${busy.p99} | ${(written / seconds).toFixed(1)} |`);
			print(`\nreads under writes keep **${(ratio * 100).toFixed(0)} %** of the rate without writes (target ≥ 50 %), p99 ${busy.p99} ms (target ≤ 250 ms)`);
			for (const [what, r] of [['no writes', quiet], ['under writes', busy]]) if (r.errors || r.non2xx) problems.push(`reads ${what}: ${r.errors} errors, ${r.non2xx} non-2xx answers`);

			// a tagged link: a new campaign on every request
			const map = '/map/trafficking-protocol';
			const plain = await cannon({ url: server.base + map, headers: HTML, seconds });
			let n = 0;
			const tagged = await cannon({
				url: server.base + map,
				headers: HTML,
				seconds,
				requests: [{ setupRequest: (req) => ({ ...req, path: `${map}?utm_source=newsletter&utm_campaign=c${n++}` }) }]
			});
			figures.tagged = tagged.rate / plain.rate;
			print(`\n| tagged link | req/s | p50 / p99 ms |\n|---|---|---|`);
			print(`| \`${map}\` | ${plain.rate.toFixed(0)} | ${plain.p50} / ${plain.p99} |`);
			print(`| \`${map}?utm_source=newsletter&utm_campaign=cN\`, a new N each time | ${tagged.rate.toFixed(0)} | ${tagged.p50} / ${tagged.p99} |`);
			print(`\na tagged link runs at **${(figures.tagged * 100).toFixed(0)} %** of the plain link (target ≥ 50 %)`);
			if (tagged.errors || tagged.non2xx) problems.push(`tagged link: ${tagged.errors} errors, ${tagged.non2xx} non-2xx answers`);

			// the first render of each kind of page after a write reaches it
			print('\n| after a correction reaches the page: its first public request | render on the server, median ms (10) | min | the whole request, median ms | min |\n|---|---|---|---|---|');
			// Colombia's UNTOC ratification, its date moved by a day and back: a change of status
			// dates, which reaches every page that counts or maps (a note would reach fewer)
			const col = acts.find((a) => a.participant === 'COL');
			if (!col) throw new Error('no UNTOC consent of Colombia in the record');
			const dates = [col.date, nextDay(col.date)];
			let w = 0;
			for (const kind of KINDS) {
				const samples = [];
				const renders = [];
				for (let i = 0; i < 10; i++) {
					await correct(server.base, cookie, col, { date: dates[++w % 2] });
					const t = performance.now();
					const r = await fetch(server.base + kind.path, { headers: headersOf(kind.path) });
					await r.arrayBuffer();
					samples.push(performance.now() - t);
					if (r.status !== 200) problems.push(`${kind.path} answered ${r.status} after a write`);
					const timing = /render;dur=([\d.]+)/.exec(r.headers.get('server-timing') ?? '');
					if (!timing) problems.push(`${kind.path} was not rendered anew after a write that reaches it`);
					else renders.push(Number(timing[1]));
				}
				samples.sort((a, b) => a - b);
				renders.sort((a, b) => a - b);
				figures[`render ${kind.path}`] = median(renders) ?? NaN;
				figures[`first request ${kind.path}`] = median(samples);
				print(`| ${kind.name} \`${kind.path}\` | ${median(renders)?.toFixed(1)} | ${renders[0]?.toFixed(1)} | ${median(samples).toFixed(1)} | ${samples[0].toFixed(1)} |`);
			}
			const after = rssOf(/** @type {number} */ (server.child.pid)) ?? NaN;
			await new Promise((r) => setTimeout(r, 5000));
			figures.rss = rssOf(/** @type {number} */ (server.child.pid)) ?? NaN;
			print(`\nserver memory (resident): ${after} MiB after these runs, ${figures.rss} MiB idle 5 s later`);
		} finally {
			await server.stop();
		}
	} finally {
		await scratch.remove();
	}
	return { problems, figures };
}
