// Loading a source is read → diff → apply: a corrected row supersedes the act it corrects, a
// second copy of a table changes nothing, and nothing in the record is ever deleted by a file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import * as imports from '../../src/lib/server/sources/imports';
import * as command from '../../src/lib/server/sources/import-command';
import * as participation from '../../src/lib/server/record/participation';
import * as records from '../../src/lib/server/record/record';
import * as status from '../../src/lib/server/record/status';
import { currentActs, DATA_DIR, freshDb } from './db';

const UNTOC = 'raw/untc_zmjones_untreaties/treaties/18-12.csv';
const TIP = 'raw/crba_etl_2023_normlex_untc/untc_XVIII-12-a_X-4.csv';
const text = (file: string) => readFileSync(join(DATA_DIR, file), 'utf8');
const COL_CONSENT = { instrument: 'untoc', participant: 'COL', kind: 'consent', seq: 1 } as const;

let db: Db;
beforeEach(async () => {
	db = await freshDb();
});

async function statusOf(slug: string, code: string, date: string) {
	const record = await records.get(db);
	const ir = record.instruments.get(slug)!;
	return status.statusOn(ir, ir.timelines.get(code), date).status;
}

async function count(table: 'acts' | 'act_versions' | 'audit_log') {
	const { n } = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	return Number(n);
}

/** UNTOC consents deposited after the 2014 UNTC table was taken, recorded from BGBl. III Nr. 232/2014. */
const LATER_2014 = ['BRB · untoc · consent', 'ERI · untoc · consent', 'SLE · untoc · consent', 'TON · untoc · consent'];

describe('a corrected row', () => {
	test("Colombia's UNTOC deposit moved from 4 to 5 August 2004: one ratification, the new date, the old kept as a superseded version", async () => {
		expect(await statusOf('untoc', 'COL', '2004-08-04')).toBe('pending');
		const corrected = text(UNTOC).replace('Colombia,12 Dec 2000,4 Aug 2004', 'Colombia,12 Dec 2000,5 Aug 2004');
		const p = await imports.preview(db, { instrument: 'untoc', file: '18-12-corrected.csv', text: corrected });
		expect(p.diff.added).toEqual([]);
		expect(p.diff.changed.map((c) => [participation.describe(c.incoming), c.fields, c.current.attributes.date, c.incoming.values.date])).toEqual([
			['COL · untoc · consent', ['date'], '2004-08-04', '2004-08-05']
		]);
		// the 2014 table predates the four consents of 2014 recorded from the Austrian scope notice
		expect(p.diff.absent.map((a) => participation.describe(a))).toEqual(LATER_2014);
		const { written } = await imports.apply(db, p);
		expect(written).toBe(1);

		const acts = await currentActs(db, 'untoc', 'COL');
		expect(acts.map((a) => [a.event, a.date, a.version])).toEqual([
			['signature', '2000-12-12', 1],
			['ratification', '2004-08-05', 2]
		]);
		const versions = await participation.history(db, COL_CONSENT);
		expect(versions.map((v) => [v.version, v.date, v.source_id])).toEqual([
			[1, '2004-08-04', 'untc-xviii-12-2014'],
			[2, '2004-08-05', p.source.id]
		]);
		// status rests on the new date: on the 4th Colombia had only signed
		expect(await statusOf('untoc', 'COL', '2004-08-04')).toBe('signed');
		expect(await statusOf('untoc', 'COL', '2004-08-05')).toBe('pending');
	});

	test('the correction is audited: who, before, after, source, and one revision for the import', async () => {
		const corrected = text(UNTOC).replace('Colombia,12 Dec 2000,4 Aug 2004', 'Colombia,12 Dec 2000,5 Aug 2004');
		const p = await imports.preview(db, { instrument: 'untoc', file: '18-12-corrected.csv', text: corrected, sourceId: 'untc-xviii-12-corrected' });
		const before = await count('audit_log');
		const { revision } = await imports.apply(db, p);
		const entries = await db.selectFrom('audit_log').selectAll().where('id', '>', before).orderBy('id').execute();
		// the file joins the sources, the act is corrected, and the import is logged: one revision
		expect(entries.map((e) => [e.entity, e.action, e.actor, e.revision])).toEqual([
			['source', 'add', 'import: untc-xviii-12-corrected', revision],
			['act', 'correct', 'import: untc-xviii-12-corrected', revision],
			['import', 'import', 'import: untc-xviii-12-corrected', revision]
		]);
		expect(JSON.parse(entries[2].after!)).toMatchObject({
			instrument: 'untoc',
			source: 'untc-xviii-12-corrected',
			file: '18-12-corrected.csv',
			acts: [{ act: 'untoc|COL|consent|1', op: 'correct' }]
		});
		const [, correction] = entries;
		expect(correction.source_id).toBe('untc-xviii-12-corrected');
		expect(JSON.parse(correction.before!)).toMatchObject({ date: '2004-08-04', source_id: 'untc-xviii-12-2014' });
		expect(JSON.parse(correction.after!)).toMatchObject({ date: '2004-08-05', source_id: 'untc-xviii-12-corrected' });
		expect(correction.reason).toMatch(/date/);
		const source = await db.selectFrom('sources').selectAll().where('id', '=', 'untc-xviii-12-corrected').executeTakeFirstOrThrow();
		expect(source).toMatchObject({ table_of: 'untoc', format: 'untc-csv', added_by: 'import: untc-xviii-12-corrected' });
	});
});

