// `npm run refresh` against a local HTTP server standing in for the depositary (no test reaches
// the internet): the saved UNTC page of the Optional Protocol on the sale of children gives the
// same diff as `npm run import` of the same file; a 404, a 500, no answer, a refused connection
// and a page whose layout the reader does not know each fail, naming the address and what
// happened, and leave the record as it was; a second check is conditional (304).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import * as participation from '../../src/lib/server/record/participation';
import * as importCommand from '../../src/lib/server/sources/import-command';
import * as refreshCommand from '../../src/lib/server/sources/refresh-command';
import * as refresh from '../../src/lib/server/sources/refresh';
import * as schedule from '../../src/lib/server/sources/refresh-schedule';
import * as freshness from '../../src/lib/server/sources/freshness';
import * as importFiles from '../../src/lib/server/sources/import-files';
import { DATA_DIR, freshDb } from './db';

const OPSC_PAGE = join(DATA_DIR, 'raw/untc_mgaldino_2026/crc_op_sc.html');
const page = readFileSync(OPSC_PAGE);

let server: Server;
let base: string;
const hits = new Map<string, number>();
const seen: { path: string; userAgent: string | undefined; ifNoneMatch: string | undefined }[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		const path = req.url ?? '/';
		hits.set(path, (hits.get(path) ?? 0) + 1);
		seen.push({ path, userAgent: req.headers['user-agent'], ifNoneMatch: req.headers['if-none-match'] });
		if (path === '/opsc') {
			if (req.headers['if-none-match'] === '"opsc-2026-02-03"') return res.writeHead(304).end();
			return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"opsc-2026-02-03"' }).end(page);
		}
		if (path === '/gone') return res.writeHead(404, 'Not Found').end('no such page');
		if (path === '/down') return res.writeHead(500, 'Internal Server Error').end('oops');
		if (path === '/other') return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body><h1>Treaty status</h1><p>We have moved the table.</p></body></html>');
		if (path === '/silent') return; // never answers
		res.writeHead(404).end();
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
	server.closeAllConnections();
	server.close();
});

let db: Db;
beforeEach(async () => {
	db = await freshDb();
	// the record says France ratified a day later than the page: a difference to find
	await participation.correct(db, {
		act: { instrument: 'opsc', participant: 'FRA', kind: 'consent', seq: 1 },
		changes: { date: '2003-02-06' },
		source: 'untc-iv-11-c-2023',
		reason: 'a mistake for the refresh to find',
		actor: 'a test'
	});
});

/** Runs a command, returning its exit code and what it printed. */
async function run(command: typeof refreshCommand.run | typeof importCommand.run, argv: string[]) {
	const lines: string[] = [];
	const code = await (command as (db: Db, argv: string[], opts: object) => Promise<number>)(db, argv, {
		print: (l: string) => lines.push(...l.split('\n')),
		dataDir: DATA_DIR,
		fetch: { timeoutMs: 2000, backoffMs: 1, retries: 1 }
	});
	return { code, lines };
}

