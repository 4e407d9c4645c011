// Two transcribed partial tables of ILO conventions (raw/transcribed_2026_12/): the first 28 rows
// of NORMLEX's French "Ratifications de C097" page (registration day, status, the annexes a State
// excluded, and "entrera en vigueur … le …" for a ratification not yet in force), and 17 of the
// 23 rows of a 2013 Wikipedia table of C143 (the year only). Each is partial: it dates its own
// rows and says nothing of the States it does not list.
import { isoDate } from '../../text/dates';
import { LoadError } from '../../text/errors';
import { parseTable, requireColumns } from '../../text/table';
import { act, result, type Reader } from './types';

const FRENCH_MONTHS = ['janv', 'févr', 'mars', 'avr', 'mai', 'juin', 'juil', 'août', 'sept', 'oct', 'nov', 'déc'];

/** "26 oct. 2024" → "2024-10-26". */
function frenchDate(s: string, where: { file: string; line: number }): string {
	const m = /(\d{1,2}) ([a-zéû]+)\.? (\d{4})/.exec(s);
	const month = m ? FRENCH_MONTHS.indexOf(m[2]) + 1 : 0;
	if (!m || !month) throw new LoadError(`not a date (D mois YYYY): "${s}"`, { ...where, value: s });
	return isoDate(`${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}`, where);
}

/** NORMLEX (French), C097: the page header states "54 ratifications". */
export const readC097: Reader = (text, ctx) => {
	const table = parseTable(text, ctx.file);
	requireColumns(table, ['country_fr', 'country_en_my_translation', 'ratification_registered', 'date_raw', 'status_raw', 'declaration_raw', 'note_raw', 'page_header']);
	let stated: number | null = null;
	const acts = table.rows.map(({ line, cells }) => {
		const where = { file: ctx.file, line };
		if (!cells.country_en_my_translation) throw new LoadError('country_en_my_translation: missing', where);
		const total = /(\d+) ratifications/.exec(cells.page_header);
		if (total) stated = Number(total[1]);
		const date = isoDate(cells.ratification_registered, where);
		if (frenchDate(cells.date_raw, where) !== date) throw new LoadError(`"${cells.date_raw}" is not ${date}`, where);
		const pending = /entrera en vigueur .* le (.+)\.$/.exec(cells.note_raw);
		return act(line, cells.country_en_my_translation, 'ratification', date, {
			declarations: cells.declaration_raw || null,
			recorded_entry_into_force: pending ? frenchDate(pending[1], where) : null,
			note: [`NORMLEX (French): ${cells.country_fr}, ${cells.status_raw}; date of registration by the ILO`, cells.note_raw].filter(Boolean).join('. ')
		});
	});
	return result(acts, { stated: { signatories: null, parties: stated } });
};

/** Wikipedia (May 2015 dump), C143: "As of 2013, the convention has been ratified by 23 states"; years only. */
export const readC143: Reader = (text, ctx) => {
	const table = parseTable(text, ctx.file);
	requireColumns(table, ['country', 'ratification_year', 'precision', 'count_statement']);
	let stated: number | null = null;
	const acts = table.rows.map(({ line, cells }) => {
		const where = { file: ctx.file, line };
		if (!cells.country) throw new LoadError('country: missing', where);
		if (!/^\d{4}$/.test(cells.ratification_year) || cells.precision !== 'year only') throw new LoadError('expected a year only', { ...where, value: cells.ratification_year });
		const total = /ratified by (\d+) states/.exec(cells.count_statement);
		if (total) stated = Number(total[1]);
		const y = cells.ratification_year;
		return act(line, cells.country, 'ratification', null, {
			precision: 'year', earliest: `${y}-01-01`, latest: `${y}-12-31`,
			note: 'Wikipedia gives the year only (2015 copy of its table, "as of 2013")'
		});
	});
	return result(acts, { stated: { signatories: null, parties: stated } });
};
