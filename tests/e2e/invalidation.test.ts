// A write changes the answers that show it and no other (issue 22). On a server of its own (the
// shared server's database is written by the other tests meanwhile): an editor corrects the note
// of Colombia's UNTOC ratification, then its date, through the API, as a script would; each
// public answer is asked before and after, by its ETag, and its bytes compared.
// - a note: the UNTOC pages, its map data and Colombia's pages change; the Trafficking
//   Protocol's pages, India's page, the home page and every other instrument's map keep their
//   ETag (and a browser holding them gets a 304);
// - a date: everything that counts or maps UNTOC changes, the Protocol's pages too (they read the
//   Convention's parties), and nothing changes that reads neither (the Council of Europe's map).
// - a tracking parameter makes no other answer: the same ETag and bytes as the plain address.
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { createUser, scratchDatabase, signIn, startServer } from '../../scripts/server-process.js';

const PASSWORD = 'a passphrase for the cache test, long enough';
const HTML = { accept: 'text/html' };

const NOTE_CHANGES = ['/instruments/untoc', '/api/v1/instruments/untoc', '/instruments/untoc/export.csv', '/participants/COL', '/api/v1/participants/COL'];
const NOTE_KEEPS = ['/', '/instruments/trafficking-protocol', '/map/trafficking-protocol', '/participants/IND', '/map/cets-197', '/instruments/cets-197', '/map/untoc', '/compare?codes=IND,NGA'];
const DATE_CHANGES = ['/', '/instruments/untoc', '/map/untoc', '/instruments/trafficking-protocol', '/participants/IND', '/compare?codes=IND,NGA'];
const DATE_KEEPS = ['/map/cets-197', '/instruments/cets-197', '/instruments/ilo-c029'];

test('a correction gives a new ETag to the answers that show it and leaves the others stored', async () => {
	test.setTimeout(120_000);
	const scratch = scratchDatabase('invalidation');
	const server = await startServer({ database: scratch.file });
	const base = server.base;
	try {
		await createUser(server.env, { email: 'cache.editor@e2e.example.org', role: 'editor' }, PASSWORD);
		const cookie = await signIn(base, 'cache.editor@e2e.example.org', PASSWORD);
		const sqlite = new Database(scratch.file, { readonly: true });
		const act = sqlite
			.prepare("select act_id as id, version, source_id as source, date from current_acts where instrument_slug = 'untoc' and participant_code = 'COL' and act = 'consent'")
			.get() as { id: number; version: number; source: string; date: string };
		sqlite.close();

		const ask = async (path: string, headers: Record<string, string> = {}) => {
			const r = await fetch(base + path, { headers: { ...HTML, ...headers } });
			return { status: r.status, etag: r.headers.get('etag') ?? '', body: await r.text() };
		};
		const etags = async (paths: string[]) => Object.fromEntries(await Promise.all(paths.map(async (p) => [p, (await ask(p)).etag])));
		const correct = async (changes: Record<string, string>) => {
			const r = await fetch(`${base}/api/v1/acts/${act.id}/corrections`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie, origin: base },
				body: JSON.stringify({ basedOn: act.version, changes, source: act.source, reason: 'an e2e test of the page cache' })
			});
			const body = await r.json();
			expect(r.status, JSON.stringify(body)).toBe(201);
			act.version = body.act.version;
		};

		// a tracking parameter: the plain address's answer, not a new one
		const plain = await ask('/map/trafficking-protocol');
		const tagged = await ask('/map/trafficking-protocol?utm_source=newsletter&utm_campaign=spring&fbclid=abc');
		expect(tagged.status).toBe(200);
		expect(tagged.etag).toBe(plain.etag);
		expect(tagged.body).toBe(plain.body);
		// …while a parameter the page reads is its own answer, and the API refuses one it does not take
		expect((await ask('/map/trafficking-protocol?asOf=2008-06-03')).etag).not.toBe(plain.etag);
		const refused = await fetch(`${base}/api/v1/instruments/untoc?utm_source=newsletter`);
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('utm_source');

		// a note
		const before = await etags([...NOTE_CHANGES, ...NOTE_KEEPS]);
		await correct({ note: 'checked against the depositary notification (an e2e test)' });
		const afterNote = await etags([...NOTE_CHANGES, ...NOTE_KEEPS]);
		for (const p of NOTE_CHANGES) expect(afterNote[p], `${p} shows the note's act: a new ETag`).not.toBe(before[p]);
		for (const p of NOTE_KEEPS) expect(afterNote[p], `${p} does not show a UNTOC note: the same ETag`).toBe(before[p]);
		// the changed page shows the write at once to the public (no stale answer), the kept one is a 304
		expect((await ask('/participants/COL')).body).toContain('checked against the depositary notification');
		expect((await fetch(`${base}/instruments/cets-197`, { headers: { ...HTML, 'if-none-match': before['/instruments/cets-197'] } })).status).toBe(304);

		// a date
		const beforeDate = await etags([...DATE_CHANGES, ...DATE_KEEPS]);
		const moved = new Date(Date.parse(`${act.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
		await correct({ date: moved });
		const afterDate = await etags([...DATE_CHANGES, ...DATE_KEEPS]);
		for (const p of DATE_CHANGES) expect(afterDate[p], `${p} counts or maps UNTOC: a new ETag`).not.toBe(beforeDate[p]);
		for (const p of DATE_KEEPS) expect(afterDate[p], `${p} reads nothing of UNTOC: the same ETag`).toBe(beforeDate[p]);
		// no stale answer: the public's stored answer is what a signed-in reader gets rendered now
		const api = await ask('/api/v1/instruments/untoc');
		expect(JSON.parse(api.body)).toEqual(JSON.parse((await ask('/api/v1/instruments/untoc', { cookie })).body));
		const row = JSON.parse(api.body).participants.find((p: { code: string }) => p.code === 'COL');
		expect(JSON.stringify(row)).toContain(moved);
		// and Colombia's page says the new date in words
		const words = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
		expect((await ask('/participants/COL')).body).toContain(words(moved));
		await correct({ date: act.date });
	} finally {
		await server.stop();
		scratch.remove();
	}
});
