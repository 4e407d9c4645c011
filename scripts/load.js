// npm run test:load: a bounded mixed workload on loopback against the built app, on a database
// of its own, for a fixed time —
//   - readers of the public pages and the API (autocannon, --readers connections);
//   - editors correcting acts through the API (--editors, each on acts of its own, as
//     scripts do: the version read, then the correction based on it);
//   - a focal point saving the answers of a country review through the page's form, as a
//     browser without JavaScript does, and reading the review between saves;
// then it stops the server, and checks that there was no 5xx, that every write answered as
// done is in the database (the note of each 201 correction, the text of each saved answer in
// the audit log) and that SQLite's integrity_check is "ok". Prints p50/p99 for each kind of
// request; exits 1 when anything is lost or failed. Options: --seconds N (default 30),
// --readers N (default 20), --editors N (default 2), --pause MS (each writer's pause between
// two writes, default 250: people, not a loop), --json (the report as JSON on stdout), --built
// (no build check: the end-to-end run, whose server serves build/, built it before any test,
// and a build now would replace build/ under that server).
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { quantile } from 'd3-array';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildIfNeeded, scratchDatabase, signIn, startServer } from './server-process.js';
import { withVite } from './vite-load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const PASSWORD = 'load test passphrase, long enough';
const EDITOR = (n) => `editor.${n}@load.example.org`;
const FOCAL_POINT = 'focal.point@load.example.org';

/** Public pages and API answers the readers ask for, in turn. */
const READS = ['/', '/instruments/untoc', '/instruments/trafficking-protocol', '/map/trafficking-protocol', '/participants/BEL', '/participants/NGA', '/compare?codes=BEL,FIN,ARG', '/instruments/trafficking-protocol/non-parties', '/api/v1/instruments', '/api/v1/instruments/untoc', '/api/v1/participants/IND', '/map/untoc.svg', '/instruments/untoc/export.csv', '/reviews', '/feed.atom'];

function options() {
	const usage = 'usage: npm run test:load -- [--seconds N] [--readers N] [--editors N] [--pause MS] [--json] [--built]';
	let values;
	try {
		values = parseArgs({ options: { seconds: { type: 'string', default: '30' }, readers: { type: 'string', default: '20' }, editors: { type: 'string', default: '2' }, pause: { type: 'string', default: '250' }, json: { type: 'boolean', default: false }, built: { type: 'boolean', default: false } } }).values;
	} catch (e) {
		console.error(`test:load: ${e.message}\n${usage}`);
		process.exit(2);
	}
	const out = { json: values.json, built: values.built };
	for (const [k, min] of [['seconds', 1], ['readers', 1], ['editors', 1], ['pause', 0]]) {
		const n = Number(values[k]);
		if (!Number.isInteger(n) || n < min) {
			console.error(`test:load: --${k} ${values[k]}: give a whole number, at least ${min}\n${usage}`);
			process.exit(2);
		}
		out[k] = n;
	}
	return out;
}

/**
 * The database the server starts on: data/ seeded, one account per editor and the focal point
 * of a State under review — the lots drawn for the first cycle (seed 2008), and the review of
 * cluster I launched for the first State drawn.
 */
async function prepare(file, editors) {
	return withVite(async (load) => {
		const { openDatabase } = await load('/src/lib/server/sources/open.ts');
		const users = await load('/src/lib/server/accounts/users.ts');
		const drawCommand = await load('/src/lib/server/reviews/draw-command.ts');
		const reviews = await load('/src/lib/server/reviews/reviews.ts');
		const db = await openDatabase(file, { dataDir: join(root, 'data'), log: () => {} });
		try {
			const actor = 'load test set-up';
			for (let n = 1; n <= editors; n++) await users.createUser(db, { email: EDITOR(n), role: 'editor', password: PASSWORD, actor });
			const drawn = await drawCommand.run(db, ['--cycle', 'untoc-1', '--seed', '2008', '--apply'], { print: () => {}, error: () => {} });
			if (drawn > 1) throw new Error('the draw failed');
			const first = await db.selectFrom('review_reviewers').select('state_code').orderBy('state_code').executeTakeFirstOrThrow();
			const state = first.state_code;
			await users.createUser(db, { email: FOCAL_POINT, role: 'focal-point', participant: state, password: PASSWORD, actor });
			const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: null, states: [state], on: '2020-10-12', actor: { label: actor, userId: null, role: null, address: null } });
			const review = await reviews.get(db, id);
			const acts = await db
				.selectFrom('current_acts')
				.select(['act_id as id', 'version', 'source_id as source'])
				.where('instrument_slug', '=', 'untoc')
				.where('act', '=', 'consent')
				.where('retracted', '=', 0)
				.orderBy('act_id')
				.limit(10 * editors)
				.execute();
			return { review: { id, state, items: review.items.map((i) => ({ instrument: i.instrument, article: i.article })) }, acts };
		} finally {
			await db.destroy();
		}
	});
}