/** What the record is, to compare before and after. */
async function state() {
	const revision = (await db.selectFrom('record_meta').select('revision').executeTakeFirstOrThrow()).revision;
	const versions = await db.selectFrom('act_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	const sources = await db.selectFrom('sources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	return { revision, versions: Number(versions.n), sources: Number(sources.n) };
}

describe('npm run refresh', () => {
	it('reads the saved OPSC page from a server and prints the same diff as npm run import of the file', async () => {
		const before = await state();
		const refreshed = await run(refreshCommand.run, ['--instrument', 'opsc', '--url', `${base}/opsc`]);
		const imported = await run(importCommand.run, ['--instrument', 'opsc', '--file', OPSC_PAGE]);
		expect(refreshed.code).toBe(0);
		expect(imported.code).toBe(0);
		const diff = (lines: string[]) => lines.slice(lines.findIndex((l) => /^\s*new: /.test(l))).map((l) => l.trim()).filter((l) => !l.startsWith('dry run'));
		expect(diff(refreshed.lines)).toEqual(diff(imported.lines));
		expect(diff(refreshed.lines).join('\n')).toMatch(/changed\s+FRA · opsc · consent: ratification 2003-02-06 → ratification 2003-02-05 \[date\]/);
		expect(await state()).toEqual(before);
		// it named itself to the server
		expect(seen.at(-1)!.userAgent).toMatch(/^TreatyTracker\/\S+ \(status-page refresh/);
	});

	it('with --apply writes the difference as an import of the page', async () => {
		const { code, lines } = await run(refreshCommand.run, ['--instrument', 'opsc', '--url', `${base}/opsc`, '--apply']);
		expect(code, lines.join('\n')).toBe(0);
		expect(lines.join('\n')).toMatch(/applied: 1 change/);
		const france = await db.selectFrom('current_acts').select('date').where('instrument_slug', '=', 'opsc').where('participant_code', '=', 'FRA').where('act', '=', 'consent').executeTakeFirstOrThrow();
		expect(france.date).toBe('2003-02-05');
	});

	it('asks again conditionally: a page that has not changed answers 304 and nothing is compared', async () => {
		const target = { instrument: 'opsc', title: 'OPSC', url: `${base}/opsc`, format: 'untc-html' as const };
		const opts = { ...refresh.DEFAULTS, userAgent: refresh.userAgent(null), timeoutMs: 1000 };
		const first = await refresh.check(db, target, opts);
		await refresh.note(db, { target, by: 'command', outcome: first.outcome, message: 'first', checked: first });
		const second = await refresh.check(db, target, opts);
		expect(second.outcome).toBe('not-modified');
		expect(seen.at(-1)!.ifNoneMatch).toBe('"opsc-2026-02-03"');
	});

	it.each([
		['/gone', 'HTTP 404 Not Found'],
		['/down', 'HTTP 500 Internal Server Error (2 attempts)'],
		['/silent', 'no answer within 2 s (2 attempts)'],
		['/other', 'the page is not a UN Treaty Collection status page as the app knows it: its layout may have changed (nothing was read)']
	])('%s: exits 1, naming the address and what happened, and changes nothing', async (path, reason) => {
		const before = await state();
		const { code, lines } = await run(refreshCommand.run, ['--instrument', 'opsc', '--url', `${base}${path}`, '--apply']);
		expect(code).toBe(1);
		expect(lines).toContain(`refresh: ${base}${path}: ${reason}; the record is unchanged`);
		expect(await state()).toEqual(before);
		const noted = await db.selectFrom('refresh_checks').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
		expect(noted).toMatchObject({ instrument_slug: 'opsc', outcome: 'failed', message: reason });
	});

	it('a 500 is asked again (a 404 is not)', async () => {
		hits.clear();
		await run(refreshCommand.run, ['--instrument', 'opsc', '--url', `${base}/down`]);
		await run(refreshCommand.run, ['--instrument', 'opsc', '--url', `${base}/gone`]);
		expect(hits.get('/down')).toBe(2);
		expect(hits.get('/gone')).toBe(1);
	});

	it('a refused connection: exits 1 naming the address', async () => {
		const closed = createServer();
		await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((r) => closed.close(() => r()));
		const { code, lines } = await run(refreshCommand.run, ['--instrument', 'opsc', '--url', `http://127.0.0.1:${port}/opsc`]);
		expect(code).toBe(1);
		expect(lines).toContain(`refresh: http://127.0.0.1:${port}/opsc: the connection was refused (2 attempts); the record is unchanged`);
	});

	it('bad arguments are named, exit 2', async () => {
		expect((await run(refreshCommand.run, ['--instrument', 'no-such'])).lines).toContain('refresh: there is no instrument "no-such"');
		expect((await run(refreshCommand.run, ['--url', `${base}/opsc`])).lines).toContain("refresh: --url reads one instrument's page: give --instrument too");
		expect((await run(refreshCommand.run, ['--instrument', 'actip'])).code).toBe(2);
		expect((await run(refreshCommand.run, ['--instrument', 'opsc', '--timeout', 'soon'])).lines).toContain('refresh: --timeout must be a number from 1 to 600, not "soon"');
	});

	it('every instrument with a status page is a target: the UN ones from UNTC, the ILO ones from NORMLEX', async () => {
		const all = await refresh.targets(db, {});
		expect(all.find((t) => t.instrument === 'untoc')).toMatchObject({ format: 'untc-html', url: 'https://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-12&chapter=18' });
		expect(all.find((t) => t.instrument === 'ilo-c029')?.format).toBe('normlex-html');
		expect(all.some((t) => t.instrument === 'actip')).toBe(false);
	});
});

describe('the server’s schedule (REFRESH_EVERY)', () => {
	const fetch = { ...refresh.DEFAULTS, userAgent: refresh.userAgent(null), timeoutMs: 5000, backoffMs: 1, retries: 1 };

	it('puts what it found on the freshness board, the page kept to preview; the record is not touched', async () => {
		const before = await state();
		await schedule.round(db, {
			fetch,
			targets: [
				{ instrument: 'opsc', title: 'OPSC', url: `${base}/opsc`, format: 'untc-html' },
				{ instrument: 'untoc', title: 'UNTOC', url: `${base}/gone`, format: 'untc-html' }
			]
		});
		expect(await state()).toEqual(before);
		const rows = await freshness.board(db, '2026-12-06');
		const opsc = rows.find((r) => r.slug === 'opsc')!;
		expect(opsc.lastCheck).toMatchObject({ by: 'schedule', outcome: 'changes', counts: { added: 0, changed: 1, absent: 0 }, message: '1 change to the record, waiting to be previewed and applied' });
		const kept = await importFiles.kept(db, opsc.lastCheck!.fileId!);
		expect(kept!.text).toBe(page.toString('utf8'));
		expect(rows.find((r) => r.slug === 'untoc')!.lastCheck).toMatchObject({ outcome: 'failed', message: 'HTTP 404 Not Found' });
	});

	it('REFRESH_EVERY is a period of at least 15 minutes', () => {
		expect(schedule.parseEvery('1d')).toBe(86_400_000);
		expect(schedule.parseEvery('90m')).toBe(5_400_000);
		expect(() => schedule.parseEvery('5m')).toThrow('REFRESH_EVERY: 5m is too often; at least 15m between rounds');
		expect(() => schedule.parseEvery('daily')).toThrow('REFRESH_EVERY: "daily" is not a period such as 1d, 12h or 90m');
	});
});
