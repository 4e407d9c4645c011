// Imports from the browser, below the page: an upload is checked by its content and kept; the
// preview and the apply work from the kept file; only what was ticked is written, as the person
// who ticked it, with the import logged; a preview made before someone else's write is stale;
// a name no participant answers to is mapped once (secretariat) and known the next time; the
// column mapping of a pasted table is remembered per depositary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import * as files from '../../src/lib/server/sources/import-files';
import * as imports from '../../src/lib/server/sources/imports';
import * as participation from '../../src/lib/server/record/participation';
import * as records from '../../src/lib/server/record/record';
import type { Actor } from '../../src/lib/server/audit/log';
import * as recordFiles from '../../src/lib/server/sources/record-files';
import { openDatabase } from '../../src/lib/server/sources/open';
import { currentActs, DATA_DIR, freshDb, withDataCopy, emptyDatabase } from './db';

const TIP = 'raw/crba_etl_2023_normlex_untc/untc_XVIII-12-a_X-4.csv';
const text = (file: string) => readFileSync(join(DATA_DIR, file), 'utf8');
const bytes = (s: string) => new TextEncoder().encode(s);
const EDITOR: Actor = { label: 'editor@example.org', userId: null, role: 'editor', address: '127.0.0.1' };

let db: Db;
beforeEach(async () => {
	db = await freshDb();
});

describe('an upload is checked by its content, not its name', () => {
	test.each([
		['status.exe', bytes('<html></html>'), /not a file an import reads/],
		['status.html', new Uint8Array(), /is empty/],
		['status.html', new Uint8Array(files.MAX_FILE_BYTES + 1).fill(0x61), /is 2\.0 MB; an import takes files up to 2\.0 MB/],
		['status.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /an Excel workbook, not a saved page/],
		['status.html', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), /a zip archive/],
		['status.html', bytes('%PDF-1.7\n...'), /is a PDF/],
		['status.csv', new Uint8Array([0x41, 0xff, 0xfe, 0x42]), /not UTF-8 text/],
		['status.csv', bytes('Participant\u0000Signature'), /binary data/]
	])('%s is refused with a message naming it', (name, content, message) => {
		const refusal = (() => {
			try {
				files.fileText(name, content);
			} catch (e) {
				return e;
			}
		})();
		expect(refusal).toBeInstanceOf(files.InputError);
		expect((refusal as files.InputError).field).toBe('file');
		expect((refusal as Error).message).toMatch(message);
		expect((refusal as Error).message).toContain(name);
	});

	test('a saved page is its text, without a byte-order mark', () => {
		expect(files.fileText('page.HTML', bytes('\uFEFF<html><body>x</body></html>'))).toBe('<html><body>x</body></html>');
	});

	test('the same bytes under the same name are kept once', async () => {
		const a = await files.keep(db, { name: 'x.csv', text: 'Participant;Signature', actor: EDITOR });
		const b = await files.keep(db, { name: 'x.csv', text: 'Participant;Signature', actor: EDITOR });
		const c = await files.keep(db, { name: '../../etc/y.csv', text: 'Participant;Signature', actor: EDITOR });
		expect(b.id).toBe(a.id);
		expect(c.id).not.toBe(a.id);
		expect(c.name).toBe('.._.._etc_y.csv');
	});
});

