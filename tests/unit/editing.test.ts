// Editing the record as people do, through the forms' and the API's one door (editing.ts): the
// source an edit gives joins the catalogue in the edit's own transaction, every change says who
// made it, from where and why, and two people saving the same act lose nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeEach, describe, expect, test } from 'vitest';
import * as identity from '../../src/lib/server/accounts/identity';
import * as users from '../../src/lib/server/accounts/users';
import type { SignedIn } from '../../src/lib/server/accounts/identity';
import type { Db } from '../../src/lib/server/db';
import * as editing from '../../src/lib/server/record/editing';
import { document } from '../../src/lib/server/http/openapi';
import * as participation from '../../src/lib/server/record/participation';
import * as records from '../../src/lib/server/record/record';
import * as sources from '../../src/lib/server/record/catalogue';
import * as status from '../../src/lib/server/record/status';
import { GET as listActs, POST as recordAct } from '../../src/routes/api/v1/instruments/[slug]/events/+server';
import { POST as correctAct } from '../../src/routes/api/v1/acts/[id=id]/corrections/+server';
import { POST as retractAct } from '../../src/routes/api/v1/acts/[id=id]/retractions/+server';
import { DATA_DIR, freshDb } from './db';

const INSTRUMENTS: { slug: string; source_url: string }[] = JSON.parse(readFileSync(join(DATA_DIR, 'instruments.json'), 'utf8')).instruments;
/** The depositary's own page of an instrument, as data/instruments.json gives it. */
const depositaryPage = (slug: string) => INSTRUMENTS.find((i) => i.slug === slug)!.source_url;
const C189_PAGE = depositaryPage('ilo-c189');
const TIP_PAGE = depositaryPage('trafficking-protocol');

// Germany's ratification of C189 is dated 20 September 2012 in the Swiss table, which also gives
// its entry into force as 20 September 2014; C189 art. 21(3) puts that twelve months after the
// registration, and the record's own note says WIEGO lists Germany under 2013.
const DEU_C189 = { instrument: 'ilo-c189', participant: 'DEU', kind: 'consent', seq: 1 } as const;
const NORMLEX_DAY = '2013-09-20';

let db: Db;
let editor: SignedIn;
let secretariat: SignedIn;
beforeEach(async () => {
	db = await freshDb();
	editor = await users.createUser(db, { email: 'editor@example.org', role: 'editor', actor: 'a test' });
	secretariat = await users.createUser(db, { email: 'secretariat@example.org', role: 'secretariat', actor: 'a test' });
});

const as = (user: SignedIn, address = '203.0.113.7') => identity.actorOf(user, address);

async function entriesOf(entity: string, id: string | number) {
	return db.selectFrom('audit_log').selectAll().where('entity', '=', entity).where('entity_id', '=', String(id)).orderBy('id').execute();
}