describe('a second copy of a table', () => {
	test('changes nothing: no act is doubled, and UNTOC still enters into force on 29 September 2003', async () => {
		const acts = await count('acts');
		const p = await imports.preview(db, { instrument: 'untoc', file: 'copy-of-18-12.csv', text: text(UNTOC), sourceId: 'untc-xviii-12-second-copy' });
		expect(p.diff.added).toEqual([]);
		expect(p.diff.changed).toEqual([]);
		expect(p.diff.unchanged).toBe(326);
		expect(await imports.apply(db, p)).toEqual({ revision: null, written: 0, sourceAdded: false, importId: null });
		expect(await count('acts')).toBe(acts);
		// nothing written: not even the source
		expect(await db.selectFrom('sources').select('id').where('id', '=', 'untc-xviii-12-second-copy').executeTakeFirst()).toBeUndefined();
		expect((await records.get(db)).instruments.get('untoc')!.computedEntryIntoForce).toBe('2003-09-29');
	});

	test('applying the same import twice writes once', async () => {
		const newer = text(UNTOC).replace('Colombia,12 Dec 2000,4 Aug 2004', 'Colombia,12 Dec 2000,5 Aug 2004');
		const first = await imports.preview(db, { instrument: 'untoc', file: 'a.csv', text: newer });
		expect((await imports.apply(db, first)).written).toBe(1);
		const again = await imports.preview(db, { instrument: 'untoc', file: 'a.csv', text: newer });
		expect(again.sourceKnown).toBe(true);
		expect(again.diff.changed).toEqual([]);
		expect(await imports.apply(db, again)).toEqual({ revision: null, written: 0, sourceAdded: false, importId: null });
	});
});

describe('a newer table that changes no act', () => {
	test("still moves the instrument's record date on: it joins the sources, audited, and is known the next time", async () => {
		// the OPSC page as saved again on a later day: the same rows, another file
		const page = text('raw/untc_mgaldino_2026/crc_op_sc.html').replace('STATUS AS AT : 03-02-2026', 'STATUS AS AT : 02-03-2026');
		const p = await imports.preview(db, { instrument: 'opsc', file: 'crc_op_sc-march.html', text: page });
		expect([p.diff.added, p.diff.changed, p.sourceKnown]).toEqual([[], [], false]);
		expect(command.summary(p).at(-1)).toBe('no change to any act');
		const { revision, written, sourceAdded } = await imports.apply(db, p);
		expect([written, sourceAdded]).toEqual([0, true]);
		const record = await records.get(db);
		expect(record.revision).toBe(revision);
		expect(record.instruments.get('opsc')!.source).toMatchObject({ id: p.source.id, recorded_on: '2026-03-02' });
		const [entry] = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'source').orderBy('id', 'desc').limit(1).execute();
		expect(entry).toMatchObject({ entity: 'source', action: 'add', entity_id: p.source.id, actor: `import: ${p.source.id}`, revision });
		// under any name, the same file is that source
		const again = await imports.preview(db, { instrument: 'opsc', file: 'renamed.html', text: page });
		expect([again.sourceKnown, again.source.id]).toEqual([true, p.source.id]);
	});
});

