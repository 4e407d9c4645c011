// A UN Treaty Collection participant grid saved as CSV (scraped tables: comma- or
// semicolon-separated): Participant, Signature, and one consent column whose label lists the
// suffixes in varying order (the Firearms Protocol's starts with "Approval"), so columns are
// found by what their header says, not by position.
import { UNTC_SUFFIXES } from '../../../acts';
import { dayMonYear } from '../../text/dates';
import { LoadError } from '../../text/errors';
import { findColumn, parseTable, sniffSeparator } from '../../text/table';
import { act, result, type Reader, type SourceAct } from './types';

/** "4 Aug 2004 a" → the date and the form of consent; null when it is not that shape. */
export function untcConsent(cell: string): { date: string; suffix: string } | null {
	const m = /^(\d{1,2} [A-Za-z]{3} \d{4})(?: (a|A|AA|d|c))?$/.exec(cell.replace(/\s+/g, ' ').trim());
	return m ? { date: m[1], suffix: m[2] ?? '' } : null;
}

export const read: Reader = (text, ctx) => {
	const table = parseTable(text, ctx.file, sniffSeparator(text));
	const participant = findColumn(table, /^participant/i, 'participant');
	const signature = findColumn(table, /^signature/i, 'signature');
	const consent = findColumn(table, /ratification|accession/i, 'consent');

	const acts: SourceAct[] = [];
	for (const { line, cells } of table.rows) {
		const where = { file: ctx.file, line };
		const name = cells[participant];
		if (!name && (cells[signature] || cells[consent])) throw new LoadError('a row with dates but no participant', where);
		if (cells[signature]) acts.push(act(line, name, 'signature', dayMonYear(cells[signature], where)));
		if (cells[consent]) {
			const c = untcConsent(cells[consent]);
			if (!c) throw new LoadError(`not a UNTC date with an optional a/A/AA/d/c: "${cells[consent]}"`, { ...where, value: cells[consent] });
			acts.push(act(line, name, UNTC_SUFFIXES[c.suffix], dayMonYear(c.date, where)));
		}
	}
	return result(acts);
};
