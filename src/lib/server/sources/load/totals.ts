import { insertMany } from '../../db';
import { sourceFile, type LoadContext } from './context';
import { isIsoDate } from '../../../dates';
import { monthBounds } from '../../text/dates';
import { LoadError } from '../../text/errors';
import { readTable, requireColumns } from '../../text/table';

const REPORTERS = ['depositary', 'secretariat', 'secondary'] as const;

/**
 * data/published-totals.csv: what depositaries, the UNODC and secondary sources said an
 * instrument's totals were on a date, each row citing the line of its source. A month is kept
 * as its last day ("as of October 2022": the month's end, when the record is compared);
 * "after" is a total written on an unknown day after the date given. Replaced whole on each
 * load: it is reference data, not the record.
 */
export async function load(ctx: LoadContext): Promise<number> {
	const { file } = sourceFile(ctx, 'treaty-tracker-published-totals');
	const table = readTable(ctx.dataDir, file);
	requireColumns(table, ['instrument', 'as_of', 'precision', 'signatories', 'parties', 'reported_by', 'source', 'source_line', 'note']);
	const instruments = new Set((await ctx.trx.selectFrom('instruments').select('slug').execute()).map((i) => i.slug));
	const rows = table.rows.map(({ line, cells }) => {
		const where = { file, line };
		const fail = (column: string, problem: string): never => {
			throw new LoadError(`${column}: ${problem}`, { ...where, value: cells[column] });
		};
		if (!instruments.has(cells.instrument)) fail('instrument', `no instrument "${cells.instrument}"`);
		let asOf = cells.as_of;
		if (cells.precision === 'month') asOf = monthBounds(cells.as_of, where).latest;
		else if (cells.precision !== 'day' && cells.precision !== 'after') fail('precision', 'day, month or after');
		if (!isIsoDate(asOf)) fail('as_of', `not a date (YYYY-MM-DD, or YYYY-MM for a month): "${cells.as_of}"`);
		const count = (column: 'signatories' | 'parties') => {
			if (cells[column] === '') return null;
			if (!/^\d+$/.test(cells[column])) fail(column, 'a whole number, or empty');
			return Number(cells[column]);
		};
		const [signatories, parties] = [count('signatories'), count('parties')];
		if (signatories === null && parties === null) fail('parties', 'a total needs signatories or parties');
		if (!REPORTERS.includes(cells.reported_by as never)) fail('reported_by', REPORTERS.join(', '));
		if (!ctx.sources.has(cells.source)) fail('source', `no source "${cells.source}"`);
		return {
			instrument_slug: cells.instrument, as_of: asOf, precision: cells.precision, signatories, parties,
			reported_by: cells.reported_by, source_id: cells.source, source_line: cells.source_line ? Number(cells.source_line) : null,
			note: cells.note || null
		};
	});
	await ctx.trx.deleteFrom('published_totals').execute();
	await insertMany(ctx.trx, 'published_totals', rows);
	return rows.length;
}