describe('a correction from the form', () => {
	test('Germany’s C189 ratification, corrected to the day NORMLEX gives: a new version and a new source, audited together as the editor', async () => {
		const act = (await participation.find(db, DEU_C189))!;
		expect(act.attributes.date).toBe('2012-09-20');
		const out = await editing.correct(db, {
			id: act.id,
			basedOn: act.version,
			changes: { date: NORMLEX_DAY, quality_flag: null },
			source: C189_PAGE,
			reason: 'NORMLEX registers the ratification on 20 September 2013, which the entry into force (20 September 2014) confirms.',
			actor: as(editor)
		});
		expect(out.ok).toBe(true);
		if (!out.ok) return;
		expect(out.act).toMatchObject({ version: 2, attributes: { date: NORMLEX_DAY, precision: 'day', quality_flag: null, source_id: out.source.id } });
		expect(out.source).toEqual({ id: expect.stringMatching(/^web-normlex-ilo-org-/), added: true });
		expect(out.message).toBe('Corrected: Germany · ILO C189 Domestic Workers · consent, now ratification, 20 September 2013 (version 2).');

		const source = await db.selectFrom('sources').selectAll().where('id', '=', out.source.id).executeTakeFirstOrThrow();
		expect(source).toMatchObject({ origin: C189_PAGE, added_by: 'editor@example.org', table_of: null });
		const [sourceEntry] = await entriesOf('source', out.source.id);
		const [, correction] = await entriesOf('act', act.id);
		// one change: the source and the version in the same revision, each saying who, in what role, from where
		expect(sourceEntry.revision).toBe(correction.revision);
		for (const e of [sourceEntry, correction]) expect(e).toMatchObject({ actor: 'editor@example.org', user_id: editor.id, role: 'editor', address: '203.0.113.7' });
		expect(correction).toMatchObject({ action: 'correct', source_id: out.source.id, reason: expect.stringMatching(/^NORMLEX registers/) });

		// the public record reads the new day at once
		const ir = (await records.get(db)).instruments.get('ilo-c189')!;
		expect(status.view(await records.get(db), ir, 'DEU', '2026-01-01').consent).toMatchObject({ date: NORMLEX_DAY, kind: 'ratification' });

		// the same address later is the same source
		const again = await editing.correct(db, { id: act.id, basedOn: 2, changes: { note: 'ratified 20 September 2013' }, source: C189_PAGE, reason: 'a note', actor: as(editor) });
		expect(again.ok && again.source).toEqual({ id: out.source.id, added: false });
	});

	test('its history: every version with who wrote it, when and why', async () => {
		const act = (await participation.find(db, DEU_C189))!;
		await editing.correct(db, { id: act.id, basedOn: 1, changes: { date: NORMLEX_DAY }, source: C189_PAGE, reason: 'NORMLEX', actor: as(editor) });
		const history = await editing.history(db, (await editing.find(db, act.id))!);
		expect(history.map((v) => [v.version, v.by?.action, v.by?.actor, v.attributes.date])).toEqual([
			[2, 'correct', 'editor@example.org', NORMLEX_DAY],
			[1, 'record', 'seed data', '2012-09-20']
		]);
		expect(history[0]).toMatchObject({ reason: 'NORMLEX', by: { role: 'editor', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } });
	});

	test('a correction that changes nothing, or says no reason, is refused and writes nothing', async () => {
		const act = (await participation.find(db, DEU_C189))!;
		const revision = (await records.get(db)).revision;
		const same = await editing.correct(db, { id: act.id, basedOn: 1, changes: { date: '2012-09-20' }, source: act.attributes.source_id, reason: 'x', actor: as(editor) });
		expect(same).toMatchObject({ ok: false, status: 400, errors: [{ field: 'act', message: expect.stringMatching(/changes nothing/) }] });
		const unexplained = await editing.correct(db, { id: act.id, basedOn: 1, changes: { date: NORMLEX_DAY }, source: C189_PAGE, reason: ' ', actor: as(editor) });
		expect(unexplained).toMatchObject({ ok: false, status: 400, errors: [{ field: 'reason' }] });
		expect((await records.get(db)).revision).toBe(revision);
		expect(await db.selectFrom('sources').select('id').where('origin', '=', C189_PAGE).execute()).toEqual([]);
	});
});

describe('a refused form', () => {
	test('shows what was typed again, each field cut to what it takes: a 9,000-character mistake is not sent back whole', () => {
		const typed = { instrument: 'x'.repeat(9000), date: '2023-02-30', note: 'x'.repeat(9000), declarations: 'x'.repeat(9000), reason: 'because', source: 'x'.repeat(9000) };
		const shown = editing.refill(typed);
		expect(Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, v.length]))).toEqual({ instrument: 100, date: 10, note: 2000, declarations: 5000, reason: 7, source: 2000 });
		expect(shown.date).toBe('2023-02-30');
	});
});

describe('a source given as a notification reference', () => {
	test('joins the catalogue as its own source, named after the reference, added and audited as the person', async () => {
		// The example of the shape of a reference: this checks the catalogue, not a fact.
		const ref = sources.parseReference('C.N.123.2024.TREATIES-XVIII.12.a')!;
		const added = await db.transaction().execute((trx) => sources.fromReference(trx, ref, as(editor), '2026-12-01'));
		expect(added).toEqual({ id: 'cn-123-2024-xviii-12-a', added: true });
		expect(await db.selectFrom('sources').selectAll().where('id', '=', added.id).executeTakeFirstOrThrow()).toMatchObject({
			title: 'UN depositary notification C.N.123.2024.TREATIES-XVIII.12.a',
			recorded_on: null,
			recorded_on_note: 'issued in 2024; the day is not recorded',
			added_by: 'editor@example.org',
			table_of: null
		});
		expect(await entriesOf('source', added.id)).toMatchObject([{ action: 'add', actor: 'editor@example.org', role: 'editor', address: '203.0.113.7' }]);
		// given again, it is the same source
		expect(await db.transaction().execute((trx) => sources.fromReference(trx, ref, as(secretariat), '2026-12-02'))).toEqual({ id: added.id, added: false });
	});
});

