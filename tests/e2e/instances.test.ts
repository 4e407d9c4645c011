// Two instances of the built app on one PostgreSQL database (issue 24), each a server of its own
// on a database made for this run and dropped after it: they start together and one seeds while
// the other waits; a correction written through one is read through the other within a second,
// and the other's stored UNTOC page gets a new ETag; two edits of one version, one through each,
// are one 201 and one 409; one killed mid-stream, the other keeps serving and writing, and the
// killed one started again does not seed again and shows what the other wrote meanwhile.
// Runs when TEST_DATABASE_URL names a PostgreSQL role that may CREATE DATABASE.
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { createUser, scratchPostgres, signIn, startServer } from '../../scripts/server-process.js';

const ADMIN_URL = process.env.TEST_DATABASE_URL;
const PASSWORD = 'a passphrase for the two-instance test, long enough';
const EDITOR = 'instances.editor@e2e.example.org';
const HTML = { accept: 'text/html' };
const PAGE = '/instruments/untoc';
const API = '/api/v1/instruments/untoc';
// what the seed logs when it builds the record (src/lib/server/sources/open.ts)
const SEEDING = 'building the record in ';

type Server = Awaited<ReturnType<typeof startServer>> & { log: () => string };

/** When `server` logged a line whose message holds `text` (its pino time, ms), or null. */
function loggedAt(server: Server, text: string): number | null {
	for (const line of server.log().split('\n')) {
		if (!line.includes(text)) continue;
		const { time, msg } = JSON.parse(line) as { time: number; msg: string };
		if (msg.includes(text)) return time;
	}
	return null;
}

interface Act {
	id: number;
	participant: string;
	version: number;
	source: string;
}

