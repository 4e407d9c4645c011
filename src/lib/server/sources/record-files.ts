// The record written back out as the versioned files it is seeded from (data/record/), so that
// changes made in the app can be reviewed as a plain diff and committed: every act's current
// version (retracted ones too, with the reason) and the sources added in the app. Rows are in
// a fixed order and every field is written, so exporting an unchanged record changes nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dsvFormat } from 'd3-dsv';
import { ACT_KINDS } from '../../acts';
import type { Db } from '../db';
import { ACTS_FILE, ALIASES_FILE, ALIAS_COLUMNS } from './load';
import { ADDED_COLUMNS, ADDED_FILE } from './load/sources';
import * as participation from '../record/participation';
import { COLUMNS } from './readers/tracker-csv';

const csv = dsvFormat(',');

function table(columns: readonly string[], rows: (string | number | null)[][]): string {
	return csv.formatRows([[...columns], ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))))]) + '\n';
}

/** data/record/acts.csv as text. */
export async function actsCsv(db: Db): Promise<string> {
	const order = new Map((await db.selectFrom('instruments').select(['slug', 'sort_order']).execute()).map((i) => [i.slug, i.sort_order]));
	const acts = await participation.current(db);
	acts.sort(
		(a, b) =>
			order.get(a.instrument)! - order.get(b.instrument)! ||
			a.instrument.localeCompare(b.instrument) ||
			a.participant.localeCompare(b.participant) ||
			ACT_KINDS.indexOf(a.kind) - ACT_KINDS.indexOf(b.kind) ||
			a.seq - b.seq
	);
	return table(
		COLUMNS,
		acts.map((a) => {
			const v = a.attributes;
			const row: Record<(typeof COLUMNS)[number], string | number | null> = {
				instrument: a.instrument, participant: a.participant, act: a.kind, seq: a.seq, event: v.event,
				date: v.date, precision: v.precision, earliest: v.earliest, latest: v.latest, declarations: v.declarations,
				territorial_application: v.territorial_application, recorded_entry_into_force: v.recorded_entry_into_force,
				note: v.note, quality_flag: v.quality_flag, source: v.source_id, source_line: v.source_line,
				reason: a.retracted ? null : a.reason, retracted: a.retracted ? (a.reason ?? 'retracted') : null
			};
			return COLUMNS.map((c) => row[c]);
		})
	);
}

/** data/record/sources.csv as text: the sources added in the app, not the shipped catalogue. */
export async function sourcesCsv(db: Db): Promise<string> {
	const rows = await db.selectFrom('sources').selectAll().where('added_by', 'is not', null).orderBy('id').execute();
	return table(
		ADDED_COLUMNS,
		rows.map((s) => ADDED_COLUMNS.map((c) => (c === 'partial' ? s.partial : s[c])))
	);
}

/** data/record/aliases.csv as text: the names mapped to participants in the app, with who mapped them. */
export async function aliasesCsv(db: Db): Promise<string> {
	const rows = await db.selectFrom('participant_aliases').selectAll().where('added_by', 'is not', null).orderBy('alias').execute();
	return table(
		ALIAS_COLUMNS,
		rows.map((a) => ALIAS_COLUMNS.map((c) => a[c] ?? null))
	);
}

/** Writes the record files under `to` (a data folder); returns the paths written. */
export async function write(db: Db, opts: { to: string }): Promise<string[]> {
	const files: [string, string][] = [
		[ACTS_FILE, await actsCsv(db)],
		[ADDED_FILE, await sourcesCsv(db)],
		[ALIASES_FILE, await aliasesCsv(db)]
	];
	return files.map(([file, text]) => {
		const path = join(opts.to, file);
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, text);
		return path;
	});
}