describe('no lost update', () => {
	test('two people load the same act and both save: the second is told, nothing is lost, the log holds exactly one change', async () => {
		const act = (await participation.find(db, DEU_C189))!;
		const read = act.version; // both forms were made from this version
		const entries = (await entriesOf('act', act.id)).length;
		const [first, second] = await Promise.all([
			editing.correct(db, { id: act.id, basedOn: read, changes: { date: NORMLEX_DAY }, source: C189_PAGE, reason: 'NORMLEX gives 20 September 2013', actor: as(editor) }),
			editing.correct(db, {
				id: act.id,
				basedOn: read,
				changes: { note: 'checked against the ILO' },
				// another source than the first person's, to see that the second's is not kept either
				source: depositaryPage('untoc'),
				reason: 'a note',
				actor: as(secretariat, '198.51.100.4')
			})
		]);
		const outcomes = [first, second];
		const won = outcomes.filter((o) => o.ok);
		const lost = outcomes.filter((o): o is editing.Refused => !o.ok);
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(1);
		const winner = won[0] as Extract<editing.Outcome, { ok: true }>;
		const loser = lost[0];
		expect(loser.status).toBe(409);
		expect(loser.errors[0]).toMatchObject({ field: 'basedOn', message: expect.stringMatching(/^This act has changed since you read it: you read version 1, and it is now at version 2/) });
		// the other person's change, as the conflict shows it: the values, who, when, why
		expect(loser.conflict!.current).toMatchObject({ version: 2, attributes: winner.act.attributes });
		expect(loser.conflict!.changes).toHaveLength(1);
		expect(loser.conflict!.changes[0]).toMatchObject({ version: 2, reason: winner.act.reason, by: { action: 'correct', actor: expect.stringMatching(/@example\.org$/) } });
		// nothing of the loser was written, not even the source it would have added
		expect((await entriesOf('act', act.id)).length).toBe(entries + 1);
		expect((await participation.find(db, DEU_C189))!.attributes).toEqual(winner.act.attributes);
		const sourcesAdded = await db.selectFrom('sources').select('id').where('added_by', 'in', ['editor@example.org', 'secretariat@example.org']).execute();
		expect(sourcesAdded).toEqual([{ id: winner.source.id }]);
	});

	test('a form saved after another person’s save is refused before anything is checked or written', async () => {
		const act = (await participation.find(db, DEU_C189))!;
		await editing.correct(db, { id: act.id, basedOn: 1, changes: { date: NORMLEX_DAY }, source: C189_PAGE, reason: 'NORMLEX', actor: as(editor) });
		const stale = await editing.retract(db, { id: act.id, basedOn: 1, source: C189_PAGE, reason: 'not registered', actor: as(secretariat) });
		expect(stale).toMatchObject({ ok: false, status: 409, conflict: { basedOn: 1, current: { version: 2 }, changes: [{ version: 2, by: { actor: 'editor@example.org' } }] } });
		expect((await participation.find(db, DEU_C189))!.retracted).toBe(false);
	});
});