/** A server on `url` whose output (one JSON line per event) is kept. */
async function start(url: string): Promise<Server> {
	// no daily mail round: nothing but the requests sent here writes to this database
	const server = await startServer({ database: url, stdio: 'pipe', env: { MAIL_EVERY: 'off' } });
	let out = '';
	for (const stream of [server.child.stdout!, server.child.stderr!]) stream.setEncoding('utf8').on('data', (d: string) => (out += d));
	return Object.assign(server, { log: () => out });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function ask(server: Server, path: string, headers: Record<string, string> = {}) {
	const r = await fetch(server.base + path, { headers: { ...HTML, ...headers } });
	return { status: r.status, etag: r.headers.get('etag') ?? '', body: await r.text() };
}

test.describe.serial('two instances on one PostgreSQL database', () => {
	test.skip(!ADMIN_URL, 'TEST_DATABASE_URL is not set: this test needs a PostgreSQL role that may CREATE DATABASE (e.g. postgres://tracker:tracker@localhost/postgres)');
	test.describe.configure({ timeout: 120_000 });

	const name = `tt_e2e_${randomBytes(4).toString('hex')}`;
	let url = '';
	let scratch: Awaited<ReturnType<typeof scratchPostgres>> | undefined;
	let db: pg.Pool;
	let a: Server | undefined;
	let b: Server | undefined;
	let cookie = '';
	let acts: Act[] = [];

	/** A correction of `act`'s note through `server`, from the version the caller read. */
	const correct = (server: Server, act: Act, note: string, basedOn = act.version) =>
		fetch(`${server.base}/api/v1/acts/${act.id}/corrections`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie, origin: server.base },
			body: JSON.stringify({ basedOn, changes: { note }, source: act.source, reason: 'an e2e test of two instances' })
		});
	const versionOf = async (act: Act) => Number((await db.query('select version from current_acts where act_id = $1', [act.id])).rows[0].version);

	test.beforeAll(async () => {
		if (!ADMIN_URL) return;
		test.setTimeout(120_000);
		scratch = await scratchPostgres(ADMIN_URL, name);
		url = scratch.url;
		db = new pg.Pool({ connectionString: url, max: 2 });
	});

	test.afterAll(async () => {
		if (!ADMIN_URL) return;
		// dropping a database can take a while when other suites keep the server busy
		test.setTimeout(120_000);
		// a graceful stop, or a kill when that takes too long: the database is dropped either way
		const stop = (s?: Server) => s && Promise.race([s.stop(), sleep(10_000).then(() => s.stop('SIGKILL'))]);
		await Promise.all([stop(a), stop(b)]);
		await db?.end().catch(() => {});
		await scratch?.remove();
	});

	test('started together, one seeds while the other waits, and both serve the one record', async () => {
		const started = performance.now();
		const [first, second] = await Promise.allSettled([start(url), start(url)]);
		if (first.status === 'fulfilled') a = first.value;
		if (second.status === 'fulfilled') b = second.value;
		if (!a || !b) throw new Error(`an instance did not start: ${[first, second].map((s) => (s.status === 'rejected' ? s.reason : 'started')).join('; ')}`);
		console.log(`instances: both ready ${Math.round(performance.now() - started)} ms after starting together`);

		const seeded = [a, b].filter((s) => s.log().includes(SEEDING));
		expect(seeded.length, `one instance builds the record; logs:\n${a.log()}\n${b.log()}`).toBe(1);
		// the other found it built: no seed, and no reference files brought in again either
		const waited = seeded[0] === a ? b : a;
		expect(waited.log()).not.toContain('seeded:');
		expect(waited.log()).not.toContain('bringing them in');
		// …after waiting for it: a server listens once its database is open (serve.js writes its
		// own lines within a second)
		const done = loggedAt(seeded[0], 'seeded: ');
		expect(done).not.toBeNull();
		await expect.poll(() => loggedAt(waited, 'Listening on'), { timeout: 5000 }).not.toBeNull();
		expect(loggedAt(waited, 'Listening on')).toBeGreaterThanOrEqual(done!);

		// one seed in the database: once seeded, every act of data/ recorded once, in one revision
		const meta = await db.query('select seeded_at from record_meta');
		expect(meta.rows.length).toBe(1);
		expect(meta.rows[0].seeded_at).toBeTruthy();
		const rows = readFileSync(new URL('../../data/record/acts.csv', import.meta.url), 'utf8').split('\n').filter((l) => l.trim()).length - 1;
		const { n } = (await db.query('select count(*)::int as n from acts')).rows[0];
		expect(n).toBe(rows);
		const seed = (await db.query("select count(*)::int as entries, count(distinct revision)::int as revisions from audit_log where actor = 'seed data' and action = 'record'")).rows[0];
		expect(seed).toEqual({ entries: rows, revisions: 1 });

		// both on PostgreSQL, both following the other's writes, both answering the same record
		for (const s of [a, b]) {
			const health = await (await fetch(`${s.base}/healthz`)).json();
			expect(health.database).toMatchObject({ engine: 'postgresql', following: true });
		}
		const [fromA, fromB] = await Promise.all([ask(a, API), ask(b, API)]);
		expect(fromA.status).toBe(200);
		expect(JSON.parse(fromB.body)).toEqual(JSON.parse(fromA.body));

		// real acts to write: UNTOC consents, with their version and source
		acts = (
			await db.query(
				"select act_id as id, participant_code as participant, version, source_id as source from current_acts where instrument_slug = 'untoc' and act = 'consent' and retracted = 0 order by act_id limit 20"
			)
		).rows.map((r) => ({ id: Number(r.id), participant: r.participant, version: Number(r.version), source: r.source }));
		expect(acts.length).toBe(20);
		// an account made by the command line on the same database; its session is good on both
		await createUser(a.env, { email: EDITOR, role: 'editor' }, PASSWORD);
		cookie = await signIn(a.base, EDITOR, PASSWORD);
	});

	test("a correction through one is read through the other within a second, and the other's stored UNTOC page gets a new ETag", async () => {
		// B's page, stored: the same ETag twice, and a 304 to a client holding it
		const before = await ask(b!, PAGE);
		expect(before.status).toBe(200);
		expect(before.etag).toMatch(/^W\/"[\w-]+"$/);
		expect((await ask(b!, PAGE)).etag).toBe(before.etag);
		expect((await ask(b!, PAGE, { 'if-none-match': before.etag })).status).toBe(304);

		const act = acts[0];
		const note = `checked against the depositary through instance A (${randomBytes(3).toString('hex')})`;
		// the act's note is shown on its participant's page
		const shows = `/participants/${act.participant}`;
		expect((await ask(b!, shows)).body).not.toContain(note);
		const r = await correct(a!, act, note);
		expect(r.status, await r.clone().text()).toBe(201);
		act.version = (await r.json()).act.version;
		const written = performance.now();

		// B asked every 50 ms, as a client holding its page: a new page (a new ETag), and the note shown
		const since = () => performance.now() - written;
		let seen: { asked: number; answered: number } | null = null;
		let last = { etag: before.etag, shown: false };
		while (since() < 1000) {
			const asked = since();
			const [page, participant] = await Promise.all([ask(b!, PAGE, { 'if-none-match': before.etag }), ask(b!, shows)]);
			last = { etag: page.etag, shown: participant.status === 200 && participant.body.includes(note) };
			if (page.status === 200 && last.etag !== before.etag && last.shown) {
				seen = { asked, answered: since() };
				break;
			}
			await sleep(50);
		}
		expect(seen, `within a second B had ${last.etag === before.etag ? 'the same ETag' : 'a new ETag'} and ${last.shown ? 'showed' : 'did not show'} the note`).not.toBeNull();
		expect(seen!.answered).toBeLessThan(1000);
		console.log(`instances: A's correction read through B: asked ${seen!.asked.toFixed(1)} ms after A's 201, answered (rendered) at ${seen!.answered.toFixed(1)} ms`);
		// and B's new page is stored in its turn
		const after = await ask(b!, PAGE);
		expect((await ask(b!, PAGE, { 'if-none-match': after.etag })).status).toBe(304);
	});

	test('two edits of one version, one through each instance at once: one 201, one 409, nothing lost', async () => {
		// a few times over, on acts of their own: which instance wins is the database's to decide
		for (const act of acts.slice(13, 18)) {
			const basedOn = act.version;
			const notes = { a: 'edited through instance A, at the same time as B', b: 'edited through instance B, at the same time as A' };
			const [ra, rb] = await Promise.all([correct(a!, act, notes.a, basedOn), correct(b!, act, notes.b, basedOn)]);
			expect([ra.status, rb.status].sort()).toEqual([201, 409]);
			const aWon = ra.status === 201;
			const [won, lost] = aWon ? [ra, rb] : [rb, ra];
			const [wonNote, lostNote] = aWon ? [notes.a, notes.b] : [notes.b, notes.a];
			expect((await won.json()).act).toMatchObject({ version: basedOn + 1, note: wonNote });
			// the refused edit is told what it missed: the act as it now stands
			const conflict = await lost.json();
			expect(conflict.basedOn).toBe(basedOn);
			expect(conflict.current).toMatchObject({ version: basedOn + 1, note: wonNote });

			// the acknowledged edit is the one version written; the refused one wrote nothing
			const versions = (await db.query('select version, note from act_versions where act_id = $1 and version > $2 order by version', [act.id, basedOn])).rows;
			expect(versions.map((v) => ({ version: Number(v.version), note: v.note }))).toEqual([{ version: basedOn + 1, note: wonNote }]);
			// …and, made again on what it was shown, it is written after it
			const again = await correct(aWon ? b! : a!, act, lostNote, conflict.current.version);
			expect(again.status, await again.clone().text()).toBe(201);
			act.version = (await again.json()).act.version;
			expect(act.version).toBe(basedOn + 2);
			for (const s of [a!, b!]) expect((await ask(s, `/participants/${act.participant}`)).body).toContain(lostNote);
		}
	});

	test('one instance killed mid-stream: the other keeps serving and writing; started again, the killed one does not seed and shows what was written', async () => {
		const stream = acts.slice(2, 12);
		const mine = acts[12];
		const seededAt = (await db.query('select seeded_at from record_meta')).rows[0].seeded_at;

		// B asked all along, every 20 ms
		const answers: { path: string; status: number; at: number }[] = [];
		let reading = true;
		const reader = (async () => {
			while (reading) {
				for (const path of ['/healthz', PAGE]) {
					const status = await fetch(b!.base + path).then((r) => r.status, () => 0);
					answers.push({ path, status, at: performance.now() });
				}
				await sleep(20);
			}
		})();

		// a stream of corrections through A, killed under one in flight
		const acknowledged: string[] = [];
		const write = async (n: number) => {
			const act = stream[n % stream.length];
			const note = `checked against the depositary, two-instance crash ${n}`;
			const r = await correct(a!, act, note);
			if (r.status !== 201) throw new Error(`write ${n}: ${r.status} ${await r.text()}`);
			act.version = (await r.json()).act.version;
			acknowledged.push(note);
		};
		for (let n = 0; n < 20; n++) await write(n);
		const inFlight = write(20).catch(() => 'not acknowledged');
		await sleep(2);
		const killed = await Promise.all([inFlight, a!.stop('SIGKILL')]);
		expect(killed[1].signal).toBe('SIGKILL');
		const down = performance.now();

		// B writes after the crash, and shows it
		const note = 'corrected through instance B while A was down';
		const r = await correct(b!, mine, note, await versionOf(mine));
		expect(r.status, await r.clone().text()).toBe(201);
		expect((await ask(b!, `/participants/${mine.participant}`)).body).toContain(note);
		await sleep(200);
		reading = false;
		await reader;
		expect(answers.filter((x) => x.at > down).length).toBeGreaterThanOrEqual(4);
		expect(answers.filter((x) => x.status !== 200)).toEqual([]);

		// every correction A acknowledged is in the database
		const notes = new Set((await db.query("select note from act_versions where note like '%two-instance crash%'")).rows.map((x) => x.note));
		expect(acknowledged.length).toBeGreaterThanOrEqual(20);
		expect(acknowledged.filter((n) => !notes.has(n))).toEqual([]);

		// A again, on the same database: no second seed, and B's correction shown
		a = await start(url);
		expect(a.log()).not.toContain(SEEDING);
		expect((await db.query('select seeded_at from record_meta')).rows[0].seeded_at).toBe(seededAt);
		expect((await db.query("select count(distinct revision)::int as n from audit_log where actor = 'seed data' and action = 'record'")).rows[0].n).toBe(1);
		expect((await ask(a, `/participants/${mine.participant}`)).body).toContain(note);
		expect(JSON.parse((await ask(a, API)).body)).toEqual(JSON.parse((await ask(b!, API)).body));
	});
});
