// Reading the audit log: real changes made through the write path (an editor corrects
// Colombia's consent to UNTOC), found again by participant, instrument, person, kind and date,
// a page at a time; and "last changed … by …" as the public and as an editor read it.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { inTransaction } from '../../src/lib/server/db';
import * as audit from '../../src/lib/server/audit/log';
import * as identity from '../../src/lib/server/accounts/identity';
import * as users from '../../src/lib/server/accounts/users';
import * as participation from '../../src/lib/server/record/participation';
import * as sources from '../../src/lib/server/record/catalogue';
import { roleWords, sentence } from '../../src/lib/last-change';
import { freshDb } from './db';

const COL_UNTOC = { instrument: 'untoc', participant: 'COL', kind: 'consent', seq: 1 } as const;
const EDITOR = 'Editor.One@Example.org';
const ADDRESS = '203.0.113.7';
/** A newer UNTOC status table, brought in by an import (no act changes). */
const UNTOC_TABLE = { id: 'untc-xviii-12-2026-test', title: 'UN Treaty Collection, status of UNTOC (XVIII-12), a test copy' };

/** "30 November 2026": the day as people read it, worked out apart from the app's own formatting. */
const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

let db: Db;
let editor: identity.SignedIn;
let secretariat: identity.SignedIn;
/** How many acts the seed gave each: one audit entry each. */
let seeded: { COL: number; untoc: number; all: number };

/** Brings the newer UNTOC table into the catalogue, as an import does (once). */
async function addUntocTable() {
	if (await db.selectFrom('sources').select('id').where('id', '=', UNTOC_TABLE.id).executeTakeFirst()) return;
	await inTransaction(db, (trx) =>
		sources.add(trx, {
			...UNTOC_TABLE, file: null, origin: 'a test', recorded_on: '2026-01-15', recorded_on_note: null, partial: 0, licence: null,
			note: null, table_of: 'untoc', format: null, sha256: null, added_by: `import: ${UNTOC_TABLE.id}`
		})
	);
}

async function actIds(where: { participant?: string; instrument?: string }) {
	let q = db.selectFrom('acts').select('id');
	if (where.participant) q = q.where('participant_code', '=', where.participant);
	if (where.instrument) q = q.where('instrument_slug', '=', where.instrument);
	return new Set((await q.execute()).map((r) => String(r.id)));
}

beforeAll(async () => {
	db = await freshDb();
	const count = async (where: { participant?: string; instrument?: string }) => (await actIds(where)).size;
	seeded = { COL: await count({ participant: 'COL' }), untoc: await count({ instrument: 'untoc' }), all: await count({}) };
	editor = await users.createUser(db, { email: EDITOR, role: 'editor', actor: 'a test' });
	secretariat = await users.createUser(db, { email: 'secretariat@example.org', role: 'secretariat', actor: 'a test' });
	await participation.correct(db, {
		act: COL_UNTOC,
		changes: { date: '2004-08-05' },
		source: 'transcribed-facts-2026',
		reason: 'the depositary notification gives 5 August <2004>',
		actor: identity.actorOf(editor, ADDRESS)
	});
	// the secretariat corrects France's signature of the Trafficking Protocol: not Colombia, not UNTOC
	await participation.correct(db, {
		act: { instrument: 'trafficking-protocol', participant: 'FRA', kind: 'signature', seq: 1 },
		changes: { note: 'checked against the depositary notification' },
		source: 'transcribed-facts-2026',
		reason: 'a note',
		actor: identity.actorOf(secretariat, ADDRESS)
	});
}, 60_000);