describe('a new act, its warnings, and its retraction', () => {
	// Uganda signed the Trafficking Protocol on 12 December 2000 and ratified UNTOC on 9 March 2005;
	// the record holds no consent of Uganda to the Protocol. A ratification dated 1 June 2004 would
	// come before its consent to UNTOC.
	const attempt = { instrument: 'trafficking-protocol', participant: 'UGA', values: { event: 'ratification' as const, date: '2004-06-01' }, source: TIP_PAGE };

	test('the art. 37 warning stops it until the person confirms that very warning', async () => {
		const first = await editing.record(db, { ...attempt, actor: as(editor) });
		expect(first).toMatchObject({ ok: false, status: 400, errors: [], needsConfirmation: true, warnings: [{ field: 'date', href: '/instruments/untoc/articles/37' }] });
		if (first.ok) return;
		expect(await participation.find(db, { instrument: 'trafficking-protocol', participant: 'UGA', kind: 'consent', seq: 1 })).toBeUndefined();
		// a box ticked for other warnings confirms nothing
		expect(await editing.record(db, { ...attempt, actor: as(editor), confirmed: ['another warning'] })).toMatchObject({ ok: false, needsConfirmation: true });
		const saved = await editing.record(db, { ...attempt, actor: as(editor), confirmed: first.warnings.map((w) => w.message) });
		expect(saved).toMatchObject({ ok: true, act: { kind: 'consent', seq: 1, version: 1, attributes: { event: 'ratification', date: '2004-06-01' } } });
		expect(saved.ok && saved.message).toBe('Recorded: Uganda · Trafficking in Persons Protocol · consent, ratification, 1 June 2004.');
	});

	test('recorded by mistake, it is retracted with a reason: it no longer counts, its versions stay, and correcting it restores it', async () => {
		const saved = await editing.record(db, { ...attempt, actor: as(editor), confirmed: true });
		if (!saved.ok) throw new Error('not recorded');
		expect(await statusOf('UGA', '2010-01-01')).toBe('party');
		const retracted = await editing.retract(db, { id: saved.act.id, basedOn: 1, source: 'untc-xviii-12-a-2023', reason: 'Recorded in error: the UNTC table lists Uganda’s signature only.', actor: as(secretariat) });
		expect(retracted).toMatchObject({ ok: true, act: { version: 2, retracted: true } });
		expect(await statusOf('UGA', '2010-01-01')).toBe('signed');
		expect(await editing.retract(db, { id: saved.act.id, basedOn: 2, source: 'untc-xviii-12-a-2023', reason: 'again', actor: as(secretariat) })).toMatchObject({
			ok: false,
			errors: [{ field: 'act', message: 'This act is retracted already: correct it to restore it.' }]
		});
		// the same act again is a duplicate of the retracted one: correct it to restore it
		const again = await editing.record(db, { ...attempt, actor: as(editor), confirmed: true });
		expect(again).toMatchObject({ ok: false, errors: [{ field: 'event', message: expect.stringMatching(/retracted\): correct it to restore it\.$/), href: `/record/acts/${saved.act.id}` }] });
		const history = await editing.history(db, (await editing.find(db, saved.act.id))!);
		expect(history.map((v) => [v.version, v.retracted, v.by?.action])).toEqual([
			[2, true, 'retract'],
			[1, false, 'record']
		]);
	});

	async function statusOf(code: string, date: string) {
		const ir = (await records.get(db)).instruments.get('trafficking-protocol')!;
		return status.statusOn(ir, ir.timelines.get(code), date).status;
	}
});

