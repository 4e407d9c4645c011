// The treaty record in memory: every instrument's current acts turned into per-participant
// timelines with computed entry-into-force dates. Built once (./build), then kept current by
// following the audit log (./live): a correction makes again the instruments it touches, not the
// whole record; the next request after any write, in any process, sees it.
import type { Db } from '../db';
import type { DataStatus, DatePrecision, EventKind, Instrument, Participant, PublishedTotal, Source } from '../db/schema';
import type { ActKind } from '../../acts';
import { formatDate } from '../../dates';
import { COW_STATE_YEAR } from './participants';
import type { EifRule } from './rules';
import * as live from './live';
import { m } from '$lib/paraglide/messages';

export interface EventView {
	/** The act's id: stable across its corrections. */
	id: number;
	act: ActKind;
	seq: number;
	version: number;
	kind: EventKind;
	date: string | null;
	precision: DatePrecision;
	earliest: string | null;
	latest: string | null;
	/** The date by which the event had certainly happened: `date`, else `latest`. */
	known: string | null;
	declarations: string | null;
	note: string | null;
	qualityFlag: string | null;
	recordedEntryIntoForce: string | null;
	sourceId: string;
	sourceLine: number | null;
	/** When this version was written. */
	recordedAt: string;
	/** For a consent: its entry into force for this participant, exact when computable… */
	entryIntoForce: string | null;
	/** …or the date by which it had certainly entered into force (consent date uncertain). */
	entryIntoForceBy: string | null;
}

export interface Timeline {
	participant: string;
	events: EventView[]; // oldest first
	/**
	 * The newest "as recorded on" date of the sources its acts come from: a partial source (three
	 * pasted rows, a transcription) vouches for its own rows until then, not for the instrument.
	 */
	speaksUntil: string | null;
}

export interface Warning {
	instrument: string;
	participant?: string;
	/** In the language of the request that reads it (a getter: the record is built once for all). */
	message: string;
}

export interface InstrumentRecord {
	instrument: Instrument;
	rule: EifRule;
	/**
	 * The status table the record was last brought in from: the newest complete one (a table that
	 * lists every participant the record holds, as a depositary's status page does), or, where
	 * there is none, the newest partial one. Its date is the record's date.
	 */
	source: Source | null;
	/** none: nothing recorded; partial: excerpts, or acts without a status table; complete. */
	dataStatus: DataStatus;
	/** Who may join: members of these groups on the date (null: any State)… */
	openToGroups: string[] | null;
	/** …these participants although not members… */
	openToNamed: string[];
	/** …and a regional economic integration organisation (the EU), where true. */
	openToOrganisations: boolean;
	/** Totals published by the depositary and others, oldest first. */
	published: PublishedTotal[];
	/** Computed from the log when it can be, else as recorded by a source, else null. */
	entryIntoForce: string | null;
	entryIntoForceBasis: 'computed' | 'recorded' | null;
	computedEntryIntoForce: string | null;
	timelines: Map<string, Timeline>;
}

export interface TreatyRecord {
	revision: number;
	instruments: Map<string, InstrumentRecord>;
	participants: Map<string, Participant>;
	sources: Map<string, Source>;
	memberships: Map<string, { code: string; joined: string | null; left: string | null }[]>;
	/**
	 * The day from which each participant with a known start counts as existing: its `since`,
	 * or the day of its first recorded act when that is earlier (acting proves existing: the ILO
	 * registers Croatia's successions on 8 Oct 1991, COW has Croatia from 1992).
	 */
	existsFrom: Map<string, string>;
	warnings: Warning[];
}

/** The record at its current revision, whichever process wrote (kept current by ./live). */
export async function get(db: Db): Promise<TreatyRecord> {
	return live.record(db);
}

export { isConsent, memberOn, lastConsent, lastOf } from './build';

/**
 * Did `code` exist (as a State) on `date`? A participant with no known start always did. A State
 * that did not yet exist has not "not joined" anything: lists and maps leave it out.
 */
export function existsOn(record: TreatyRecord, code: string, date: string): boolean {
	const from = record.existsFrom.get(code);
	return !from || from <= date;
}

/** "COW: in system from 2011", said of a State that did not yet exist (in the request's language); null when it always did. */
export function existenceLabel(record: TreatyRecord, code: string): string | null {
	const p = record.participants.get(code);
	if (!p?.since) return null;
	if (p.since_precision === 'year') {
		const year = p.since.slice(0, 4);
		return p.since_source_id === COW_STATE_YEAR ? m.api_existence_cow({ year }) : m.api_existence_state({ from: year });
	}
	return m.api_existence_state({ from: formatDate(p.since) });
}
