// A table pasted from a depositary's page: rows selected in a browser and copied, which gives
// tab-separated text, one row a line, the first row perhaps the header. What each column means
// is a mapping the person confirms before anything is read — guessed for them, never assumed.
//
// The mapping API:
// - `splitRows(text)` → the cells of every line (string[][]): split on tabs, each cell trimmed
//   (no-break spaces count as spaces), a cell wholly in double quotes unquoted ("" → "). A BOM
//   is dropped; \r\n, \n and \r end lines; trailing empty lines are dropped; an empty line
//   inside stays, as [''], so that rows[i] is always line i + 1 of the text. A stray quote is
//   just text.
// - `ColumnMapping` = { header, columns }: whether the first non-empty line is a header, and one
//   `ColumnRole` per column, in order (cells beyond the mapping must be empty).
// - `ColumnRole`: 'participant' (the name, exactly one column); 'signature', 'ratification',
//   'acceptance', 'approval', 'accession', 'succession', 'denunciation': the date of that act;
//   'consent': the date of a consent whose form a suffix gives, as UNTC writes it — none for a
//   ratification, "A" acceptance, "AA" approval, "a" accession, "d" succession, "c" formal
//   confirmation, bare ("6 Sep 2006 AA") or in brackets ("19 Sep 2002 (a)", as OHCHR writes it;
//   the CoE marks an accession with the same "a"); 'entry-into-force': not an act, the entry into
//   force the source records for the consent of that row; 'ignore': not read (status, notes,
//   the CoE's R./D./A./T./C./O. columns, a treaty's name).
// - `guessMapping(rows)` proposes a mapping. From header words when the first row is a header
//   (it has no date and names at least one known column): UNTC ("Participant", "Signature",
//   "Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)" → consent), the CoE
//   ("States", "Signature", "Ratification", "Entry into Force"), NORMLEX ("Country", "Date" →
//   ratification, "Status"), OHCHR ("COUNTRY", "Signature Date", "Ratification Date,
//   Accession(a), Succession(d) Date" → consent). Without a header, from the cells: the first
//   column of names is the participant; of the columns of dates, one holding suffixes is the
//   consent (the column before it the signature, the one after it the entry into force);
//   otherwise one date column is a consent, two are signature and consent, three signature,
//   consent and entry into force, as every depositary orders them. A single-form column whose
//   cells carry suffixes is guessed as 'consent'.
// - `read(text, ctx)` reads with `ctx.columns` when given, else the guess. It needs exactly one
//   participant column and at least one date column (a LoadError says which is missing). Dates
//   may be written "12 Dec 2000" (or "12 December 2000"), "12/12/2000" (day first, as the CoE
//   writes), "2000-12-12", or "12-12-2000" (day-month-year, as UNTC writes); a date that is no
//   day of the calendar ("31/02/2020") is a LoadError naming the line and the column. An empty
//   cell means no act (and an empty entry-into-force cell says nothing). Lines are 1-based
//   lines of the pasted text.
import { UNTC_SUFFIXES, type EventKind } from '../../../acts';
import { isIsoDate, monthNumber } from '../../../dates';
import { LoadError } from '../../text/errors';
import { act, result, type Reader, type SourceAct } from './types';

export const COLUMN_ROLES = [
	'participant',
	'signature',
	'consent',
	'ratification',
	'acceptance',
	'approval',
	'accession',
	'succession',
	'denunciation',
	'entry-into-force',
	'ignore'
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

export interface ColumnMapping {
	/** The first non-empty line is a header, not a row. */
	header: boolean;
	/** One role per column, in order. */
	columns: ColumnRole[];
}

/** Roles whose cells are the date of an act of that form. */
const DATED: Partial<Record<ColumnRole, EventKind>> = {
	signature: 'signature',
	ratification: 'ratification',
	acceptance: 'acceptance',
	approval: 'approval',
	accession: 'accession',
	succession: 'succession',
	denunciation: 'denunciation'
};
const dated = (r: ColumnRole) => Object.hasOwn(DATED, r);
const isDateRole = (r: ColumnRole) => r === 'consent' || r === 'entry-into-force' || dated(r);

// ——— rows ———

function unquote(cell: string): string {
	const c = cell.replace(/\u00a0/g, ' ').trim();
	return c.length >= 2 && c.startsWith('"') && c.endsWith('"') ? c.slice(1, -1).replace(/""/g, '"').trim() : c;
}

/** The cells of every line of a pasted table: rows[i] is line i + 1 (see the module header). */
export function splitRows(text: string): string[][] {
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
	while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
	return lines.map((l) => l.split('\t').map(unquote));
}

const blank = (row: string[]) => row.every((c) => c === '');

// ——— dates ———

/**
 * A date in one of the accepted forms → "YYYY-MM-DD"; `null` when the text is no date form;
 * `false` when it has a date's form but is no day of the calendar (31/02/2020).
 */
export function pastedDate(s: string): string | null | false {
	let y: string, m: number, d: string;
	let match: RegExpExecArray | null;
	if ((match = /^(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4})$/.exec(s))) {
		const month = monthNumber(match[2]);
		if (!month) return null;
		[d, m, y] = [match[1], month, match[3]];
	} else if ((match = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4})$/.exec(s))) {
		[d, m, y] = [match[1], +match[3], match[4]];
	} else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) {
		[y, m, d] = [match[1], +match[2], match[3]];
	} else {
		return null;
	}
	const iso = `${y}-${String(m).padStart(2, '0')}-${d.padStart(2, '0')}`;
	return isIsoDate(iso) ? iso : false;
}

