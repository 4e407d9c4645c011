// Two instances of the app on one database — what several servers behind a load balancer are —
// on SQLite (one file opened twice) and on PostgreSQL (one database, two pools): what one writes
// the other reads, and a stored public answer of one is not served after the other's write; on
// PostgreSQL, the checks SQLite's single writer gave for free (the 409 on a stale edit, the
// sign-in throttle's reserved attempts) hold when both write at once.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { createDb, exclusively, revisionsFresh, type Db } from '../../src/lib/server/db';
import * as identity from '../../src/lib/server/accounts/identity';
import * as sessions from '../../src/lib/server/accounts/sessions';
import * as users from '../../src/lib/server/accounts/users';
import * as pageCache from '../../src/lib/server/http/page-cache';
import * as editing from '../../src/lib/server/record/editing';
import * as participation from '../../src/lib/server/record/participation';
import * as records from '../../src/lib/server/record/record';
import { closedAfter, onPostgres, sharedDatabase } from './db';

// Germany's ratification of the Trafficking Protocol, as the record has it (data/record/acts.csv)
const DEU_TIP = { instrument: 'trafficking-protocol', participant: 'DEU', kind: 'consent', seq: 1 } as const;
const PASSWORD = 'a long enough passphrase';

let a: Db;
let b: Db;
let remove: () => void;
beforeEach(async () => {
	const shared = await sharedDatabase();
	remove = shared.remove;
	a = closedAfter(createDb(shared.target));
	b = closedAfter(createDb(shared.target));
});
afterEach(async () => {
	await a.destroy();
	await b.destroy();
	remove();
});

