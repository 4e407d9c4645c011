// What a status map is made of, as the server sends it: projected outlines (never changing)
// plus each participant's status changes and group memberships (for any date the slider
// picks). `stateOn` turns it into the map as of one date, identically on the server and in
// the browser.
import type { Status, LastKnown } from '../status';
import { memberAt, since, statusAt, type Change, type Interval } from './timeline';
import { addDays } from '../dates';
import { tally, type Tally } from './legend';

export interface MapGeometry {
	/** viewBox width and height */
	width: number;
	height: number;
	/** Outlines without a participant (compact path data, one path). */
	background: string;
	/** Participants drawn as outlines, in drawing order. */
	shapes: { code: string; d: string }[];
	/** Participants drawn as dots (small States), at projected x, y. */
	dots: { code: string; x: number; y: number }[];
	/** Participants that are no place on a map (the European Union). */
	unmapped: string[];
}

export interface MapGroup {
	slug: string;
	/** The record's (English) name: shown through groupWords (map/text), in the request's language. */
	name: string;
	kind: string;
}

export interface MapInstrument {
	slug: string;
	shortTitle: string;
	title: string;
	kind: string;
	adopted: string | null;
	entryIntoForce: string | null;
	dataAsOf: string | null;
	dataStatus: 'complete' | 'partial' | 'none';
	/** A plan's endorsements come from memberships: never stale. */
	binding: boolean;
}

export interface MapParticipant {
	code: string;
	/** In the language of the request that made the model (stateName). */
	name: string;
	/** Absent when it has always existed; else from when it counts, and where that comes from. */
	exists?: { from: string; label: string };
	/**
	 * When it may join the instrument (the ILO's members for an ILO convention; never, for the
	 * European Union and a treaty closed to organisations). Absent: whenever it exists.
	 */
	open?: Interval[];
}

export interface MapModel {
	instrument: MapInstrument;
	/** The group the map is fitted to, or null for the world. */
	group: MapGroup | null;
	/** Every participant, by name. */
	participants: MapParticipant[];
	geometry: MapGeometry;
	/**
	 * Status changes per participant. A participant without any is 'none' throughout where the
	 * record is complete, 'unknown' where it is partial or missing.
	 */
	changes: Record<string, Change[]>;
	/** Group memberships per member (null: no group, everyone counts). */
	members: Record<string, Interval[]> | null;
	today: string;
}

export interface MapRow {
	code: string;
	name: string;
	status: Status;
	since: string | null;
	/**
	 * For `unknown` after the day the record can vouch for: the status it last knew and that day
	 * (drawn hatched, said in the tooltip and the table).
	 */
	lastKnown: LastKnown | null;
	/** In the group on the date (always true without a group). */
	member: boolean;
	/** Existed on the date: a State not yet in existence is drawn as background and not counted. */
	exists: boolean;
	/** Where its start comes from ("COW: in system from 2011"); null when it has always existed. */
	existence: string | null;
	/**
	 * May join the instrument on the date, or has acted on it: one that may not (the EU and an
	 * ILO convention) is drawn as background and not counted, as the non-parties list leaves it out.
	 */
	open: boolean;
}

export interface MapState {
	date: string;
	rows: MapRow[];
	byCode: Map<string, MapRow>;
	/** Counts over the members that existed on the date and may join the instrument. */
	tally: Tally;
}

export function stateOn(model: Pick<MapModel, 'participants' | 'changes' | 'members' | 'instrument'>, date: string): MapState {
	const complete = model.instrument.dataStatus === 'complete';
	const rows = model.participants.map((p): MapRow => {
		const changes = model.changes[p.code];
		let status = changes || complete ? statusAt(changes, date) : 'unknown';
		let lastKnown = status === 'unknown' && changes ? lastKnownOf(changes, date) : null;
		// no act in a complete record: "no action" up to its date, unknown after it
		const asOf = model.instrument.dataAsOf;
		if (!changes && complete && model.instrument.binding && asOf && date > asOf) {
			status = 'unknown';
			lastKnown = { status: 'none', on: asOf };
		}
		return {
			code: p.code,
			name: p.name,
			status,
			since: status === 'unknown' ? null : since(model.changes[p.code], date),
			lastKnown,
			member: model.members === null || memberAt(model.members[p.code], date),
			exists: !p.exists || p.exists.from <= date,
			existence: p.exists?.label ?? null,
			open: !p.open || (status !== 'none' && status !== 'unknown') || memberAt(p.open, date)
		};
	});
	return {
		date,
		rows,
		byCode: new Map(rows.map((r) => [r.code, r])),
		tally: tally(rows.filter(counted).map((r) => r.status))
	};
}

/** The status before the change to unknown in force on `date`, and the day before that change. */
function lastKnownOf(changes: readonly Change[], date: string): LastKnown | null {
	let before: Status = 'none';
	let found: LastKnown | null = null;
	for (const [d, s] of changes) {
		if (d > date) break;
		found = s === 'unknown' ? { status: before, on: addDays(d, -1) } : null;
		before = s;
	}
	return found;
}

/** A row the legend and the table count: a member of the group that existed on the date and may join. */
export function counted(row: MapRow): boolean {
	return row.member && row.exists && row.open;
}
