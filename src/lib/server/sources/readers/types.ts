// What every reader gives back: the acts a source states, each with the line it comes from.
// Readers are pure — text in, acts out; no database, no disk — so the seed, the command line
// and an upload read a file the same way. A reader never decides whether an act is new: it
// says what the source says, and the diff decides.
import type { DatePrecision, EventKind } from '../../../acts';
import type { ColumnMapping } from './paste';

export interface SourceAct {
	/** 1-based line of the file the act was read from (for HTML, the line of the participant's cell). */
	line: number;
	/** The participant as the source names it ("Ukraine 6, 7", "Bahamas (The)"). */
	name: string;
	/** Set when the reader knows the participant itself (ASEAN's "all 10 members" row, the tracker's own files). */
	code?: string;
	event: EventKind;
	date: string | null;
	precision: DatePrecision;
	earliest: string | null;
	latest: string | null;
	/** Left undefined where the source says nothing of it, so it is not compared. */
	declarations?: string | null;
	territorial_application?: string | null;
	recorded_entry_into_force?: string | null;
	note?: string | null;
	quality_flag?: string | null;
	/** The tracker's own files name the instrument, the sequence and the source of every act. */
	instrument?: string;
	seq?: number;
	sourceId?: string;
	sourceLine?: number | null;
	/** A retracted act in the tracker's own files: the reason. */
	retracted?: string | null;
	reason?: string | null;
}

/** Totals a source states about itself, to check against the rows read. */
export interface StatedTotals {
	signatories: number | null;
	parties: number | null;
}

export interface ReadResult {
	acts: SourceAct[];
	/** "Status as at" of a depositary page, when the page says it. */
	asOf: string | null;
	stated: StatedTotals | null;
	/** The instrument as the source titles it, when it does. */
	title: string | null;
	warnings: string[];
}

/** What a reader may ask of the world, given to it rather than looked up. */
export interface ReaderContext {
	/** The file's name, for messages ("file:line: …"). */
	file: string;
	/**
	 * The participant a name means: its code, null for a known name of no participant (a former
	 * State), undefined for a name nobody knows. NORMLEX glues declarations to names and needs
	 * it to split them.
	 */
	codeOf(name: string): string | null | undefined;
	/** Members of a group on every day from `from` to `to` (ASEAN's "all 10 members"). */
	membersOf?(group: string, from: string, to: string): string[];
	/** A group's name ("African Union"), for notes. */
	groupName?(group: string): string | undefined;
	/**
	 * A pasted table: what each column means, as the person confirmed it (see paste.ts). Left
	 * out, the paste reader guesses it from the header words or the cells; other readers ignore it.
	 */
	columns?: ColumnMapping;
}

export type Reader = (text: string, ctx: ReaderContext) => ReadResult;

/** A result with nothing but acts. */
export function result(acts: SourceAct[], extra: Partial<Omit<ReadResult, 'acts'>> = {}): ReadResult {
	return { acts, asOf: null, stated: null, title: null, warnings: [], ...extra };
}

/** A dated act with every optional field left to the source. */
export function act(line: number, name: string, event: EventKind, date: string | null, fields: Partial<SourceAct> = {}): SourceAct {
	return { line, name, event, date, precision: date ? 'day' : 'unknown', earliest: null, latest: null, ...fields };
}