describe('searching the log', () => {
	test('by participant: every change to Colombia’s acts, the editor’s correction first, with who, role, address, source, reason and the fields that changed', async () => {
		const { entries, total } = await audit.search(db, { scope: audit.EVERYTHING,  participant: 'COL', limit: 100 });
		expect(total).toBe(seeded.COL + 1);
		const colActs = await actIds({ participant: 'COL' });
		expect(entries.every((e) => e.entity === 'act' && colActs.has(e.entityId))).toBe(true);
		expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => b - a));
		const [first] = entries;
		expect(first).toMatchObject({
			actor: 'editor.one@example.org',
			userId: editor.id,
			role: 'editor',
			address: ADDRESS,
			action: 'correct',
			sourceId: 'transcribed-facts-2026',
			reason: 'the depositary notification gives 5 August <2004>',
			act: { instrument: 'untoc', participant: 'COL', participantName: 'Colombia', instrumentTitle: 'UNTOC' }
		});
		expect(first.summary).toBe('COL · untoc · consent: ratification 2004-08-04 → ratification 2004-08-05');
		expect(first.changes).toEqual([
			{ field: 'date', before: '2004-08-04', after: '2004-08-05' },
			{ field: 'source_id', before: 'untc-xviii-12-2014', after: 'transcribed-facts-2026' },
			{ field: 'source_line', before: '37', after: null }
		]);
		// a seeded act lists what it was given
		const seed = entries.find((e) => e.action === 'record' && e.summary.startsWith('COL · untoc · signature'))!;
		expect(seed).toMatchObject({ actor: 'seed data', userId: null, role: null });
		expect(seed.changes).toContainEqual({ field: 'date', before: null, after: '2000-12-12' });
	});

	test('the participant code is read in any case; with an instrument too, only that instrument’s acts', async () => {
		expect((await audit.search(db, { scope: audit.EVERYTHING,  participant: 'col' })).total).toBe(seeded.COL + 1);
		const both = await audit.search(db, { scope: audit.EVERYTHING,  participant: 'COL', instrument: 'untoc' });
		expect(both.entries.map((e) => e.summary).sort()).toEqual([
			'COL · untoc · consent: ratification 2004-08-04',
			'COL · untoc · consent: ratification 2004-08-04 → ratification 2004-08-05',
			'COL · untoc · signature: signature 2000-12-12'
		]);
	});

	test('by instrument: its acts, and a status table of it brought in by an import', async () => {
		expect((await audit.search(db, { scope: audit.EVERYTHING,  instrument: 'untoc' })).total).toBe(seeded.untoc + 1);
		const other = await audit.search(db, { scope: audit.EVERYTHING,  instrument: 'trafficking-protocol', action: 'correct' });
		expect(other.entries.map((e) => e.summary)).toEqual([expect.stringMatching(/^FRA · trafficking-protocol · signature/)]);
	});

	test('by person: an account by its email (in any case), or a process by its label', async () => {
		const mine = await audit.search(db, { scope: audit.EVERYTHING,  user: 'EDITOR.ONE@example.org' });
		expect(mine.entries.map((e) => [e.actor, e.action, e.summary.slice(0, 15)])).toEqual([['editor.one@example.org', 'correct', 'COL · untoc · c']]);
		const theirs = await audit.search(db, { scope: audit.EVERYTHING,  user: 'secretariat@example.org' });
		expect(theirs.entries.map((e) => e.act?.participant)).toEqual(['FRA']);
		expect((await audit.search(db, { scope: audit.EVERYTHING,  user: 'seed data' })).total).toBe(seeded.all);
		expect((await audit.search(db, { scope: audit.EVERYTHING,  user: 'a test', entity: 'user' })).entries.map((e) => e.summary)).toEqual([
			'account secretariat@example.org: secretariat',
			'account editor.one@example.org: editor'
		]);
	});

	test('by kind of change and by date (UTC days, both ends included)', async () => {
		expect((await audit.search(db, { scope: audit.EVERYTHING,  action: 'correct' })).entries.map((e) => e.act?.participant)).toEqual(['FRA', 'COL']);
		expect((await audit.search(db, { scope: audit.EVERYTHING,  entity: 'user' })).total).toBe(2);
		const today = new Date().toISOString().slice(0, 10);
		const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
		const everything = seeded.all + 4;
		expect((await audit.search(db, { scope: audit.EVERYTHING,  from: today, to: today })).total).toBe(everything);
		expect((await audit.search(db, { scope: audit.EVERYTHING,  to: today })).total).toBe(everything);
		expect((await audit.search(db, { scope: audit.EVERYTHING,  from: tomorrow })).total).toBe(0);
		expect((await audit.search(db, { scope: audit.EVERYTHING,  to: '2025-12-31' })).entries).toEqual([]);
	});

	test('a filter that names nothing known is refused, naming the field', async () => {
		const refused = (f: audit.Filters & audit.Paging) => audit.search(db, { ...f, scope: audit.EVERYTHING }).then(() => null, (e: unknown) => e);
		const cases: [audit.Filters & audit.Paging, string, RegExp][] = [
			[{ participant: 'XXX' }, 'participant', /no participant with the code "XXX"/],
			[{ instrument: 'untok' }, 'instrument', /no instrument "untok"/],
			[{ user: 'nobody@example.org' }, 'user', /nobody@example\.org/],
			[{ action: 'delete' }, 'action', /"delete" is not a kind of change/],
			[{ entity: 'treaty' }, 'entity', /"treaty" is not a kind of thing/],
			[{ from: '2026-02-30' }, 'from', /YYYY-MM-DD/],
			[{ from: '2026-12-01', to: '2026-11-30' }, 'to', /before the first day/],
			[{ before: 10, after: 5 }, 'after', /not both/]
		];
		for (const [filters, field, message] of cases) {
			const e = await refused(filters);
			expect(e, field).toBeInstanceOf(audit.FilterError);
			expect((e as audit.FilterError).field).toBe(field);
			expect((e as Error).message).toMatch(new RegExp(`^${field}: `));
			expect((e as Error).message).toMatch(message);
		}
		expect(() => audit.filtersFrom(new URLSearchParams('before=12abc'))).toThrow(/^before: must be the number of an entry/);
		expect(audit.filtersFrom(new URLSearchParams('participant=COL&user=&before=40'))).toEqual({ participant: 'COL', before: 40 });
	});
});

