// The two revisions, each moved by what changes it: the treaty record's (what an import preview
// and the in-memory record depend on) and the public state's (what the page cache is keyed by).
// A password change leaves an open import preview valid; a focal point's draft leaves every
// public page as it was; a correction moves both; reference data brought in again by a command
// (as `npm run import` does when data/ changed) moves both, and a server already running stops
// sending the page it had. Every one of these changes leaves its audit entry.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as audit from '../../src/lib/server/audit/log';
import { inTransaction, type Db } from '../../src/lib/server/db';
import * as pageCache from '../../src/lib/server/http/page-cache';
import * as identity from '../../src/lib/server/accounts/identity';
import * as tokens from '../../src/lib/server/accounts/tokens';
import * as users from '../../src/lib/server/accounts/users';
import * as participation from '../../src/lib/server/record/participation';
import * as records from '../../src/lib/server/record/record';
import * as progress from '../../src/lib/server/reviews/progress';
import * as questionnaire from '../../src/lib/server/reviews/questionnaire';
import * as reviews from '../../src/lib/server/reviews/reviews';
import * as files from '../../src/lib/server/sources/import-files';
import * as imports from '../../src/lib/server/sources/imports';
import { openDatabase } from '../../src/lib/server/sources/open';
import { DATA_DIR, currentActs, freshDb, withDataCopy, aDrawnReviewer, databaseAt } from './db';

const PASSWORD = 'a long enough passphrase';
const TIP = 'raw/crba_etl_2023_normlex_untc/untc_XVIII-12-a_X-4.csv';

/** Both revisions, read straight from the database. */
async function revisions(db: Db) {
	const row = await db.selectFrom('record_meta').select(['revision', 'public_revision']).executeTakeFirstOrThrow();
	return { record: row.revision, public: row.public_revision };
}

function asked(url: string): pageCache.Asked {
	return { method: 'GET', url, header: () => null };
}

/** A page for `url` rendered into `cache`, as the hook does on a miss; its ETag. */
async function rendered(cache: pageCache.PageCache, url: string, html = '<!doctype html><p>Colombia: ratification, 4 Aug 2004</p>') {
	await cache.answer(asked(url), async () => new Response(html, { headers: { 'content-type': 'text/html' } }));
	return cache.readyAnswer(asked(url))!.headers.etag;
}

const entries = (db: Db, entity: string) => db.selectFrom('audit_log').select(['action', 'actor', 'summary', 'after']).where('entity', '=', entity).orderBy('id').execute();

describe('a change to the treaty record', () => {
	test('a correction moves both revisions, builds the record again and gives public pages a new ETag', async () => {
		const db = await freshDb();
		const cache = new pageCache.PageCache(db);
		const etag = await rendered(cache, '/participants/COL');
		const before = await revisions(db);
		const record = await records.get(db);
		await participation.correct(db, {
			act: { instrument: 'untoc', participant: 'COL', kind: 'consent', seq: 1 },
			changes: { date: '2004-08-05' },
			source: 'transcribed-facts-2026',
			reason: 'the depositary notification gives 5 August 2004',
			actor: 'a test'
		});
		expect(await revisions(db)).toEqual({ record: before.record + 1, public: before.public + 1 });
		expect(await records.get(db)).not.toBe(record);
		expect(cache.readyAnswer(asked('/participants/COL'))).toBeNull();
		expect(cache.validate(asked('/participants/COL')).etag).not.toBe(etag);
	});

	test('reference data brought in again by a command moves both, and a running server stops sending what it had', async () => {
		await withDataCopy(async (dir) => {
			const file = join(dir, 'tracker.db');
			// the server: its database and its page cache, a page stored
			const server = await openDatabase(await databaseAt(file), { dataDir: dir });
			const cache = new pageCache.PageCache(server);
			const etag = await rendered(cache, '/instruments/firearms-protocol');
			const record = await records.get(server);
			const before = await revisions(server);
			// data/ changes: the Wikipedia mirror's count of Firearms Protocol parties is dropped
			const totals = join(dir, 'published-totals.csv');
			const lines = readFileSync(totals, 'utf8').split('\n');
			writeFileSync(totals, lines.filter((l) => !l.startsWith('firearms-protocol,2020-05,')).join('\n'));
			// a command (npm run import, draw, user:create) opens the database: the reference is brought in
			const command = await openDatabase(await databaseAt(file), { dataDir: dir });
			expect(await command.selectFrom('published_totals').select('as_of').where('instrument_slug', '=', 'firearms-protocol').where('as_of', '=', '2020-05').execute()).toEqual([]);
			await command.destroy();

			expect(await revisions(server)).toEqual({ record: before.record + 1, public: before.public + 1 });
			expect(cache.readyAnswer(asked('/instruments/firearms-protocol'))).toBeNull();
			expect(cache.validate(asked('/instruments/firearms-protocol')).etag).not.toBe(etag);
			expect(await records.get(server)).not.toBe(record);
			const [entry] = await entries(server, 'reference');
			expect(entry).toMatchObject({ action: 'sync', actor: 'seed data' });
			expect(entry.summary).toMatch(/^the reference files .* brought in again/);
			// opened again with the same files: nothing to bring in, nothing moves
			await (await openDatabase(await databaseAt(file), { dataDir: dir })).destroy();
			expect(await revisions(server)).toEqual({ record: before.record + 1, public: before.public + 1 });
			await server.destroy();
		});
	});
});

