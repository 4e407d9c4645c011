// A preview as a person reads it in the browser: every act to add or change with the
// participant's name and a key to tick, the record's acts the source does not have (each with
// its page, for a decision), and the source's stated totals beside what it holds and what the
// record holds on its date. And an import once applied, as its page shows it. Plain data, for
// a page to render; participants by their names in the request's language (made per request,
// never kept).
import type { Db } from '../db';
import * as participation from '../record/participation';
import type { ActAttributes, CurrentAct } from '../record/participation';
import * as imports from './imports';
import * as records from '../record/record';
import { countsOn } from '../record/status';
import type { Preview } from './imports';
import { stateName } from '../../i18n';

export interface ActRow {
	key: string;
	participant: string;
	name: string;
	event: string;
	date: string | null;
	line: number | null;
}

export interface ChangedRow extends ActRow {
	actId: number;
	fields: { field: string; was: string | null; now: string | null }[];
	/** The record's version comes from a later source: shown, not applied. */
	olderThanRecord: boolean;
}

export interface RecordRow {
	actId: number;
	participant: string;
	name: string;
	event: string;
	date: string | null;
}

export interface PreviewView {
	instrument: { slug: string; title: string };
	source: { id: string; title: string; recordedOn: string | null; recordedOnNote: string | null; format: string; formatName: string; known: boolean };
	stated: { signatories: number | null; parties: number | null } | null;
	read: { signatories: number; consents: number; acts: number };
	/** A complete table dates the instrument's record; a partial one only its own rows. */
	completeness: imports.Completeness;
	/** The instrument's record date now, which a complete table newer than it moves on. */
	recordDate: string | null;
	/** The record's counts on the source's date (today when it has none), before applying. */
	record: { signatories: number; parties: number; on: string } | null;
	added: ActRow[];
	changed: ChangedRow[];
	absent: RecordRow[];
	retracted: RecordRow[];
	unchanged: number;
	warnings: string[];
	/** How many writes applying everything would make. */
	applicable: number;
}

function shown(v: ActAttributes[keyof ActAttributes]): string | null {
	return v === null || v === undefined ? null : String(v);
}

export async function view(db: Parameters<typeof records.get>[0], p: Preview, today: string): Promise<PreviewView> {
	const record = await records.get(db);
	const name = (code: string) => stateName(code, record.participants.get(code)?.name ?? code);
	const ir = record.instruments.get(p.instrument)!;
	const on = p.source.recorded_on ?? today;
	const counts = ir.dataStatus === 'none' ? null : countsOn(ir, on);
	const recordRow = (a: CurrentAct): RecordRow => ({ actId: a.id, participant: a.participant, name: name(a.participant), event: a.attributes.event, date: a.attributes.date });
	return {
		instrument: { slug: p.instrument, title: ir.instrument.short_title },
		source: {
			id: p.source.id, title: p.source.title, recordedOn: p.source.recorded_on, recordedOnNote: p.source.recorded_on_note,
			format: p.source.format, formatName: imports.FORMAT_NAMES[p.source.format], known: p.sourceKnown
		},
		stated: p.stated,
		read: p.read,
		completeness: p.completeness,
		recordDate: ir.source?.recorded_on ?? null,
		record: counts ? { signatories: counts.signatories, parties: counts.parties, on } : null,
		added: p.diff.added.map((a) => ({ key: imports.actKey(a), participant: a.participant, name: name(a.participant), event: a.values.event, date: a.values.date, line: a.line })),
		changed: p.diff.changed.map((c) => ({
			key: imports.actKey(c.incoming), actId: c.current.id, participant: c.incoming.participant, name: name(c.incoming.participant),
			event: c.incoming.values.event, date: c.incoming.values.date, line: c.incoming.line, olderThanRecord: c.olderThanRecord,
			fields: c.fields.map((f) => ({ field: f, was: shown(c.current.attributes[f]), now: shown(c.incoming.values[f]) }))
		})),
		absent: p.diff.absent.map(recordRow),
		retracted: p.diff.retracted.map((r) => recordRow(r.current)),
		unchanged: p.diff.unchanged,
		warnings: p.warnings,
		applicable: imports.writes(p.diff).length
	};
}

// ---- An import once applied ----------------------------------------------------------------

/** What `imports.apply` logs of an import: the acts it wrote and those it left, by their keys. */
interface Summary {
	acts: { act: string; op: 'record' | 'correct' | 'retract' }[];
	left: { absent: string[]; notTicked: string[]; olderThanRecord: string[] };
}

/** An act of an import, by its key (instrument|participant|kind|seq), with its page's id when it exists. */
export interface AppliedAct {
	key: string;
	id: number | null;
	name: string;
	kind: string;
	seq: number;
}

/**
 * One import as it was applied: who brought which file into which instrument from which
 * source, the acts it wrote, and those it left (absent from the source, not ticked, or older
 * than the record's). Null when there is no import with this id.
 */
export async function applied(db: Db, id: number) {
	const row = await db
		.selectFrom('imports')
		.leftJoin('import_files', 'import_files.id', 'imports.file_id')
		.innerJoin('sources', 'sources.id', 'imports.source_id')
		.select([
			'imports.id', 'imports.instrument_slug', 'imports.source_id', 'imports.format', 'imports.actor', 'imports.at', 'imports.revision',
			'imports.written', 'imports.summary', 'import_files.name as file_name', 'import_files.size as file_size',
			'sources.title as source_title', 'sources.recorded_on'
		])
		.where('imports.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const record = await records.get(db);
	const summary = JSON.parse(row.summary) as Summary;
	const { absent, notTicked, olderThanRecord } = summary.left;
	const ids = new Map<string, number>();
	if (summary.acts.length + absent.length + notTicked.length + olderThanRecord.length) {
		for (const a of await participation.current(db, { instrument: row.instrument_slug })) ids.set(participation.identityKey(a), a.id);
	}
	const described = (key: string): AppliedAct => {
		const [, code, kind, seq] = key.split('|');
		return { key, id: ids.get(key) ?? null, name: stateName(code, record.participants.get(code)?.name ?? code), kind, seq: Number(seq) };
	};
	return {
		run: {
			id: row.id,
			instrument: { slug: row.instrument_slug, title: record.instruments.get(row.instrument_slug)?.instrument.short_title ?? row.instrument_slug },
			source: { id: row.source_id, title: row.source_title, recordedOn: row.recorded_on },
			file: row.file_name ? { name: row.file_name, size: row.file_size ?? 0 } : null,
			format: row.format,
			actor: row.actor,
			at: row.at,
			revision: row.revision,
			written: row.written
		},
		acts: summary.acts.map((a) => ({ ...described(a.act), op: a.op })),
		absent: absent.map(described),
		notTicked: notTicked.map(described),
		olderThanRecord: olderThanRecord.map(described)
	};
}