describe('preview, tick, apply', () => {
	test('a file already in the catalogue with nothing to change writes nothing', async () => {
		const file = await files.keep(db, { name: 'X-4.csv', text: text(TIP), actor: EDITOR });
		const req = { instrument: 'trafficking-protocol', fileId: file.id, format: null, asOf: null, origin: null, mapping: null };
		const { preview, revision } = await files.preview(db, req);
		expect([preview.source.format, preview.sourceKnown, preview.diff.added, preview.diff.changed]).toEqual(['untc-csv', true, [], []]);
		const nothing = await files.apply(db, { ...req, basedOn: revision, ticked: [], actor: EDITOR, pastedFrom: null });
		expect(nothing).toMatchObject({ importId: null, written: 0 });
	});

	test('only the ticked acts are written; the unticked ones are logged as left alone', async () => {
		// Two rows re-dated, as a later table might: Pakistan's and Nepal's accessions.
		const page = text(TIP).replace('Pakistan;;4 Nov 2022 a', 'Pakistan;;7 Nov 2022 a').replace('Nepal;;16 Jun 2020 a', 'Nepal;;17 Jun 2020 a');
		const file = await files.keep(db, { name: 'X-4-redated.csv', text: page, actor: EDITOR });
		const req = { instrument: 'trafficking-protocol', fileId: file.id, format: null, asOf: '2023-07-01', origin: null, mapping: null };
		const { preview, revision } = await files.preview(db, req);
		const keys = preview.diff.changed.map((c) => imports.actKey(c.incoming));
		expect(keys.sort()).toEqual(['trafficking-protocol|NPL|consent|1', 'trafficking-protocol|PAK|consent|1']);
		const done = await files.apply(db, { ...req, basedOn: revision, ticked: ['trafficking-protocol|PAK|consent|1'], actor: EDITOR, pastedFrom: null });
		expect(done.written).toBe(1);
		expect((await currentActs(db, 'trafficking-protocol', 'PAK')).map((a) => a.date)).toEqual(['2022-11-07']);
		expect((await currentActs(db, 'trafficking-protocol', 'NPL')).map((a) => a.date)).toEqual(['2020-06-16']);
		const run = await db.selectFrom('imports').select('summary').where('id', '=', done.importId!).executeTakeFirstOrThrow();
		expect(JSON.parse(run.summary)).toMatchObject({
			acts: [{ act: 'trafficking-protocol|PAK|consent|1', op: 'correct' }],
			left: { notTicked: ['trafficking-protocol|NPL|consent|1'] }
		});
	});

	test('a paste of rows: new acts ticked and unticked, the mapping remembered for the depositary', async () => {
		// The European Union's and the UAE's rows, copied from the UNTC table as a person would.
		const rows = text(TIP).split('\n');
		const header = rows[0].split(';').slice(0, 3);
		const pick = (name: string) => rows.find((l) => l.startsWith(`${name};`))!.split(';').slice(0, 3);
		const pasted = [header, pick('European Union'), pick('United Arab Emirates')].map((r) => r.join('\t')).join('\n');
		const file = await files.keep(db, { name: 'pasted-untc.tsv', text: pasted, actor: EDITOR });
		const proposed = await files.proposedMapping(db, 'untc', pasted);
		expect(proposed.remembered).toBe(false);
		expect(proposed.mapping).toEqual({ header: true, columns: ['participant', 'signature', 'consent'] });

		const req = { instrument: 'trafficking-protocol', fileId: file.id, format: 'paste' as const, asOf: null, origin: null, mapping: proposed.mapping };
		const { preview, revision } = await files.preview(db, req);
		// the record has both already: nothing new, both unchanged (EU: signature and approval; UAE: accession)
		expect([preview.diff.added.length, preview.diff.changed.length, preview.diff.unchanged]).toEqual([0, 0, 3]);
		const applied = await files.apply(db, { ...req, basedOn: revision, ticked: [], actor: EDITOR, pastedFrom: 'untc' });
		// a new source (the pasted table) moves nothing but joins the catalogue, logged as an import
		expect(applied.sourceAdded).toBe(true);
		expect(applied.importId).not.toBeNull();
		const again = await files.proposedMapping(db, 'untc', 'Afghanistan\t\t15 Aug 2014 a');
		expect(again).toMatchObject({ remembered: true, mapping: { header: true, columns: ['participant', 'signature', 'consent'] } });
		// another depositary's mapping is its own
		expect((await files.proposedMapping(db, 'coe', 'Afghanistan\t\t15 Aug 2014 a')).remembered).toBe(false);
	});
});