describe('changes that are not the treaty record', () => {
	test('a password change leaves an open import preview valid: it applies', async () => {
		const db = await freshDb();
		const editor = await users.createUser(db, { email: 'editor@example.org', role: 'editor', password: PASSWORD, actor: 'a test' });
		const actor = identity.actorOf(editor, '192.0.2.1');
		const page = readFileSync(join(DATA_DIR, TIP), 'utf8').replace('Pakistan;;4 Nov 2022 a', 'Pakistan;;5 Nov 2022 a');
		const file = await files.keep(db, { name: 'X-4-later.csv', text: page, actor });
		const req = { instrument: 'trafficking-protocol', fileId: file.id, format: null, asOf: '2023-07-01', origin: null, mapping: null };
		const { preview, revision } = await files.preview(db, req);
		const before = await revisions(db);

		// while the preview is open, the editor changes their password (another tab)
		await users.changePassword(db, { user: editor, current: PASSWORD, password: 'another long passphrase', keep: undefined, address: '192.0.2.1' });
		expect(await revisions(db)).toEqual(before);

		const key = imports.actKey(preview.diff.changed[0].incoming);
		const done = await files.apply(db, { ...req, basedOn: revision, ticked: [key], actor, pastedFrom: null });
		expect(done.written).toBe(1);
		expect((await currentActs(db, 'trafficking-protocol', 'PAK')).map((a) => a.date)).toEqual(['2022-11-05']);
		expect((await entries(db, 'user')).map((e) => e.action)).toEqual(['create', 'change-password']);
	});

	test('accounts, API tokens, kept files and remembered column mappings are audited and move neither revision', async () => {
		const db = await freshDb();
		const cache = new pageCache.PageCache(db);
		const etag = await rendered(cache, '/');
		const before = await revisions(db);
		const secretariat = await users.createUser(db, { email: 'secretariat@example.org', role: 'secretariat', password: PASSWORD, actor: 'a test' });
		const editor = await users.createUser(db, { email: 'editor@example.org', role: 'editor', password: PASSWORD, actor: 'a test' });
		await users.updateUser(db, { id: editor.id, version: 1, role: 'editor', name: 'Ana Editor', disabled: false, by: secretariat, address: null });
		const made = await tokens.createToken(db, { user: editor, name: 'nightly import', address: '192.0.2.1' });
		expect(await tokens.revokeToken(db, { user: editor, id: made.id, address: '192.0.2.1' })).toBe(true);
		// revoked already: nothing changes, nothing is written
		expect(await tokens.revokeToken(db, { user: editor, id: made.id })).toBe(false);
		const actor = identity.actorOf(editor, '192.0.2.1');
		await files.keep(db, { name: 'pasted-untc.tsv', text: 'Afghanistan\t\t15 Aug 2014 a', actor });
		await files.rememberMapping(db, { origin: 'untc', mapping: { header: false, columns: ['participant', 'signature', 'consent'] }, header: null, actor });
		// the same mapping again is no change
		await files.rememberMapping(db, { origin: 'untc', mapping: { header: false, columns: ['participant', 'signature', 'consent'] }, header: null, actor });

		expect(await revisions(db)).toEqual(before);
		expect(cache.readyAnswer(asked('/'))!.headers.etag).toBe(etag);
		const tokenEntries = await entries(db, 'token');
		expect(tokenEntries.map((e) => [e.action, e.actor, e.summary])).toEqual([
			['create', 'editor@example.org', 'account editor@example.org: API token “nightly import” made'],
			['revoke', 'editor@example.org', 'account editor@example.org: API token “nightly import” revoked']
		]);
		// an entry names a token, never its value
		expect(JSON.stringify(tokenEntries)).not.toContain(made.token);
		expect((await entries(db, 'import-file')).map((e) => [e.action, e.actor])).toEqual([['keep', 'editor@example.org']]);
		expect((await entries(db, 'column-mapping')).map((e) => [e.action, e.summary])).toEqual([['remember', 'tables pasted from UN Treaty Collection: columns participant, signature, consent']]);
	});

	test('a focal point’s draft leaves the public ETag alone; the review’s launch and its stage moves change it', async () => {
		const db = await freshDb();
		const cache = new pageCache.PageCache(db);
		const secretariat = { actor: { label: 'a test', userId: null, role: 'secretariat', address: null }, id: null, role: 'secretariat' as const, participant: null };
		// Pakistan drawn to review India (a scenario, not a draw: the draw has its own tests)
		await aDrawnReviewer(db, { state: 'IND', reviewer: 'PAK' });
		const start = await revisions(db);
		const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: null, states: ['IND'], on: '2020-10-12', actor: secretariat.actor });
		expect(await revisions(db)).toEqual({ record: start.record, public: start.public + 1 });

		const etag = await rendered(cache, '/reviews');
		let review = (await reviews.get(db, id))!;
		const item = review.items[0];
		await questionnaire.saveAnswer(db, review, secretariat, { instrument: item.instrument, article: item.article, text: 'A draft answer.', status: null, legislation: [], basedOn: review.version });
		review = (await reviews.get(db, id))!;
		await progress.nameSomeone(db, review, secretariat, { participant: 'IND', role: 'focal-point', name: 'Priya Sharma', userId: null, basedOn: review.version });
		expect(await revisions(db)).toEqual({ record: start.record, public: start.public + 1 });
		expect(cache.readyAnswer(asked('/reviews'))!.headers.etag).toBe(etag);

		// the stage it reached is public
		review = (await reviews.get(db, id))!;
		await progress.moveTo(db, review, secretariat, { to: 'focal-point-named', on: '2020-10-20', reason: null, basedOn: review.version });
		expect(await revisions(db)).toEqual({ record: start.record, public: start.public + 2 });
		expect(cache.readyAnswer(asked('/reviews'))).toBeNull();
		expect((await entries(db, 'review')).map((e) => e.action)).toEqual(['launch', 'answer', 'name', 'move']);
	});
});