/** A consent cell: a date and an optional UNTC suffix, bare or in brackets. */
function consentParts(s: string): { date: string; suffix: string } | null {
	const m = /^(.*?\d)(?:\s*\((a|A|AA|d|c)\)|\s+(a|A|AA|d|c))?$/.exec(s.replace(/\s+/g, ' '));
	return m ? { date: m[1], suffix: m[2] ?? m[3] ?? '' } : null;
}

/** The cell has a date's shape (a real day or not), with or without a consent suffix. */
function dateShaped(s: string): boolean {
	const c = consentParts(s);
	return c !== null && pastedDate(c.date) !== null;
}
const suffixed = (s: string) => dateShaped(s) && consentParts(s)!.suffix !== '';

// ——— the guess ———

/** The role a header cell names, or null when it names none we know. */
function roleOfHeader(cell: string): ColumnRole | null {
	const h = cell.toLowerCase().replace(/\s+/g, ' ').replace(/[:*]+$/, '').trim();
	if (/^(participants?|states?|countr(y|ies)|member states?|states? part(y|ies)|country name|name of (the )?state)$/.test(h)) return 'participant';
	const forms = ['ratification', 'acceptance', 'approval', 'accession', 'succession', 'confirmation'].filter((f) => h.includes(f));
	if (forms.length > 1 || /\((a|aa|d|c)\)/.test(h)) return 'consent';
	if (/entry into force|^e\.? ?i\.? ?f\.?$/.test(h)) return 'entry-into-force';
	if (h.includes('signature')) return 'signature';
	if (/^(date|date of ratification|ratification date|registration date)$/.test(h)) return 'ratification';
	if (forms.length === 1) return forms[0] as ColumnRole;
	if (/denunciation|withdrawal/.test(h)) return 'denunciation';
	return null;
}

/** A mapping proposed for the rows (see the module header); the person confirms or changes it. */
export function guessMapping(rows: string[][]): ColumnMapping {
	const filled = rows.filter((r) => !blank(r));
	const width = filled.reduce((w, r) => Math.max(w, r.length), 0);
	const first = filled[0] ?? [];
	const header = first.length > 0 && !first.some(dateShaped) && first.some((c) => roleOfHeader(c) !== null);
	const data = header ? filled.slice(1) : filled;
	// The non-empty cells of each column, gathered in one pass (a paste may be wide and long).
	const cells: string[][] = [];
	for (const r of data) r.forEach((c, i) => c !== '' && (cells[i] ??= []).push(c));
	const column = (i: number) => cells[i] ?? [];
	const datesIn = (i: number) => {
		const cells = column(i);
		return cells.length > 0 && cells.filter(dateShaped).length * 2 >= cells.length;
	};
	const namesIn = (i: number) => {
		const cells = column(i);
		return cells.length > 0 && cells.filter((c) => /\p{L}/u.test(c) && !dateShaped(c)).length * 2 > cells.length;
	};

	const columns: ColumnRole[] = Array.from({ length: width }, (_, i) => (header ? (roleOfHeader(first[i] ?? '') ?? 'ignore') : 'ignore'));
	// A single form whose cells carry suffixes (the CoE's "a") is a consent column.
	columns.forEach((r, i) => {
		if (dated(r) && r !== 'signature' && r !== 'denunciation' && column(i).some(suffixed)) columns[i] = 'consent';
	});
	// What the header did not say, the cells do.
	if (!columns.includes('participant')) {
		const i = columns.findIndex((r, j) => r === 'ignore' && namesIn(j));
		if (i !== -1) columns[i] = 'participant';
	}
	if (!columns.some(isDateRole)) {
		const dates = columns.map((r, i) => (r === 'ignore' && datesIn(i) ? i : -1)).filter((i) => i !== -1);
		const k = dates.findIndex((i) => column(i).some(suffixed));
		const roles: ColumnRole[] =
			k !== -1
				? dates.map((_, j) => (j === k ? 'consent' : j === k - 1 ? 'signature' : j === k + 1 ? 'entry-into-force' : 'ignore'))
				: dates.length === 1
					? ['consent']
					: (['signature', 'consent', 'entry-into-force'] as ColumnRole[]).slice(0, dates.length);
		dates.forEach((i, j) => (columns[i] = roles[j] ?? 'ignore'));
	}
	return { header, columns };
}