/** Latencies in ms of one kind of request, and what came back. */
function tally() {
	return { ms: [], statuses: {}, acknowledged: [], refused: 0, errors: 0 };
}
function record(t, started, status) {
	t.ms.push(performance.now() - started);
	t.statuses[status] = (t.statuses[status] ?? 0) + 1;
}

/** An editor: corrections to its own acts, each based on the version it last saw. */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function editor(base, cookie, acts, until, t, n, pause) {
	let i = 0;
	while (performance.now() < until) {
		if (i > 0) await sleep(pause);
		const act = acts[i % acts.length];
		const note = `load test: editor ${n}, correction ${i}`;
		const started = performance.now();
		try {
			const r = await fetch(`${base}/api/v1/acts/${act.id}/corrections`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie, origin: base },
				body: JSON.stringify({ basedOn: act.version, changes: { note }, source: act.source, reason: 'load test' })
			});
			const body = await r.json();
			record(t, started, r.status);
			if (r.status === 201) {
				act.version = body.act.version;
				t.acknowledged.push(note);
			} else if (r.status === 409 && body.act) {
				act.version = body.act.version;
				t.refused++;
			} else t.refused++;
		} catch {
			t.errors++;
		}
		i++;
	}
}

/** The focal point: reads its review, saves an answer through the form, again. */
async function focalPoint(base, cookie, review, until, reads, saves, pause) {
	let i = 0;
	while (performance.now() < until) {
		if (i > 0) await sleep(pause);
		let started = performance.now();
		try {
			const page = await fetch(`${base}/reviews/${review.id}`, { headers: { cookie, accept: 'text/html' } });
			const html = await page.text();
			record(reads, started, page.status);
			// the version of the review the page shows, which the form sends back
			const version = /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
			const item = review.items[i % review.items.length];
			const text = `Load test answer ${i} on article ${item.article}: the offence is established in the criminal code.`;
			started = performance.now();
			const r = await fetch(`${base}/reviews/${review.id}?/answer`, {
				method: 'POST',
				redirect: 'manual',
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie, origin: base },
				body: new URLSearchParams({ instrument: item.instrument, article: item.article, version, text, status: 'partly' })
			});
			await r.arrayBuffer();
			record(saves, started, r.status);
			if (r.status === 303 && (r.headers.get('location') ?? '').startsWith(`/reviews/${review.id}`)) saves.acknowledged.push(text);
			else saves.refused++;
		} catch {
			saves.errors++;
		}
		i++;
	}
}

