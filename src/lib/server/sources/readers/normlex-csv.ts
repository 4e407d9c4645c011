// An ILO NORMLEX "ratifications by convention" table saved as CSV (Country;Date;Status;Note).
// Date is when the ILO registered the ratification; the Note may add a denunciation or the day
// the Convention will enter into force for that State. Status ("In Force") is not kept: the app
// derives it.
import { dayMonYear } from '../../text/dates';
import { LoadError, type Where } from '../../text/errors';
import { normaliseName } from '../../text/names';
import { parseTable, requireColumns, sniffSeparator } from '../../text/table';
import { act, result, type Reader, type ReaderContext, type SourceAct } from './types';

const DATE = '(\\d{1,2} [A-Z][a-z]{2} \\d{4})';
const WILL_ENTER = new RegExp(`^The (?:Convention|Protocol) will enter into force for (.+) on ${DATE}\\.?$`);
const DENOUNCED = new RegExp(`^Denounced on ${DATE}\\.?$`);
const AUTOMATIC = new RegExp(`^Automatic Denunciation on ${DATE} by (?:convention|Convention) (.+?)\\.?$`);

/**
 * NORMLEX glues a State's declarations to its name ("AfghanistanMinimum age specified: 14
 * years"). The name is the longest prefix we know that is followed by nothing or by a capital
 * letter, so "Guinea" never swallows "Guinea-Bissau" nor "Niger" "Nigeria". A cell with no
 * known prefix is returned whole, for the import to list as a name to map.
 */
export function splitCountry(ctx: ReaderContext, cell: string): { name: string; declarations: string | null } {
	for (let end = cell.length; end > 0; end--) {
		const rest = cell.slice(end);
		if (rest && !/^[A-Z]/.test(rest)) continue;
		if (ctx.codeOf(cell.slice(0, end)) !== undefined) return { name: cell.slice(0, end), declarations: rest.trim() || null };
	}
	return { name: cell, declarations: null };
}

/** One NORMLEX row, whatever it was saved as: the State, its declarations, the date, the note. */
export interface NormlexRow {
	name: string;
	declarations: string | null;
	/** "10 Jun 2014": the day the ILO registered the ratification. */
	date: string;
	note: string;
}

/**
 * The acts one row states: the ratification, dated by its registration, and what its note adds
 * (the day the instrument will enter into force for the State, or a denunciation). A note this
 * does not understand stops the read: it may be an act.
 */
export function rowActs(ctx: ReaderContext, line: number, row: NormlexRow): SourceAct[] {
	const where: Where = { file: ctx.file, line };
	const { name, declarations, note } = row;
	if (!name.trim()) throw new LoadError('a row without a country', where);
	const ratification = act(line, name, 'ratification', dayMonYear(row.date, where), {
		declarations,
		recorded_entry_into_force: null,
		note: 'date of registration by the ILO'
	});
	const acts = [ratification];
	let m: RegExpExecArray | null;
	if (!note) return acts;
	if ((m = WILL_ENTER.exec(note))) {
		if (normaliseName(m[1]) !== normaliseName(name) && ctx.codeOf(m[1]) !== ctx.codeOf(name)) {
			throw new LoadError(`the note names another State: "${note}"`, { ...where, value: note });
		}
		ratification.recorded_entry_into_force = dayMonYear(m[2], where);
	} else if ((m = DENOUNCED.exec(note))) {
		acts.push(act(line, name, 'denunciation', dayMonYear(m[1], where), { note }));
	} else if ((m = AUTOMATIC.exec(note))) {
		acts.push(
			act(line, name, 'denunciation', dayMonYear(m[1], where), {
				note: `automatic denunciation by ratifying convention ${m[2]} (NORMLEX: "${note}")`
			})
		);
	} else {
		throw new LoadError(`note not understood: "${note}"`, { ...where, value: note });
	}
	return acts;
}

export const read: Reader = (text, ctx) => {
	const table = parseTable(text, ctx.file, sniffSeparator(text));
	requireColumns(table, ['Country', 'Date', 'Note']);
	const acts: SourceAct[] = [];
	for (const { line, cells } of table.rows) {
		acts.push(...rowActs(ctx, line, { ...splitCountry(ctx, cells.Country), date: cells.Date, note: cells.Note }));
	}
	return result(acts);
};
