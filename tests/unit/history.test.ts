// The dated UNTC snapshots scraped by zmjones/untreaties, imported in date order into a record
// that starts empty: each import reports what changed since the snapshot before, and nothing
// else. The oracle is a comparison of the two files made here, cell by cell, without the reader.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/lib/server/sources/open';
import type { Db } from '../../src/lib/server/db';
import * as imports from '../../src/lib/server/sources/imports';
import * as participation from '../../src/lib/server/record/participation';
import * as records from '../../src/lib/server/record/record';
import { currentActs, DATA_DIR, withDataCopy, emptyDatabase } from './db';

const HISTORY = join(DATA_DIR, 'raw/untc_zmjones_untreaties/history');
const SERIES = {
	'18-12': 'untoc',
	'18-12-a': 'trafficking-protocol',
	'18-12-b': 'smuggling-protocol',
	'18-12-c': 'firearms-protocol',
	'4-11-c': 'opsc'
} as const;
type Series = keyof typeof SERIES;

interface Snapshot {
	file: string;
	date: string;
	text: string;
}

/** A series' snapshots, oldest first: the commit date is in the name. */
function snapshots(series: Series): Snapshot[] {
	return readdirSync(HISTORY)
		.filter((f) => f.startsWith(`${series}__commit-`))
		.sort()
		.map((file) => ({ file, date: /commit-(\d{4}-\d{2}-\d{2})_/.exec(file)![1], text: readFileSync(join(HISTORY, file), 'utf8') }));
}

/** The reference data with an empty record: every act the test sees comes from an import. */
function emptyRecordDb(): Promise<Db> {
	return withDataCopy(async (dir) => {
		const acts = join(dir, 'record/acts.csv');
		writeFileSync(acts, readFileSync(acts, 'utf8').split('\n')[0] + '\n');
		return openDatabase(await emptyDatabase(), { dataDir: dir });
	});
}

function importSnapshot(db: Db, series: Series, s: Snapshot) {
	return imports.preview(db, { instrument: SERIES[series], file: s.file, text: s.text, sourceId: `zmjones-${series}-${s.date}`, asOf: s.date });
}

// ——— the files compared without the reader ———