export async function runLoad(o) {
	if (!o.built) buildIfNeeded();
	const scratch = scratchDatabase('load');
	const file = scratch.file;
	let passed = false;
	try {
		const { review, acts } = await prepare(file, o.editors);
		// the server's own log (warnings and errors) on this command's stderr
		const server = await startServer({ database: file, env: { LOG_LEVEL: 'warn' }, stdio: 'stderr' });
		const kinds = { 'public pages and API (autocannon)': null, 'corrections (API)': tally(), 'review page (focal point)': tally(), 'answers saved (form)': tally() };
		let readers;
		try {
			const editorCookies = [];
			for (let n = 1; n <= o.editors; n++) editorCookies.push(await signIn(server.base, EDITOR(n), PASSWORD));
			const focalCookie = await signIn(server.base, FOCAL_POINT, PASSWORD);
			const until = performance.now() + o.seconds * 1000;
			const reading = autocannon({
				url: server.base,
				connections: o.readers,
				duration: o.seconds,
				requests: READS.map((path) => ({ method: 'GET', path, headers: { accept: path.startsWith('/api') ? 'application/json' : 'text/html', 'accept-encoding': 'gzip, br' } }))
			});
			const perEditor = Math.floor(acts.length / o.editors);
			await Promise.all([
				reading.then((r) => (readers = r)),
				...editorCookies.map((cookie, n) => editor(server.base, cookie, acts.slice(n * perEditor, (n + 1) * perEditor), until, kinds['corrections (API)'], n + 1, o.pause)),
				focalPoint(server.base, focalCookie, review, until, kinds['review page (focal point)'], kinds['answers saved (form)'], o.pause)
			]);
		} finally {
			await server.stop();
		}

		// Every acknowledged write, in the database the server left.
		const db = new Database(file, { readonly: true });
		let lost;
		let integrity;
		try {
			integrity = db.pragma('integrity_check', { simple: true });
			const notes = new Set(db.prepare("select note from act_versions where note like 'load test:%'").pluck().all());
			const answers = new Set(db.prepare("select json_extract(after, '$.text') from audit_log where action = 'answer' and entity = 'review' and entity_id = ?").pluck().all(String(review.id)));
			lost = {
				corrections: kinds['corrections (API)'].acknowledged.filter((n) => !notes.has(n)),
				answers: kinds['answers saved (form)'].acknowledged.filter((t) => !answers.has(t))
			};
		} finally {
			db.close();
		}

		const fivexx = (statuses) => Object.entries(statuses).filter(([s]) => Number(s) >= 500).reduce((n, [, c]) => n + c, 0);
		const readerStatuses = Object.fromEntries(Object.entries(readers.statusCodeStats ?? {}).map(([s, v]) => [s, v.count]));
		const rows = [
			{ kind: `public pages and API (autocannon, ${o.readers} connections)`, requests: readers.requests.total, perSecond: readers.requests.average, p50: readers.latency.p50, p99: readers.latency.p99, statuses: readerStatuses, errors: readers.errors + readers.timeouts, fivexx: fivexx(readerStatuses) }
		];
		for (const [kind, t] of Object.entries(kinds)) {
			if (!t) continue;
			rows.push({ kind, requests: t.ms.length, perSecond: t.ms.length / o.seconds, p50: quantile(t.ms, 0.5) ?? NaN, p99: quantile(t.ms, 0.99) ?? NaN, statuses: t.statuses, errors: t.errors, fivexx: fivexx(t.statuses), acknowledged: t.acknowledged.length || undefined, refused: t.refused || undefined });
		}
		const report = {
			seconds: o.seconds,
			pause: o.pause,
			review: { id: review.id, state: review.state, items: review.items.length },
			rows,
			integrity,
			lost,
			ok: integrity === 'ok' && rows.every((r) => r.fivexx === 0 && r.errors === 0) && lost.corrections.length === 0 && lost.answers.length === 0 && kinds['corrections (API)'].acknowledged.length > 0 && kinds['answers saved (form)'].acknowledged.length > 0
		};
		passed = report.ok;
		if (!passed) report.kept = file;
		return report;
	} finally {
		// a failed run's database is kept to look into
		if (passed) scratch.remove();
	}
}

function print(report) {
	const f = (n) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(1) : n.toFixed(0)) : '—');
	console.log(`\nMixed load for ${report.seconds} s on loopback, each writer pausing ${report.pause} ms between writes (review ${report.review.id} of ${report.review.state}, ${report.review.items} items)\n`);
	console.log('| requests | count | per s | p50 ms | p99 ms | statuses | 5xx | errors | acknowledged |');
	console.log('|---|---|---|---|---|---|---|---|---|');
	for (const r of report.rows) {
		const statuses = Object.entries(r.statuses).map(([s, c]) => `${s}×${c}`).join(' ');
		console.log(`| ${r.kind} | ${r.requests} | ${f(r.perSecond)} | ${f(r.p50)} | ${f(r.p99)} | ${statuses} | ${r.fivexx} | ${r.errors} | ${r.acknowledged ?? ''}${r.refused ? ` (${r.refused} refused as stale)` : ''} |`);
	}
	console.log(`\nintegrity_check: ${report.integrity}`);
	console.log(`acknowledged writes missing from the database: ${report.lost.corrections.length} corrections, ${report.lost.answers.length} answers`);
	for (const text of report.lost.answers.slice(0, 3)) console.log(`  lost answer: ${text}`);
	for (const note of report.lost.corrections.slice(0, 3)) console.log(`  lost correction: ${note}`);
	console.log(report.ok ? 'test:load: passed' : `test:load: FAILED (the database is kept: ${report.kept})`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const o = options();
	const report = await runLoad(o);
	if (o.json) console.log(JSON.stringify(report));
	else print(report);
	process.exit(report.ok ? 0 : 1);
}
