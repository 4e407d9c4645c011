import type { NewParticipationEvent } from '../db/schema';
import type { EventContext } from './context';
import { dayMonYear } from './dates';
import { LoadError, type Where } from './errors';
import { newEvent } from './events';
import { readTable, requireColumns } from './table';

const DATE = '(\\d{1,2} [A-Z][a-z]{2} \\d{4})';
const WILL_ENTER = new RegExp(`^The (?:Convention|Protocol) will enter into force for (.+) on ${DATE}\\.?$`);
const DENOUNCED = new RegExp(`^Denounced on ${DATE}\\.?$`);
const AUTOMATIC = new RegExp(`^Automatic Denunciation on ${DATE} by (?:convention|Convention) (.+?)\\.?$`);

/**
 * NORMLEX glues a State's declarations to its name ("AfghanistanMinimum age specified: 14
 * years"). The name is the longest prefix we know that is followed by nothing or by a capital
 * letter, so "Guinea" never swallows "Guinea-Bissau" nor "Niger" "Nigeria".
 */
export function splitCountry(ctx: EventContext, cell: string, where: Where): { code: string; declarations: string | null } {
	for (let end = cell.length; end > 0; end--) {
		const rest = cell.slice(end);
		if (rest && !/^[A-Z]/.test(rest)) continue;
		if (ctx.names.lookup(cell.slice(0, end))) {
			return { code: ctx.names.resolve(cell.slice(0, end), where), declarations: rest.trim() || null };
		}
	}
	throw new LoadError(`unknown participant "${cell}"`, { ...where, value: cell });
}

/**
 * An ILO NORMLEX ratification table (Country;Date;Status;Note). Date is when the ILO registered
 * the ratification; the Note may add a denunciation or the day the Convention will enter into
 * force for that State. Status ("In Force") is not stored: the app derives it.
 */
export function read(ctx: EventContext): NewParticipationEvent[] {
	const { file } = ctx.source;
	const table = readTable(ctx.dataDir, file, ctx.source.separator ?? ';');
	requireColumns(table, ['Country', 'Date', 'Note']);
	const events: NewParticipationEvent[] = [];
	for (const { line, cells } of table.rows) {
		const where = { file, line };
		const { code, declarations } = splitCountry(ctx, cells.Country, where);
		const ratification = newEvent(ctx, line, {
			participant_code: code,
			kind: 'ratification',
			date: dayMonYear(cells.Date, where),
			declarations,
			note: 'date of registration by the ILO'
		});
		events.push(ratification);

		const note = cells.Note;
		let m: RegExpExecArray | null;
		if (!note) continue;
		if ((m = WILL_ENTER.exec(note))) {
			if (ctx.names.resolve(m[1], where) !== code) {
				throw new LoadError(`the note names another State: "${note}"`, { ...where, value: note });
			}
			ratification.recorded_entry_into_force = dayMonYear(m[2], where);
		} else if ((m = DENOUNCED.exec(note))) {
			events.push(newEvent(ctx, line, { participant_code: code, kind: 'denunciation', date: dayMonYear(m[1], where), note }));
		} else if ((m = AUTOMATIC.exec(note))) {
			events.push(
				newEvent(ctx, line, {
					participant_code: code,
					kind: 'denunciation',
					date: dayMonYear(m[1], where),
					note: `automatic denunciation by ratifying convention ${m[2]} (NORMLEX: "${note}")`
				})
			);
		} else {
			throw new LoadError(`note not understood: "${note}"`, { ...where, value: note });
		}
	}
	return events;
}