describe('paging (keyset on the entry id)', () => {
	test('older and newer pages meet without a gap or an overlap, and a new entry does not shift them', async () => {
		const first = await audit.search(db, { scope: audit.EVERYTHING,  limit: 10 });
		expect(first.newer).toBeNull();
		expect(first.older).toBe(first.entries[9].id);
		const second = await audit.search(db, { scope: audit.EVERYTHING,  limit: 10, before: first.older! });
		expect(second.entries[0].id).toBeLessThan(first.entries[9].id);
		const ids = [...first.entries, ...second.entries].map((e) => e.id);
		const all = (await db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(20).execute()).map((r) => r.id);
		expect(ids).toEqual(all);
		expect(second.newer).toBe(second.entries[0].id);
		const back = await audit.search(db, { scope: audit.EVERYTHING,  limit: 10, after: second.newer! });
		expect(back.entries.map((e) => e.id)).toEqual(first.entries.map((e) => e.id));
		expect(back.newer).toBeNull();

		// a change made meanwhile appears on the newest page, not on the page already opened
		await addUntocTable();
		expect((await audit.search(db, { scope: audit.EVERYTHING,  limit: 10, before: first.older! })).entries.map((e) => e.id)).toEqual(second.entries.map((e) => e.id));
		const newest = await audit.search(db, { scope: audit.EVERYTHING,  limit: 10 });
		expect(newest.entries[0]).toMatchObject({ entity: 'source', action: 'add', entityId: UNTOC_TABLE.id });
		// the table is a change to UNTOC's record, not to any participant's
		expect((await audit.search(db, { scope: audit.EVERYTHING,  instrument: 'untoc', limit: 1 })).entries[0].entityId).toBe(UNTOC_TABLE.id);
		expect((await audit.search(db, { scope: audit.EVERYTHING,  participant: 'COL', limit: 1 })).entries[0].action).toBe('correct');
	});

	test('paging a filter walks exactly its entries, the oldest page saying there is no older one', async () => {
		const walked: number[] = [];
		let before: number | undefined;
		let pages = 0;
		for (;;) {
			const page = await audit.search(db, { scope: audit.EVERYTHING,  participant: 'COL', limit: 4, before });
			walked.push(...page.entries.map((e) => e.id));
			pages++;
			if (page.older === null) break;
			before = page.older;
		}
		const colActs = await actIds({ participant: 'COL' });
		const expected = (await db.selectFrom('audit_log').select(['id', 'entity', 'entity_id']).orderBy('id', 'desc').execute())
			.filter((r) => r.entity === 'act' && colActs.has(r.entity_id))
			.map((r) => r.id);
		expect(walked).toEqual(expected);
		expect(pages).toBe(Math.ceil(expected.length / 4));
		const every: number[] = [];
		for await (const e of audit.all(db, { scope: audit.EVERYTHING,  participant: 'COL' })) every.push(e.id);
		expect(every).toEqual(expected);
	});
});