describe('what a file cannot do', () => {
	test('names that match no participant stop the import with the list to map, and nothing is written', async () => {
		const misspelt = text(TIP).replace('Colombia;', 'Colombiaa;').replace('India;', 'Indya;');
		const versions = await count('act_versions');
		const error = await imports.preview(db, { instrument: 'trafficking-protocol', file: 'tip.csv', text: misspelt }).catch((e) => e);
		expect(error).toBeInstanceOf(imports.UnmatchedNames);
		expect(error.names).toEqual([
			{ name: 'Colombiaa', lines: [37, 37] },
			{ name: 'Indya', lines: [78, 78] }
		]);
		expect(error.message).toContain('"Colombiaa" (line 37, 37)');
		expect(await count('act_versions')).toBe(versions);
	});

	test('a day that does not exist is not a date the table was taken on', async () => {
		for (const asOf of ['2023-02-30', '2023-13-01', '30/02/2023']) {
			const e = await imports.preview(db, { instrument: 'trafficking-protocol', file: 'tip.csv', text: text(TIP), asOf }).catch((x) => x);
			expect(e).toBeInstanceOf(imports.ImportError);
			expect(e).toMatchObject({ field: 'asOf', message: `"${asOf}" is not a date (YYYY-MM-DD)` });
		}
	});

	test('an act missing from the file is listed for a person to decide, never deleted', async () => {
		const without = text(UNTOC).replace('Colombia,12 Dec 2000,4 Aug 2004\n', '');
		const p = await imports.preview(db, { instrument: 'untoc', file: 'without-colombia.csv', text: without });
		expect(p.diff.absent.map((a) => participation.describe(a)).filter((a) => !LATER_2014.includes(a))).toEqual(['COL · untoc · signature', 'COL · untoc · consent']);
		expect(imports.writes(p.diff)).toEqual([]);
		expect(await currentActs(db, 'untoc', 'COL')).toHaveLength(2);
	});

	test('an act a person retracted is not restored by a file that still has it', async () => {
		await participation.retract(db, { act: COL_CONSENT, reason: 'deposit withdrawn (test)', actor: 'a test' });
		const p = await imports.preview(db, { instrument: 'untoc', file: '18-12.csv', text: text(UNTOC), sourceId: 'untc-xviii-12-2014' });
		expect(p.diff.retracted.map((r) => participation.describe(r.current))).toEqual(['COL · untoc · consent']);
		expect(imports.writes(p.diff)).toEqual([]);
		expect(await statusOf('untoc', 'COL', '2010-01-01')).toBe('signed');
	});

	test('a file older than the record does not undo a newer source: the change is shown and kept', async () => {
		// the 2026 status page of OPSC is in the record; an older copy of it says Singapore had not signed yet
		const page = text('raw/untc_mgaldino_2026/crc_op_sc.html');
		const newer = page.replace(/25 Nov\t 2025/, '24 Nov\t 2025');
		const p = await imports.preview(db, { instrument: 'opsc', file: 'older.html', text: newer, asOf: '2025-12-01' });
		expect(p.diff.changed.map((c) => [participation.describe(c.incoming), c.olderThanRecord])).toEqual([['SGP · opsc · signature', true]]);
		expect(imports.writes(p.diff)).toEqual([]);
	});
});

