// Treaty Tracker's own record file (data/record/acts.csv), written by `npm run data:export`:
// one row per act, its current version, naming its instrument, identity, and the source and
// line it was read from. It states every field, so an empty cell is a null, not silence.
import { isActKind, isEventKind, actKindOf, DATE_PRECISIONS, type DatePrecision } from '../../../acts';
import { isIsoDate } from '../../../dates';
import { LoadError } from '../../text/errors';
import { parseTable, requireColumns } from '../../text/table';
import { result, type Reader, type SourceAct } from './types';

export const COLUMNS = [
	'instrument',
	'participant',
	'act',
	'seq',
	'event',
	'date',
	'precision',
	'earliest',
	'latest',
	'declarations',
	'territorial_application',
	'recorded_entry_into_force',
	'note',
	'quality_flag',
	'source',
	'source_line',
	'reason',
	'retracted'
] as const;
export type Column = (typeof COLUMNS)[number];

export const read: Reader = (text, ctx) => {
	const table = parseTable(text, ctx.file);
	requireColumns(table, [...COLUMNS]);
	const acts: SourceAct[] = table.rows.map(({ line, cells }) => {
		const where = { file: ctx.file, line };
		const fail = (column: Column, problem: string): never => {
			throw new LoadError(`${column}: ${problem}`, { ...where, value: cells[column] });
		};
		const orNull = (v: string) => (v === '' ? null : v);
		const date = (column: Column) => {
			const v = cells[column];
			if (v && !isIsoDate(v)) fail(column, `not a date (YYYY-MM-DD): "${v}"`);
			return orNull(v);
		};
		if (!cells.instrument) fail('instrument', 'missing');
		if (!cells.participant) fail('participant', 'missing');
		if (!isActKind(cells.act)) fail('act', `"${cells.act}" is not signature, consent, denunciation or endorsement`);
		if (!isEventKind(cells.event)) fail('event', `"${cells.event}" is not a kind of act a depositary records`);
		const event = cells.event as SourceAct['event'];
		if (actKindOf(event) !== cells.act) fail('event', `a ${cells.event} is not a ${cells.act}`);
		const seq = Number(cells.seq);
		if (!Number.isInteger(seq) || seq < 1) fail('seq', `"${cells.seq}" is not a whole number from 1`);
		if (!(DATE_PRECISIONS as readonly string[]).includes(cells.precision)) fail('precision', `"${cells.precision}" is not day, month, year or unknown`);
		if (!cells.source) fail('source', 'every act needs its source');
		const sourceLine = cells.source_line === '' ? null : Number(cells.source_line);
		if (sourceLine !== null && !Number.isInteger(sourceLine)) fail('source_line', `"${cells.source_line}" is not a line number`);
		return {
			line,
			name: cells.participant,
			code: cells.participant,
			instrument: cells.instrument,
			seq,
			event,
			date: date('date'),
			precision: cells.precision as DatePrecision,
			earliest: date('earliest'),
			latest: date('latest'),
			declarations: orNull(cells.declarations),
			territorial_application: orNull(cells.territorial_application),
			recorded_entry_into_force: date('recorded_entry_into_force'),
			note: orNull(cells.note),
			quality_flag: orNull(cells.quality_flag),
			sourceId: cells.source,
			sourceLine,
			reason: orNull(cells.reason),
			retracted: orNull(cells.retracted)
		};
	});
	return result(acts);
};