describe('last changed … by …', () => {
	test('the public reads the role and the day, never the email; an editor reads the email and a link to the log', async () => {
		const publicly = (await audit.lastChange(db, { participant: 'COL' }, { person: false }))!;
		expect(sentence(publicly)).toBe(`Last changed on ${day(publicly.at)} by an editor of the record.`);
		expect(JSON.stringify(publicly)).not.toMatch(/@|editor\.one/);
		expect(publicly.auditHref).toBeNull();
		const privately = (await audit.lastChange(db, { participant: 'COL' }, { person: true }))!;
		expect(sentence(privately)).toBe(`Last changed on ${day(privately.at)} by an editor of the record (editor.one@example.org).`);
		expect(privately.auditHref).toBe('/audit?participant=COL');
		const france = (await audit.lastChange(db, { participant: 'FRA' }, { person: false }))!;
		expect(sentence(france)).toBe(`Last changed on ${day(france.at)} by the secretariat.`);
	});

	test('the seed and an import read as such', async () => {
		const india = (await audit.lastChange(db, { participant: 'IND' }, { person: true }))!;
		expect(sentence(india)).toBe(`Last changed on ${day(india.at)}, seeded from the data files.`);
		expect(india.by).toEqual({ kind: 'seed' });
		// the UNTOC table added by the paging test above, or here when this test runs alone
		await addUntocTable();
		const untoc = (await audit.lastChange(db, { instrument: 'untoc' }, { person: false }))!;
		expect(untoc.by).toEqual({ kind: 'import', source: UNTOC_TABLE });
		expect(sentence(untoc)).toBe(`Last changed on ${day(untoc.at)} by an import of ${UNTOC_TABLE.title}.`);
		expect(await audit.lastChange(db, { instrument: 'untoc' }, { person: true })).toMatchObject({ auditHref: '/audit?instrument=untoc' });
	});

	test('roles as a sentence says them', () => {
		expect(['secretariat', 'editor', 'focal-point', 'reviewer', null].map(roleWords)).toEqual([
			'the secretariat',
			'an editor of the record',
			'a focal point',
			'a reviewer',
			'a signed-in user'
		]);
	});
});

describe('before and after, field by field', () => {
	test('text stays text; what was not there reads as nothing', () => {
		expect(audit.fieldChanges('{"note":"<b>x</b>","n":1}', '{"note":"<script>alert(1)</script>","n":1,"flags":["a"]}')).toEqual([
			{ field: 'note', before: '<b>x</b>', after: '<script>alert(1)</script>' },
			{ field: 'flags', before: null, after: '["a"]' }
		]);
		expect(audit.fieldChanges(null, null)).toEqual([]);
		expect(audit.fieldChanges(null, 'not json')).toEqual([{ field: 'value', before: null, after: 'not json' }]);
	});
});