// UNTC writes "Cabo Verde" from its 2014 tables on, "Cape Verde" before: the same State
// renamed, so the row is the same row. The only rename across these snapshots.
const SAME_STATE: Record<string, string> = { 'Cape Verde': 'Cabo Verde' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// The consent column's own legend: "Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)".
const FORMS: Record<string, string> = { '': 'ratification', A: 'acceptance', AA: 'approval', a: 'accession', d: 'succession' };

/** Participant name → [Signature cell, consent cell], as written. None of the names holds a comma. */
function rows(text: string): Map<string, [string, string]> {
	const [header, ...lines] = text.trim().split(/\r?\n/);
	expect(header).toMatch(/^Participant,Signature,"/);
	return new Map(
		lines.map((line) => {
			const [name, signature, consent, ...more] = line.split(',');
			expect(more, line).toEqual([]);
			return [SAME_STATE[name] ?? name, [signature, consent]];
		})
	);
}

/** "16 Jul 2013 a" as "consent: accession 2013-07-16"; column 0 is the signature. */
function cellAct(name: string, column: number, cell: string): string {
	const [, day, month, year, suffix = ''] = /^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})(?: (\w+))?$/.exec(cell)!;
	const date = `${year}-${String(MONTHS.indexOf(month) + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
	return column === 0 ? `${name} · signature: signature ${date}` : `${name} · consent: ${FORMS[suffix]} ${date}`;
}

/** What a person comparing the two files sees: cells filled in, cells rewritten, cells emptied. */
function fileDifferences(before: Map<string, [string, string]>, after: Map<string, [string, string]>) {
	const out = { added: [] as string[], changed: [] as string[], gone: 0 };
	for (const [name, now] of after) {
		const was = before.get(name) ?? ['', ''];
		now.forEach((cell, i) => {
			if (cell === was[i]) return;
			if (!cell) out.gone++;
			else (was[i] ? out.changed : out.added).push(cellAct(name, i, cell));
		});
	}
	for (const [name, was] of before) if (!after.has(name)) out.gone += was.filter(Boolean).length;
	return out;
}

const said = (i: imports.Incoming) => `${SAME_STATE[i.name] ?? i.name} · ${i.kind}: ${i.values.event} ${i.values.date}`;
const actsIn = (r: Map<string, [string, string]>) => [...r.values()].flat().filter(Boolean).length;

// ——— every step of every series ———

describe.each(Object.keys(SERIES) as Series[])('the %s snapshots in date order', (series) => {
	test('each reports exactly the acts that differ from the snapshot before, and again reports nothing', async () => {
		const db = await emptyRecordDb();
		let before = new Map<string, [string, string]>();
		for (const s of snapshots(series)) {
			const step = `${series} ${s.date}`;
			const after = rows(s.text);
			const expected = fileDifferences(before, after);
			const p = await importSnapshot(db, series, s);
			expect(p.diff.added.map(said).sort(), step).toEqual(expected.added.sort());
			expect(p.diff.changed.map((c) => said(c.incoming)).sort(), step).toEqual(expected.changed.sort());
			expect(p.diff.changed.filter((c) => c.olderThanRecord), step).toEqual([]);
			expect(p.diff.absent.length, step).toBe(expected.gone);
			expect(p.diff.retracted, step).toEqual([]);
			const written = expected.added.length + expected.changed.length;
			expect(await imports.apply(db, p), step).toMatchObject({ written });

			// The same file again, right after: nothing to report, nothing written. Every snapshot
			// joined the catalogue, even one that changed no act: its date is the record's date.
			const again = await importSnapshot(db, series, s);
			expect(again.sourceKnown, step).toBe(true);
			expect({ added: again.diff.added.length, changed: again.diff.changed.length, absent: again.diff.absent.length }, step).toEqual({ added: 0, changed: 0, absent: 0 });
			expect(again.diff.unchanged, step).toBe(actsIn(after));
			expect(await imports.apply(db, again), step).toEqual({ revision: null, written: 0, sourceAdded: false, importId: null });
			before = after;
		}
		// Repeated tables never double an act: the record holds what the last table holds.
		const held = (await participation.current(db, { instrument: SERIES[series] })).filter((a) => !a.retracted);
		expect(held.length).toBe(actsIn(before));
	});
});

// ——— steps a reader of the depositary's page would notice ———

/** Imports and applies the series' snapshot of `date`, and returns its preview. */
async function importOn(db: Db, series: Series, date: string) {
	const s = snapshots(series).find((s) => s.date === date)!;
	const p = await importSnapshot(db, series, s);
	await imports.apply(db, p);
	return p;
}

/** Imports every snapshot of the series up to `until`. */
async function importUntil(db: Db, series: Series, until: string) {
	for (const s of snapshots(series).filter((s) => s.date <= until)) await importOn(db, series, s.date);
}

const brief = (i: imports.Incoming) => ({ participant: i.participant, kind: i.kind, event: i.values.event, date: i.values.date });

describe('named steps', () => {
	test('UNTOC, 6 → 20 July 2013: Saint Lucia ratified on 16 July 2013, and that is all', async () => {
		const db = await emptyRecordDb();
		await importUntil(db, '18-12', '2013-07-06');
		expect(await currentActs(db, 'untoc', 'LCA')).toHaveLength(1); // signed 26 Sep 2001
		const p = await importOn(db, '18-12', '2013-07-20');
		expect(p.diff.added.map(brief)).toEqual([{ participant: 'LCA', kind: 'consent', event: 'ratification', date: '2013-07-16' }]);
		expect(p.diff.changed).toEqual([]);
		expect((await currentActs(db, 'untoc', 'LCA')).map((a) => [a.event, a.date])).toEqual([
			['signature', '2001-09-26'],
			['ratification', '2013-07-16']
		]);
	});

	test('OPSC, 10 July → 26 Oct 2014: the DPRK signs on 9 Sep 2014 and Haiti ratifies the same day', async () => {
		const db = await emptyRecordDb();
		await importUntil(db, '4-11-c', '2014-07-10');
		const p = await importOn(db, '4-11-c', '2014-10-26');
		expect(p.diff.added.map(brief).sort((a, b) => a.participant.localeCompare(b.participant))).toEqual([
			{ participant: 'HTI', kind: 'consent', event: 'ratification', date: '2014-09-09' },
			{ participant: 'PRK', kind: 'signature', event: 'signature', date: '2014-09-09' }
		]);
		expect(p.diff.changed).toEqual([]);
	});

	test('OPSC, Oct 2013 → Jan 2014: "Cape Verde" becomes "Cabo Verde", and no act of the State changes', async () => {
		const db = await emptyRecordDb();
		await importUntil(db, '4-11-c', '2013-10-18');
		const p = await importOn(db, '4-11-c', '2014-01-27');
		expect([p.diff.added, p.diff.changed, p.diff.absent]).toEqual([[], [], []]);
		const [accession] = await currentActs(db, 'opsc', 'CPV');
		expect(accession).toMatchObject({ event: 'accession', date: '2002-05-10', version: 1 });
	});

	test('Smuggling Protocol, Jan → July 2014: Moldova\'s consent is corrected to a ratification of 16 Sep 2005', async () => {
		const db = await emptyRecordDb();
		await importUntil(db, '18-12-b', '2014-01-27');
		const p = await importOn(db, '18-12-b', '2014-07-10');
		expect(p.diff.added).toEqual([]);
		expect(p.diff.changed.map((c) => ({ ...brief(c.incoming), was: [c.current.attributes.event, c.current.attributes.date] }))).toEqual([
			{ participant: 'MDA', kind: 'consent', event: 'ratification', date: '2005-09-16', was: ['accession', '2006-02-28'] }
		]);
		// A correction, not a second consent: one act, two versions.
		const consent = { instrument: 'smuggling-protocol', participant: 'MDA', kind: 'consent', seq: 1 } as const;
		expect((await participation.history(db, consent)).map((v) => [v.version, v.event, v.date])).toEqual([
			[1, 'accession', '2006-02-28'],
			[2, 'ratification', '2005-09-16']
		]);
	});

	test('after every UNTOC snapshot, the Convention enters into force on 29 Sep 2003, as published', async () => {
		const db = await emptyRecordDb();
		await importUntil(db, '18-12', '2014-01-27');
		expect((await records.get(db)).instruments.get('untoc')!.computedEntryIntoForce).toBe('2003-09-29');
	});
});
