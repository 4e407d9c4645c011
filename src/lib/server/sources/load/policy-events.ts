import { insertMany } from '../../db';
import { sourceFile, type LoadContext } from './context';
import { isIsoDate } from '../../../dates';
import { LoadError } from '../../text/errors';
import { readTable, requireColumns } from '../../text/table';

const PRECISIONS = { day: /^\d{4}-\d{2}-\d{2}$/, month: /^\d{4}-\d{2}$/, year: /^\d{4}$/ } as const;

/**
 * data/policy-events.csv: dated events of the policy framework around the treaties (GA
 * resolution 61/180, UN.GIFT's launch), one row per source's account of an event, each citing its
 * source and line. A date is as precise as its source (day, month or year); where two sources date
 * one event differently both rows are kept. Replaced whole on each load: reference data.
 */
export async function load(ctx: LoadContext): Promise<number> {
	const { file } = sourceFile(ctx, 'treaty-tracker-policy-events');
	const table = readTable(ctx.dataDir, file);
	requireColumns(table, ['event', 'date', 'precision', 'end_date', 'title', 'place', 'description', 'source', 'source_line', 'note']);
	const rows = table.rows.map(({ line, cells }) => {
		const fail = (column: string, problem: string): never => {
			throw new LoadError(`${column}: ${problem}`, { file, line, value: cells[column] });
		};
		if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(cells.event)) fail('event', 'a slug: lower-case words joined by hyphens');
		const precision = cells.precision as keyof typeof PRECISIONS;
		if (!(precision in PRECISIONS)) fail('precision', 'day, month or year');
		const full = precision === 'day' ? cells.date : precision === 'month' ? `${cells.date}-01` : `${cells.date}-01-01`;
		if (!PRECISIONS[precision].test(cells.date) || !isIsoDate(full)) fail('date', `not a date of precision ${precision}`);
		if (cells.end_date && (!isIsoDate(cells.end_date) || cells.end_date < cells.date)) fail('end_date', 'a day (YYYY-MM-DD) not before the date');
		if (!cells.title) fail('title', 'every event needs a title');
		if (!ctx.sources.has(cells.source)) fail('source', `no source "${cells.source}"`);
		if (cells.source_line && !/^\d+$/.test(cells.source_line)) fail('source_line', 'a line number, or empty');
		return {
			event: cells.event, date: cells.date, precision, end_date: cells.end_date || null, title: cells.title,
			place: cells.place || null, description: cells.description || null, source_id: cells.source,
			source_line: cells.source_line ? Number(cells.source_line) : null, note: cells.note || null
		};
	});
	await ctx.trx.deleteFrom('policy_events').execute();
	await insertMany(ctx.trx, 'policy_events', rows);
	return rows.length;
}