// ——— reading ———

export const read: Reader = (text, ctx) => {
	const file = ctx.file;
	const rows = splitRows(text);
	if (!rows.some((r) => !blank(r))) throw new LoadError('nothing was pasted', { file });
	const mapping = ctx.columns ?? guessMapping(rows);
	if (!Array.isArray(mapping?.columns)) throw new LoadError('the column mapping gives no columns', { file });
	const roles = mapping.columns;
	const unknown = roles.findIndex((r) => !(COLUMN_ROLES as readonly string[]).includes(r));
	if (unknown !== -1) throw new LoadError(`column ${unknown + 1}: "${String(roles[unknown])}" is not a column role (${COLUMN_ROLES.join(', ')})`, { file });
	const participants = roles.flatMap((r, i) => (r === 'participant' ? [i + 1] : []));
	if (participants.length !== 1) {
		throw new LoadError(
			participants.length === 0 ? 'no participant column: say which column names the States' : `${participants.length} participant columns (columns ${participants.join(', ')}): say which one names the States`,
			{ file }
		);
	}
	if (!roles.some((r) => dated(r) || r === 'consent')) {
		throw new LoadError('no date column: say which column gives a signature, a consent (ratification, accession…) or a denunciation', { file });
	}
	const nameAt = participants[0] - 1;
	const headerIndex = mapping.header ? rows.findIndex((r) => !blank(r)) : -1;
	const label = (i: number) => {
		const h = headerIndex !== -1 ? rows[headerIndex][i] : '';
		return `column ${i + 1} (${h ? `"${h}", ` : ''}${roles[i]})`;
	};

	const acts: SourceAct[] = [];
	rows.forEach((cells, index) => {
		const line = index + 1;
		if (index === headerIndex || blank(cells)) return;
		const where = { file, line };
		const extra = cells.findIndex((c, i) => i >= roles.length && c !== '');
		if (extra !== -1) throw new LoadError(`column ${extra + 1} ("${cells[extra]}") is not in the column mapping (${roles.length} columns)`, { ...where, value: cells[extra] });
		const name = cells[nameAt] ?? '';
		// Only the cells the row has are looked at: a mapping may be wide, a paste long.
		const hasDates = cells.some((c, i) => c !== '' && isDateRole(roles[i]));
		if (!name) {
			if (hasDates) throw new LoadError(`a row with dates but no participant in ${label(nameAt)}`, where);
			return;
		}
		const date = (i: number, s: string) => {
			const iso = pastedDate(s);
			if (iso === null) throw new LoadError(`${label(i)}: "${s}" is not a date (12 Dec 2000, 12/12/2000, 2000-12-12 or 12-12-2000)`, { ...where, value: s });
			if (iso === false) throw new LoadError(`${label(i)}: "${s}" is no day of the calendar`, { ...where, value: s });
			return iso;
		};
		const row: SourceAct[] = [];
		let inForce: string | null = null;
		cells.forEach((cell, i) => {
			const role = roles[i];
			if (!cell || !isDateRole(role)) return;
			if (role === 'entry-into-force') {
				inForce = date(i, cell);
			} else if (role === 'consent') {
				const c = consentParts(cell);
				if (!c || pastedDate(c.date) === null) {
					throw new LoadError(`${label(i)}: "${cell}" is not a date with an optional a/A/AA/d/c`, { ...where, value: cell });
				}
				row.push(act(line, name, UNTC_SUFFIXES[c.suffix], date(i, c.date)));
			} else {
				if (suffixed(cell)) {
					throw new LoadError(`${label(i)}: "${cell}" carries a form of consent; map the column as "consent"`, { ...where, value: cell });
				}
				row.push(act(line, name, DATED[role]!, date(i, cell)));
			}
		});
		if (inForce) {
			const consents = row.filter((a) => a.event !== 'signature' && a.event !== 'denunciation').sort((a, b) => (a.date! < b.date! ? -1 : 1));
			if (!consents.length) throw new LoadError(`an entry into force (${inForce}) with no consent in the row`, where);
			consents[consents.length - 1].recorded_entry_into_force = inForce;
		}
		acts.push(...row);
	});
	return result(acts);
};
