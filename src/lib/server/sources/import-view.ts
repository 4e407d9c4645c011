// A preview as a person reads it in the browser: every act to add or change with the
// participant's name and a key to tick, the record's acts the source does not have (each with
// its page, for a decision), and the source's stated totals beside what it holds and what the
// record holds on its date. Plain data, for a page to render.
import type { ActAttributes, CurrentAct } from '../record/participation';
import * as imports from './imports';
import * as records from '../record/record';
import { countsOn } from '../record/status';
import type { Preview } from './imports';

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
	const name = (code: string) => record.participants.get(code)?.name ?? code;
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