/** Polls `check` until it holds, for a second at most; how long it took (ms), or null. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number | null> {
	const t0 = performance.now();
	while (performance.now() - t0 < ms) {
		if (await check()) return performance.now() - t0;
		await new Promise((r) => setTimeout(r, 10));
	}
	return null;
}

const asked = (url: string): pageCache.Asked => ({ method: 'GET', url, header: () => null });

describe('two instances on one database', () => {
	test('a correction written through one is read through the other within a second, and the other’s stored page gets a new ETag', async () => {
		const editor = await users.createUser(a, { email: 'editor@example.org', role: 'editor', actor: 'a test' });
		const before = (await records.get(b)).instruments.get('trafficking-protocol')!;
		// instance b stores the Trafficking Protocol's page
		const cache = new pageCache.PageCache(b);
		await cache.answer(asked('/instruments/trafficking-protocol'), async () => new Response('<!doctype html><p>the page</p>', { headers: { 'content-type': 'text/html' } }));
		const etag = cache.readyAnswer(asked('/instruments/trafficking-protocol'))!.headers.etag;

		const act = (await participation.find(a, DEU_TIP))!;
		const note = 'checked against the depositary’s table (two instances)';
		const out = await editing.correct(a, { id: act.id, basedOn: act.version, changes: { note }, source: act.attributes.source_id, reason: 'a note', actor: identity.actorOf(editor, '203.0.113.7') });
		expect(out.ok).toBe(true);

		const took = await within(1000, async () => (await records.get(b)).instruments.get('trafficking-protocol') !== before);
		expect(took).not.toBeNull();
		expect(cache.readyAnswer(asked('/instruments/trafficking-protocol'))?.headers.etag ?? null).not.toBe(etag);
		expect((await participation.find(b, DEU_TIP))!.attributes.note).toBe(note);
	});

	// Two SQLite instances are two processes (the server and a command: the e2e tests): in one
	// thread, better-sqlite3's synchronous wait for the write lock would stop the holder too.
	test.runIf(onPostgres)('two corrections of one act from one version, one through each at once: one is written, the other told (409), the log holds one', async () => {
		const editor = await users.createUser(a, { email: 'editor@example.org', role: 'editor', actor: 'a test' });
		const act = (await participation.find(a, DEU_TIP))!;
		const correct = (db: Db, note: string) =>
			editing.correct(db, { id: act.id, basedOn: act.version, changes: { note }, source: act.attributes.source_id, reason: note, actor: identity.actorOf(editor, '203.0.113.7') });
		const outcomes = await Promise.all([correct(a, 'through the first instance'), correct(b, 'through the second instance')]);
		expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
		const refused = outcomes.find((o): o is editing.Refused => !o.ok)!;
		expect(refused.status).toBe(409);
		const versions = await a.selectFrom('act_versions').select('version').where('act_id', '=', act.id).orderBy('version').execute();
		expect(versions.map((v) => v.version)).toEqual([act.version, act.version + 1]);
		const entries = await a.selectFrom('audit_log').select('id').where('entity', '=', 'act').where('entity_id', '=', String(act.id)).execute();
		expect(entries).toHaveLength(2); // its seed and the one correction
	});

	test.runIf(onPostgres)('sixty guesses at once, split between the two, the right password last: five are checked, none signs in', async () => {
		await users.createUser(a, { email: 'secretariat@example.org', role: 'secretariat', password: PASSWORD, actor: 'a test' });
		const now = new Date('2026-11-30T12:00:00Z');
		const guesses = Array.from({ length: 60 }, (_, i) => (i === 59 ? PASSWORD : `wrong guess number ${i}`));
		const results = await Promise.all(
			guesses.map((password, i) => sessions.signIn(i % 2 ? b : a, { email: 'secretariat@example.org', password, address: '203.0.113.9', now }))
		);
		expect(results.filter((r) => r.ok)).toEqual([]);
		expect(results.filter((r) => !r.ok && !r.throttled)).toHaveLength(5);
		expect(await a.selectFrom('sign_in_attempts').select('id').execute()).toHaveLength(5);
	});
});

describe.runIf(onPostgres)('when an instance stops hearing of the others’ writes', () => {
	// (The window between the cut and listening again is too short to write in from a test: the
	// next read reconnects at once. What is checked: nothing written around the cut is missed.)
	test('its listening connection cut, it listens again and reads what was written meanwhile — never an old record', async () => {
		const editor = await users.createUser(a, { email: 'editor@example.org', role: 'editor', actor: 'a test' });
		await records.get(b);
		expect(await within(2000, async () => revisionsFresh(b))).not.toBeNull();
		// the database ends b's listening connection (a restart, a failover, an idle timeout)
		const { rows } = await sql<{ ended: boolean }>`select pg_terminate_backend(pid) as ended from pg_stat_activity
			where datname = current_database() and query like 'listen %'`.execute(a);
		expect(rows.map((r) => r.ended)).toEqual([true]);
		expect(await within(1000, async () => !revisionsFresh(b))).not.toBeNull();

		// a correction through a, around b's reconnection: b's next read has it
		const act = (await participation.find(a, DEU_TIP))!;
		const note = 'written while the other instance was not listening';
		const out = await editing.correct(a, { id: act.id, basedOn: act.version, changes: { note }, source: act.attributes.source_id, reason: 'a note', actor: identity.actorOf(editor, '203.0.113.7') });
		expect(out.ok).toBe(true);
		const record = await records.get(b);
		expect(record.revision).toBe((await a.selectFrom('record_meta').select('revision').executeTakeFirstOrThrow()).revision);
		expect((await participation.find(b, DEU_TIP))!.attributes.note).toBe(note);
		// and it listens
		expect(await within(3000, async () => revisionsFresh(b))).not.toBeNull();
	});
});

describe.runIf(onPostgres)('rounds run once per database', () => {
	test('a mail or refresh round another instance is running is not run again: the second gets null, and runs once the first is done', async () => {
		let finish!: () => void;
		const first = exclusively(a, 'mail round', () => new Promise<string>((r) => (finish = () => r('first'))));
		// the first holds its lock once its connection has asked for it
		await new Promise((r) => setTimeout(r, 200));
		expect(await exclusively(b, 'mail round', async () => 'second')).toBeNull();
		expect(await exclusively(b, 'refresh round', async () => 'another task')).toBe('another task');
		finish();
		expect(await first).toBe('first');
		expect(await exclusively(b, 'mail round', async () => 'second')).toBe('second');
	});
});
