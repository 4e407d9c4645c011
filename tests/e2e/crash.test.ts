// A crash loses no acknowledged write: a second server of the built app, on its own database,
// takes a stream of corrections through the API; it is killed with SIGKILL in the middle of the
// stream, started again on the same file, and then SQLite's integrity_check is "ok" and every
// correction it had answered 201 is in the database. (WAL with synchronous = FULL:
// src/lib/server/db/index.ts.)
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { createUser, freePort, scratchDatabase, signIn, startServer } from '../../scripts/server-process.js';
import { PASSWORD } from './users';

test('killed mid-stream, the server loses no acknowledged write and its database is sound', async () => {
	test.setTimeout(120_000);
	const scratch = scratchDatabase('crash');
	const file = scratch.file;
	const port = await freePort();
	let server = await startServer({ database: file, port });
	const base = server.base;
	try {
		await createUser(server.env, { email: 'crash@e2e.example.org', role: 'editor' }, PASSWORD);
		const cookie = await signIn(base, 'crash@e2e.example.org', PASSWORD);

		// real acts to annotate: UNTOC consents, with their current version and source
		const read = new Database(file, { readonly: true });
		const acts = read
			.prepare("select act_id as id, version, source_id as source from current_acts where instrument_slug = 'untoc' and act = 'consent' and retracted = 0 order by act_id limit 20")
			.all() as { id: number; version: number; source: string }[];
		read.close();
		expect(acts.length).toBe(20);

		const acknowledged: string[] = [];
		const correct = (n: number) => {
			const act = acts[n % acts.length];
			const note = `checked against the depositary, crash test ${n}`;
			return fetch(`${base}/api/v1/acts/${act.id}/corrections`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie, origin: base },
				body: JSON.stringify({ basedOn: act.version, changes: { note }, source: act.source, reason: `crash test ${n}` })
			}).then(async (r) => {
				if (r.status !== 201) throw new Error(`write ${n}: ${r.status} ${await r.text()}`);
				const body = (await r.json()) as { act: { version: number } };
				act.version = body.act.version;
				acknowledged.push(note);
			});
		};
		for (let n = 0; n < 40; n++) await correct(n);
		// one more in flight, and the server killed under it
		const inFlight = correct(40).catch(() => 'not acknowledged');
		await new Promise((r) => setTimeout(r, 2));
		await Promise.all([inFlight, server.stop('SIGKILL')]);

		server = await startServer({ database: file, port });
		const db = new Database(file, { readonly: true });
		try {
			expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
			const notes = new Set((db.prepare("select note from act_versions where note like '%crash test%'").all() as { note: string }[]).map((r) => r.note));
			expect(acknowledged.length).toBeGreaterThanOrEqual(40);
			expect(acknowledged.filter((n) => !notes.has(n))).toEqual([]);
		} finally {
			db.close();
		}
	} finally {
		await server.stop();
		scratch.remove();
	}
});