describe('never a partial write', () => {
	test('an apply refused mid-way leaves the revision, the sources, the acts and the audit log as they were', async () => {
		// A newer table moves Colombia's and India's UNTOC deposits a day: a new source, then two corrections.
		const newer = text(UNTOC)
			.replace('Colombia,12 Dec 2000,4 Aug 2004', 'Colombia,12 Dec 2000,5 Aug 2004')
			.replace('India,12 Dec 2002,5 May 2011', 'India,12 Dec 2002,6 May 2011');
		const p = await imports.preview(db, { instrument: 'untoc', file: 'newer.csv', text: newer, sourceId: 'untc-xviii-12-newer' });
		expect(imports.writes(p.diff).map((w) => [w.op, participation.describe(w.act)])).toEqual([
			['correct', 'COL · untoc · consent'],
			['correct', 'IND · untoc · consent']
		]);
		// Meanwhile a person corrects India's act: the import's correction rests on a version no longer current.
		const IND_CONSENT = { ...COL_CONSENT, participant: 'IND' };
		await participation.correct(db, { act: IND_CONSENT, changes: { note: 'checked (test)' }, source: 'untc-xviii-12-2014', reason: 'a test', actor: 'a test' });

		const revision = async () => (await db.selectFrom('record_meta').select('revision').where('id', '=', 1).executeTakeFirstOrThrow()).revision;
		const sourcesCount = async () => Number((await db.selectFrom('sources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
		const snapshot = async () => ({
			revision: await revision(),
			counts: [await count('acts'), await count('act_versions'), await count('audit_log'), await sourcesCount()],
			colombia: await currentActs(db, 'untoc', 'COL'),
			india: await currentActs(db, 'untoc', 'IND')
		});
		const before = await snapshot();

		// The source is added first and Colombia's correction comes before India's: the refusal is mid-way.
		const error = await imports.apply(db, p).catch((e) => e);
		expect(error).toBeInstanceOf(participation.WriteError);
		expect(error.message).toMatch(/IND · untoc · consent has changed since version 1 was read/);
		expect(await snapshot()).toEqual(before);
		expect(await db.selectFrom('sources').select('id').where('id', '=', 'untc-xviii-12-newer').executeTakeFirst()).toBeUndefined();
		expect(before.colombia.find((a) => a.event === 'ratification')?.date).toBe('2004-08-04');
	});
});

describe('the shipped record and its sources', () => {
	test('every status table shipped in data/ reads to exactly the acts the record holds from it', async () => {
		const tables = await db.selectFrom('sources').selectAll().where('table_of', 'is not', null).orderBy('id').execute();
		expect(tables.length).toBeGreaterThanOrEqual(15);
		for (const s of tables) {
			const p = await imports.preview(db, { instrument: s.table_of!, file: s.file!, text: text(s.file!), format: s.format as never, sourceId: s.id });
			expect([s.id, p.diff.added.length, p.diff.changed.length], s.id).toEqual([s.id, 0, 0]);
			expect(p.warnings, s.id).toEqual([]);
		}
	});
});

describe('npm run import', () => {
	async function run(...argv: string[]) {
		const lines: string[] = [];
		const code = await command.run(db, argv, { dataDir: DATA_DIR, print: (l) => lines.push(...l.split('\n')) });
		return { code, lines };
	}

	test('a dry run prints the counts and each change, and writes nothing', async () => {
		const revision = (await records.get(db)).revision;
		const { code, lines } = await run('--instrument', 'trafficking-protocol', '--file', join(DATA_DIR, UNTOC), '--format', 'untc-csv');
		expect(code).toBe(0);
		expect(lines).toContainEqual(expect.stringMatching(/^source: 18-12-[0-9a-f]{8} \(new\)$/));
		expect(lines.some((l) => /^new: \d+, changed: \d+, unchanged: \d+, in the record but not in the file: \d+/.test(l))).toBe(true);
		expect(lines.at(-1)).toMatch(/^dry run: nothing written\. Run again with --apply to write \d+ changes\.$/);
		expect((await records.get(db)).revision).toBe(revision);
	});

	test('the shipped table again: "no change"', async () => {
		const { code, lines } = await run('--instrument', 'untoc', '--file', join(DATA_DIR, UNTOC), '--source-id', 'untc-xviii-12-2014', '--apply');
		expect(code).toBe(0);
		expect(lines.at(-1)).toBe('no change');
		expect(lines[0]).toBe(`untoc ← ${UNTOC} (untc-csv), as recorded on 2014-01-27 (Date of the commit that last changed the file; PROVENANCE: UNTC c. 2014-01…2014-07, latest action 2013-10-17.)`);
	});

	test('bad arguments exit 2, a refused file exits 1, each with the reason', async () => {
		expect(await run('--file', 'x.csv')).toMatchObject({ code: 2, lines: expect.arrayContaining(['import: --instrument is required']) });
		expect((await run('--instrument', 'untoc', '--file', 'x.csv', '--format', 'pdf')).code).toBe(2);
		expect(await run('--instrument', 'nope', '--file', join(DATA_DIR, UNTOC))).toEqual({ code: 1, lines: ['import: there is no instrument "nope"'] });
		const missing = await run('--instrument', 'untoc', '--file', '/nonexistent/18-12.csv');
		expect(missing.code).toBe(1);
		expect(missing.lines[0]).toMatch(/^import: cannot read \/nonexistent\/18-12\.csv/);
	});
});
