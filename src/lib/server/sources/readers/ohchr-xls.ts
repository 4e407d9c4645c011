// The OHCHR treaty-body database's "Export to Excel" (tbinternet.ohchr.org, "Ratification
// status by treaty"): despite its .xls name, an HTML table, id "…dgReports_ctl00", one row per
// State, columns COUNTRY, Treaty Description, Treaty Name, Signature Date, and one consent
// column "Ratification Date, Accession(a), Succession(d) Date". Dates are "05 Feb 2008"; a
// consent is a ratification unless "(a)" (accession) or "(d)" (succession) follows the date;
// an empty cell is "&nbsp;" or nothing. A State that has done nothing still has its row.
// The export states no totals and no "as at" in its content: the as-of comes from the file's
// name when it is the export's own ("S-3-Ratifications_20200828165211…": the moment exported).
import { parse } from 'node-html-parser';
import { UNTC_SUFFIXES } from '../../../acts';
import { isIsoDate } from '../../../dates';
import { dayMonYear } from '../../text/dates';
import { LoadError } from '../../text/errors';
import { cellsOf, clean, guarded, lineIndex, refuseCutOff, rowsOf, textOf } from './html';
import { act, result, type Reader, type SourceAct } from './types';

/** True for an OHCHR treaty-body database export (the report grid's id and its COUNTRY column). */
export function recognises(text: string): boolean {
	return /<table[^>]*\bid\s*=\s*["']?[\w$]*dgReports_ctl00\b/i.test(text) && />\s*(?:<a\b[^>]*>)?\s*COUNTRY\s*</.test(text);
}

/** "S-3-Ratifications_20200828165211_CRC-OP-SC.xls" → 2020-08-28: the export's own name carries when it was made. */
export function exportedOn(file: string): string | null {
	const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
	const m = /_(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?=[_.]|$)/.exec(base);
	if (!m || +m[4] > 23 || +m[5] > 59 || +m[6] > 59) return null;
	const iso = `${m[1]}-${m[2]}-${m[3]}`;
	return isIsoDate(iso) ? iso : null;
}

export const read: Reader = (text, ctx) =>
	guarded(ctx.file, 'an OHCHR treaty body database export', () => {
		const file = ctx.file;
		if (!/dgReports_ctl00/.test(text)) {
			throw new LoadError('no report table (an element whose id ends in "dgReports_ctl00"): is this an "Export to Excel" of the OHCHR treaty body database?', { file });
		}
		const lineAt = lineIndex(text);
		// The export states no totals: a table cut off is the only sign that it was not saved whole.
		refuseCutOff(text, file, lineAt);
		// Unclosed elements stay where they are: mending them takes time that grows with the square of their number.
		const table = parse(text, { parseNoneClosedTags: true }).querySelector('table[id$="dgReports_ctl00"]');
		if (!table) {
			throw new LoadError('no report table (an element whose id ends in "dgReports_ctl00"): is this an "Export to Excel" of the OHCHR treaty body database?', { file });
		}
		const [head, ...rows] = rowsOf(table).filter((r) => r.parentNode?.rawTagName?.toLowerCase() !== 'tfoot');
		const header = head ? cellsOf(head).map((c) => clean(textOf(c))) : [];
		const column = (pattern: RegExp, what: string) => {
			const i = header.findIndex((h) => pattern.test(h));
			if (i === -1) throw new LoadError(`no ${what} column in the report table (${header.join(' | ')})`, { file });
			return i;
		};
		const participant = column(/^country/i, 'COUNTRY');
		const signature = column(/^signature/i, 'Signature Date');
		const consent = column(/ratification|accession/i, 'Ratification Date, Accession(a), Succession(d) Date');
		const description = header.findIndex((h) => /^treaty description/i.test(h));

		const acts: SourceAct[] = [];
		const titles = new Set<string>();
		for (const row of rows) {
			const cells = cellsOf(row);
			// The line of the participant's cell: where a person searching the file for the name lands.
			const line = lineAt((cells[participant] ?? row).range[0]);
			const where = { file, line };
			if (cells.length !== header.length) throw new LoadError(`expected ${header.length} cells, found ${cells.length}`, where);
			const name = clean(textOf(cells[participant]));
			if (!name) throw new LoadError('a row without a COUNTRY', where);
			if (description !== -1) titles.add(clean(textOf(cells[description])));
			const signed = clean(textOf(cells[signature]));
			if (signed) acts.push(act(line, name, 'signature', dayMonYear(signed, where)));
			const consented = clean(textOf(cells[consent]));
			if (consented) {
				const m = /^(\d{1,2} [A-Za-z]{3} \d{4})(?: ?\((a|d)\))?$/.exec(consented);
				if (!m) throw new LoadError(`not a date with an optional (a) or (d): "${consented}"`, { ...where, value: consented });
				acts.push(act(line, name, UNTC_SUFFIXES[m[2] ?? ''], dayMonYear(m[1], where)));
			}
		}
		if (rows.length === 0) throw new LoadError('the report table has no rows', { file });
		const title = titles.size === 1 ? [...titles][0] || null : null;
		return result(acts, { asOf: exportedOn(file), title });
	});