describe('a preview made before another write is stale', () => {
	test('nothing is written, and the person is told to look again', async () => {
		const page = text(TIP).replace('Pakistan;;4 Nov 2022 a', 'Pakistan;;5 Nov 2022 a');
		const file = await files.keep(db, { name: 'X-4-later.csv', text: page, actor: EDITOR });
		const req = { instrument: 'trafficking-protocol', fileId: file.id, format: null, asOf: '2022-12-01', origin: null, mapping: null };
		const { preview, revision } = await files.preview(db, req);
		expect(preview.diff.changed.map((c) => [c.incoming.participant, c.fields])).toEqual([['PAK', ['date']]]);
		// meanwhile, someone corrects another act
		const [afg] = await currentActs(db, 'untoc', 'AFG');
		const act = await participation.byId(db, afg.act_id);
		await participation.correct(db, { act: act!, changes: { note: 'checked' }, source: act!.attributes.source_id, reason: 'checked against the depositary', actor: 'someone else' });

		const key = imports.actKey(preview.diff.changed[0].incoming);
		await expect(files.apply(db, { ...req, basedOn: revision, ticked: [key], actor: EDITOR, pastedFrom: null })).rejects.toBeInstanceOf(files.StalePreview);
		expect((await currentActs(db, 'trafficking-protocol', 'PAK')).map((a) => a.date)).toEqual(['2022-11-04']);

		// looked at again, it applies: one correction, by the editor, in one revision with the import entry
		const fresh = await files.preview(db, req);
		const done = await files.apply(db, { ...req, basedOn: fresh.revision, ticked: [key], actor: EDITOR, pastedFrom: null });
		expect(done.written).toBe(1);
		expect((await currentActs(db, 'trafficking-protocol', 'PAK')).map((a) => a.date)).toEqual(['2022-11-05']);
		const entries = await db.selectFrom('audit_log').select(['entity', 'actor', 'role', 'revision']).where('revision', '=', done.revision!).orderBy('id').execute();
		expect(entries).toEqual([
			{ entity: 'source', actor: EDITOR.label, role: 'editor', revision: done.revision },
			{ entity: 'act', actor: EDITOR.label, role: 'editor', revision: done.revision },
			{ entity: 'import', actor: EDITOR.label, role: 'editor', revision: done.revision }
		]);
		const run = await db.selectFrom('imports').selectAll().where('id', '=', done.importId!).executeTakeFirstOrThrow();
		expect(run).toMatchObject({ instrument_slug: 'trafficking-protocol', file_id: file.id, written: 1, actor: EDITOR.label });
		// the file is kept as the source it became, and that source is now the instrument's record date
		expect((await files.fileOfSource(db, run.source_id))?.name).toBe('X-4-later.csv');
		expect((await records.get(db)).instruments.get('trafficking-protocol')!.source?.recorded_on).toBe('2022-12-01');
	});

	test('a ticked act that is not in the preview is refused, naming it', async () => {
		const file = await files.keep(db, { name: 'X-4.csv', text: text(TIP), actor: EDITOR });
		const req = { instrument: 'trafficking-protocol', fileId: file.id, format: null, asOf: null, origin: null, mapping: null };
		const { revision } = await files.preview(db, req);
		await expect(files.apply(db, { ...req, basedOn: revision, ticked: ['trafficking-protocol|FRA|consent|1'], actor: EDITOR, pastedFrom: null })).rejects.toThrow(
			/1 ticked act is not in this preview \(trafficking-protocol\|FRA\|consent\|1\)/
		);
	});
});

describe('a name no participant answers to', () => {
	test('stops the preview with the list; mapped once, it is known the next time, and the mapping is audited', async () => {
		const page = text(TIP).replace('Pakistan;;4 Nov 2022 a', 'Pakistán;;4 Nov 2022 a');
		const file = await files.keep(db, { name: 'X-4-renamed.csv', text: page, actor: EDITOR });
		const req = { instrument: 'trafficking-protocol', fileId: file.id, format: null, asOf: null, origin: null, mapping: null };
		const refusal = await files.preview(db, req).catch((e) => e);
		expect(refusal).toBeInstanceOf(imports.UnmatchedNames);
		expect((refusal as imports.UnmatchedNames).names.map((n) => n.name)).toEqual(['Pakistán']);

		await expect(files.mapName(db, { name: 'Pakistán', code: 'ZZZ', actor: EDITOR, file: file.name })).rejects.toThrow(/no participant “ZZZ”/);
		await files.mapName(db, { name: 'Pakistán', code: 'PAK', actor: EDITOR, file: file.name });
		const { preview } = await files.preview(db, req);
		expect([preview.diff.added, preview.diff.changed]).toEqual([[], []]);
		const [entry] = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'alias').execute();
		expect(entry).toMatchObject({ action: 'add', actor: EDITOR.label, summary: '“Pakistán” now names Pakistan (PAK)' });
		// a second mapping of the same name elsewhere is refused, not overwritten
		await expect(files.mapName(db, { name: 'Pakistán', code: 'IND', actor: EDITOR, file: file.name })).rejects.toThrow(/already leads to PAK/);
	});
});

describe('a mapped name is part of the record', () => {
	test('data:export writes it to record/aliases.csv, with who mapped it, and a new database seeded from it knows the name', async () => {
		await files.mapName(db, { name: 'Pakistán', code: 'PAK', actor: EDITOR, file: 'lista.html' });
		await withDataCopy(async (dir) => {
			await recordFiles.write(db, { to: dir });
			const written = readFileSync(join(dir, 'record/aliases.csv'), 'utf8').trim().split('\n');
			expect(written[0]).toBe('alias,code,note,added_by,added_at');
			expect(written.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual(['pakistán,PAK,mapped while importing lista.html,editor@example.org']);
			const again = await openDatabase(await emptyDatabase(), { dataDir: dir });
			expect((await imports.nameIndex(again))('Pakistán')).toBe('PAK');
		});
	});
});