describe('the one door', () => {
	test('a change is written inside its transaction, and only a change the table of changes knows', async () => {
		const db = await freshDb();
		const entry = { actor: 'a test', entity: 'token', action: 'create', entityId: 1, summary: 'a token', before: null, after: null, sourceId: null, reason: null } as const;
		await expect(audit.write(db as never, [entry])).rejects.toThrow(/inside its transaction/);
		await expect(inTransaction(db, (trx) => audit.write(trx, [{ ...entry, action: 'delete' } as never]))).rejects.toThrow(/"token"\/"delete" is not a change/);
		expect(await db.selectFrom('audit_log').select('id').where('entity', '=', 'token').execute()).toEqual([]);
	});

	test('the public sees a review’s launch, stages and follow-ups, not the work inside it; accounts are nobody’s public', () => {
		expect(audit.actionsOf('review', (r) => r.public).sort()).toEqual(['follow-up', 'launch', 'move']);
		expect(audit.actionsOf('review', (r) => !r.public).sort()).toEqual(['agree', 'answer', 'comment', 'language', 'name', 'observe', 'question', 'summary', 'upload']);
		expect(audit.actionsOf('user', (r) => r.moves !== null)).toEqual([]);
		expect(audit.actionsOf('token', (r) => r.moves !== null)).toEqual([]);
		for (const entity of ['act', 'source', 'alias', 'import', 'reference'] as const) expect(audit.actionsOf(entity, (r) => r.moves !== 'record')).toEqual([]);
	});
});