describe('the same through the API, answered as the OpenAPI document says', () => {
	const ajv = new Ajv2020({ allErrors: true, strict: true });
	addFormats(ajv, ['date', 'email']);
	ajv.addKeyword('openapi').addKeyword('info').addKeyword('servers').addKeyword('security').addKeyword('tags');
	ajv.addKeyword('paths').addKeyword('components');
	ajv.addSchema({ ...document, $id: 'openapi.json' });

	/** Checks a response against the document's schema for its path, method and status. */
	async function answer(res: Response, path: string, method: 'get' | 'post', expected: number) {
		expect(res.status).toBe(expected);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		const body = await res.json();
		const r = document.paths[path][method]!.responses[String(expected)];
		expect(r, `${method} ${path} documents ${expected}`).toBeDefined();
		const response = '$ref' in r ? document.components.responses[(r as { $ref: string }).$ref.split('/').pop()!] : r;
		const validate = ajv.getSchema(`openapi.json${(response.content!['application/json'].schema as { $ref: string }).$ref}`)!;
		expect(validate(body) ? [] : validate.errors, `${method} ${path} ${expected}`).toEqual([]);
		return body;
	}

	/** A POST's request and its URL, as SvelteKit gives a handler both. */
	const post = (path: string, body: unknown, type = 'application/json') => {
		const url = new URL(`http://localhost${path}`);
		return { url, request: new Request(url, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) }) };
	};
	const locals = (user: SignedIn | null) => ({ db, user, address: '192.0.2.10' });
	const EVENTS = '/api/v1/instruments/{slug}/events';
	const record = (user: SignedIn | null, body: unknown, type?: string) =>
		recordAct({ params: { slug: 'trafficking-protocol' }, ...post('/api/v1/instruments/trafficking-protocol/events', body, type), locals: locals(user) } as never);
	const UGANDA = { participant: 'uga', event: 'ratification', date: '2004-06-01', source: TIP_PAGE };

	test('signed out: 401 saying how to authenticate; a focal point: 403 saying what is lacking', async () => {
		const anonymous = await record(null, UGANDA);
		expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer /);
		expect((await answer(anonymous, EVENTS, 'post', 401)).error).toMatch(/sign in first/);
		const focal = await users.createUser(db, { email: 'focal.point@example.org', role: 'focal-point', participant: 'UGA', actor: 'a test' });
		const refused = await answer(await record(focal, UGANDA), EVENTS, 'post', 403);
		expect(refused.error).toBe(
			'To add, correct or retract an act of the record you need the secretariat or editor of the record role; you are signed in as focal.point@example.org, focal point of UGA.'
		);
	});

	test('a body that is not JSON is a 415; one with mistakes is a 400 naming each field', async () => {
		expect((await answer(await record(editor, 'participant=UGA', 'application/x-www-form-urlencoded'), EVENTS, 'post', 415)).error).toMatch(/as JSON/);
		const bad = await answer(await record(editor, { participant: 'Uganda', event: 'ratified', date: '1 June 2004', colour: 'red' }), EVENTS, 'post', 400);
		expect(Object.keys(bad.fields).sort()).toEqual(['colour', 'date', 'event', 'participant', 'source']);
		expect(bad.fields.colour).toBe('is not a field of this request');
	});

	test('warnings, then confirmed: 201 with the act; listed with its id and version; corrected from a stale version: 409; retracted: 201', async () => {
		const warned = await answer(await record(editor, UGANDA), EVENTS, 'post', 400);
		expect(warned).toMatchObject({ needsConfirmation: true, fields: {}, warnings: [{ field: 'date', href: '/instruments/untoc/articles/37' }] });
		expect(warned.error).toMatch(/send the request again with "confirm": true/);
		const created = await answer(await record(editor, { ...UGANDA, confirm: true }), EVENTS, 'post', 201);
		expect(created.act).toMatchObject({ participant: 'UGA', kind: 'consent', version: 1, date: '2004-06-01', precision: 'day', sourceId: created.source.id });

		const list = await answer(
			await listActs({ params: { slug: 'trafficking-protocol' }, url: new URL('http://localhost/api/v1/instruments/trafficking-protocol/events?participant=UGA'), locals: locals(null) } as never),
			EVENTS,
			'get',
			200
		);
		expect(list.acts.map((a: { kind: string; version: number }) => [a.kind, a.version])).toEqual([
			['signature', 1],
			['consent', 1]
		]);

		const id = String(created.act.id);
		const CORRECTIONS = '/api/v1/acts/{id}/corrections';
		const correct = (user: SignedIn, body: unknown) => correctAct({ params: { id }, ...post(`/api/v1/acts/${id}/corrections`, body), locals: locals(user) } as never);
		const fixed = await answer(
			await correct(secretariat, { basedOn: 1, changes: { date: '2005-03-09' }, source: TIP_PAGE, reason: 'deposited with the UNTOC ratification' }),
			CORRECTIONS,
			'post',
			201
		);
		expect(fixed.act).toMatchObject({ version: 2, date: '2005-03-09' });
		const conflict = await answer(await correct(editor, { basedOn: 1, changes: { note: 'x' }, source: TIP_PAGE, reason: 'a note' }), CORRECTIONS, 'post', 409);
		expect(conflict).toMatchObject({ basedOn: 1, current: { version: 2, date: '2005-03-09' }, changes: [{ version: 2, by: 'secretariat@example.org', role: 'secretariat', action: 'correct' }] });

		const retracted = await answer(
			await retractAct({ params: { id }, ...post(`/api/v1/acts/${id}/retractions`, { basedOn: 2, source: 'untc-xviii-12-a-2023', reason: 'the UNTC table lists Uganda’s signature only' }), locals: locals(editor) } as never),
			'/api/v1/acts/{id}/retractions',
			'post',
			201
		);
		expect(retracted.act).toMatchObject({ version: 3, retracted: true });
	});

	test('an act that does not exist: 404', async () => {
		const res = await correctAct({ params: { id: '999999' }, ...post('/api/v1/acts/999999/corrections', { basedOn: 1, changes: { note: 'x' }, source: TIP_PAGE, reason: 'x' }), locals: locals(editor) } as never);
		expect((await answer(res, '/api/v1/acts/{id}/corrections', 'post', 404)).error).toMatch(/no act 999999/);
	});
});
