import { sourceFile, type LoadContext } from './context';
import { readCountryNames } from './cow';
import { isoDate } from '../../text/dates';
import { LoadError } from '../../text/errors';
import type { NameIndex } from '../../text/names';
import type { NewParticipant } from './participants';
import { readTable, requireColumns } from '../../text/table';
import { COW_STATE_YEAR } from '../../record/participants';

const CORRECTIONS = 'treaty-tracker-existence-corrections';

/** The state-year file's own columns; every other column is an IGO, coded −1 when the State is not in the system. */
const KEYS = ['ccode', 'year', 'state'];
const NOT_IN_SYSTEM = '-1';

export interface Existence {
	since: string | null;
	since_precision: 'day' | 'year' | null;
	since_source_id: string | null;
	since_note: string;
}

/**
 * When each participant began to exist as a State, so that a State is not listed as "not
 * joined" before it existed (South Sudan before 2011). The start is the first year COW's
 * state-year file has the State in the system, as 1 January of that year (year precision);
 * ccodes that aliases.csv gives one participant are merged (West Germany and Germany, North
 * Yemen and Yemen), and ccodes of former States are skipped. A State already in the system in
 * the data's first year (1919) has no known start, nor has a participant COW leaves out (the
 * Holy See, Palestine, the Cook Islands, Niue, the EU): `since` stays null, "always existed".
 * data/existence-corrections.csv replaces COW where it is known to be wrong. Only the start
 * is kept: a later absence from the system (occupation in 1940–45) is named in the note only.
 * Written with the participants themselves (participants.ts).
 */
export function read(ctx: LoadContext, names: NameIndex, participants: Map<string, NewParticipant>): Map<string, Existence> {
	const cow = cowYears(ctx, names);
	const corrections = readCorrections(ctx, participants);
	const out = new Map<string, Existence>();
	for (const p of participants.values()) {
		const fixed = corrections.get(p.code);
		const inCow = cow.byCode.get(p.code);
		if (fixed) out.set(p.code, fixed);
		else if (inCow) out.set(p.code, fromCow(inCow, cow));
		else {
			out.set(p.code, {
				since: null,
				since_precision: null,
				since_source_id: null,
				since_note:
					p.kind === 'organisation'
						? 'An organisation, not a State: no start date, treated as always existing'
						: 'Not in the COW state system: no known start, treated as always existing'
			});
		}
	}
	return out;
}

interface InSystem {
	years: Set<number>;
	ccodes: Set<string>;
}

function cowYears(ctx: LoadContext, names: NameIndex) {
	const { file } = sourceFile(ctx, COW_STATE_YEAR);
	const table = readTable(ctx.dataDir, file);
	requireColumns(table, KEYS);
	const igos = table.columns.filter((c) => !KEYS.includes(c));
	if (igos.length === 0) throw new LoadError('no organisation columns besides ccode, year and state', { file });
	const countryNames = readCountryNames(ctx);
	const byCode = new Map<string, InSystem>();
	let from = Infinity;
	let to = -Infinity;
	for (const { line, cells } of table.rows) {
		const where = { file, line };
		const year = Number(cells.year);
		if (!/^\d{4}$/.test(cells.year)) throw new LoadError(`not a year: "${cells.year}"`, { ...where, value: cells.year });
		from = Math.min(from, year);
		to = Math.max(to, year);
		if (igos.every((c) => cells[c] === NOT_IN_SYSTEM)) continue;
		const name = countryNames.get(cells.ccode);
		if (!name) throw new LoadError(`ccode ${cells.ccode} is not in the COW country codes`, { ...where, value: cells.ccode });
		const entry = names.lookup(name);
		if (!entry) throw new LoadError(`unknown participant "${name}" (ccode ${cells.ccode})`, { ...where, value: name });
		// Former States (Czechoslovakia…), Taiwan, Kosovo: named in aliases.csv or country-codes.csv, no participant.
		if (!entry.code || !names.isParticipant(entry.code)) continue;
		const found = byCode.get(entry.code) ?? { years: new Set<number>(), ccodes: new Set<string>() };
		found.years.add(year);
		found.ccodes.add(cells.ccode);
		byCode.set(entry.code, found);
	}
	return { from, to, byCode };
}

function fromCow(s: InSystem, data: { from: number; to: number }): Existence {
	const first = Math.min(...s.years);
	const source = `COW IGO v3 (ccode ${[...s.ccodes].sort((a, b) => Number(a) - Number(b)).join(' and ')})`;
	const gaps = missingRuns(s.years, first, data.to);
	const out = gaps.length ? `; out of the system in ${gaps.join(', ')} (not shown: only the start is used)` : '';
	if (first === data.from) {
		return {
			since: null,
			since_precision: null,
			since_source_id: COW_STATE_YEAR,
			since_note: `${source}: in the state system in ${first}, the first year of the data; no known start, treated as always existing${out}`
		};
	}
	return {
		since: `${first}-01-01`,
		since_precision: 'year',
		since_source_id: COW_STATE_YEAR,
		since_note: `${source}: in the state system from ${first}; year precision, taken from 1 January${out}`
	};
}

/** Runs of years from `first` to `last` missing from `years`: ["1941–1944", "1959–1960"]. */
function missingRuns(years: Set<number>, first: number, last: number): string[] {
	const runs: string[] = [];
	let start: number | null = null;
	for (let y = first; y <= last + 1; y++) {
		const missing = y <= last && !years.has(y);
		if (missing && start === null) start = y;
		if (!missing && start !== null) {
			runs.push(start === y - 1 ? String(start) : `${start}–${y - 1}`);
			start = null;
		}
	}
	return runs;
}

/** data/existence-corrections.csv: a row is the participant's whole existence record. */
function readCorrections(ctx: LoadContext, participants: Map<string, NewParticipant>): Map<string, Existence> {
	const { id, file } = sourceFile(ctx, CORRECTIONS);
	const table = readTable(ctx.dataDir, file);
	requireColumns(table, ['code', 'since', 'precision', 'note']);
	const out = new Map<string, Existence>();
	for (const { line, cells } of table.rows) {
		const where = { file, line };
		if (!participants.has(cells.code)) throw new LoadError(`${cells.code} is not a participant`, { ...where, value: cells.code });
		if (out.has(cells.code)) throw new LoadError(`${cells.code} is corrected twice`, { ...where, value: cells.code });
		if (!cells.note) throw new LoadError('every correction needs a note saying where it comes from', where);
		const since = cells.since ? isoDate(cells.since, where) : null;
		const precision = cells.precision || null;
		if (since && precision !== 'day' && precision !== 'year') {
			throw new LoadError(`precision must be "day" or "year", not "${cells.precision}"`, where);
		}
		if (!since && precision) throw new LoadError('a precision without a date', where);
		if (precision === 'year' && !since!.endsWith('-01-01')) throw new LoadError('with year precision, since is YYYY-01-01', where);
		out.set(cells.code, { since, since_precision: precision as Existence['since_precision'], since_source_id: id, since_note: cells.note });
	}
	return out;
}
