// Transcribed ACTIP facts from ASEAN press releases. "ASEAN member states (all 10)" signed
// together: that row becomes one signature per member of the time, and the count must agree.
// The row about the Convention's own entry into force is not an event of any State.
import type { EventKind } from '../../../acts';
import { isoDate, monthBounds } from '../../text/dates';
import { LoadError, type Where } from '../../text/errors';
import { parseTable, requireColumns } from '../../text/table';
import { act, result, type Reader, type SourceAct } from './types';

type When = Pick<SourceAct, 'date' | 'precision' | 'earliest' | 'latest'>;

/** The date forms of the transcription: a day, a month, "<=day" and "day..day". */
function when(value: string, precision: string, where: Where): When {
	if (precision === 'day') return { date: isoDate(value, where), precision: 'day', earliest: null, latest: null };
	if (precision === 'month') return { date: null, precision: 'month', ...monthBounds(value, where) };
	const bound = /^<=(.+)$/.exec(value);
	if (precision === 'upper bound' && bound) return { date: null, precision: 'unknown', earliest: null, latest: isoDate(bound[1], where) };
	const range = /^(.+)\.\.(.+)$/.exec(value);
	if (precision === 'interval' && range) {
		return { date: null, precision: 'unknown', earliest: isoDate(range[1], where), latest: isoDate(range[2], where) };
	}
	throw new LoadError(`date "${value}" with precision "${precision}" not understood`, { ...where, value });
}

export const read: Reader = (text, ctx) => {
	const table = parseTable(text, ctx.file);
	requireColumns(table, ['state', 'action', 'date', 'date_precision', 'evidence_quote', 'source_url', 'note']);
	const acts: SourceAct[] = [];
	for (const { line, cells } of table.rows) {
		const where = { file: ctx.file, line };
		if (cells.state === '(treaty)') continue;
		if (!cells.state) throw new LoadError('state: missing', where);
		const event: EventKind | null = /^signature/.test(cells.action) ? 'signature' : /^ratification/.test(cells.action) ? 'ratification' : null;
		if (!event) throw new LoadError(`unknown action "${cells.action}"`, { ...where, value: cells.action });
		const date = when(cells.date, cells.date_precision, where);
		const note = [cells.evidence_quote, cells.source_url, cells.note].filter(Boolean).join(' — ');

		const all = /^ASEAN member states \(all (\d+)\)$/.exec(cells.state);
		if (!all) {
			acts.push(act(line, cells.state, event, date.date, { ...date, note }));
			continue;
		}
		const from = date.earliest ?? date.date;
		const to = date.latest ?? date.date;
		if (!from || !to) throw new LoadError('a row for all members needs a day, a month or an interval', where);
		if (!ctx.membersOf) throw new LoadError('a row for all ASEAN members needs the memberships, which this import was not given', where);
		const codes = ctx.membersOf('asean', from, to);
		if (codes.length !== Number(all[1])) {
			throw new LoadError(`the row says all ${all[1]} ASEAN members, the memberships give ${codes.length}`, where);
		}
		for (const code of codes) acts.push(act(line, cells.state, event, date.date, { ...date, code, note }));
	}
	return result(acts);
};
