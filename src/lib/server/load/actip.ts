import type { EventKind, NewParticipationEvent } from '../db/schema';
import type { EventContext } from './context';
import { isoDate, monthBounds } from './dates';
import { LoadError, type Where } from './errors';
import { newEvent } from './events';
import { readTable, requireColumns } from './table';

type When = Pick<NewParticipationEvent, 'date' | 'precision' | 'earliest' | 'latest'>;

/** The date forms of the transcription: a day, a month, "<=day" and "day..day". */
function when(value: string, precision: string, where: Where): When {
	if (precision === 'day') return { date: isoDate(value, where), precision: 'day', earliest: null, latest: null };
	if (precision === 'month') return { date: null, precision: 'month', ...monthBounds(value, where) };
	const bound = /^<=(.+)$/.exec(value);
	if (precision === 'upper bound' && bound) {
		return { date: null, precision: 'unknown', earliest: null, latest: isoDate(bound[1], where) };
	}
	const range = /^(.+)\.\.(.+)$/.exec(value);
	if (precision === 'interval' && range) {
		return { date: null, precision: 'unknown', earliest: isoDate(range[1], where), latest: isoDate(range[2], where) };
	}
	throw new LoadError(`date "${value}" with precision "${precision}" not understood`, { ...where, value });
}

/** ASEAN's members on every day of a period, from the memberships loaded before the events. */
async function aseanMembers(ctx: EventContext, earliest: string, latest: string): Promise<string[]> {
	const rows = await ctx.trx
		.selectFrom('memberships')
		.select('participant_code')
		.distinct()
		.where('group_slug', '=', 'asean')
		.where('joined', '<=', earliest)
		.where((eb) => eb.or([eb('left', 'is', null), eb('left', '>=', latest)]))
		.orderBy('participant_code')
		.execute();
	return rows.map((r) => r.participant_code);
}

/**
 * Transcribed ACTIP facts from ASEAN press releases. "ASEAN member states (all 10)" signed
 * together: that row becomes one signature per member of the time, and the count must agree.
 * The row about the Convention's own entry into force is not an event of any State.
 */
export async function read(ctx: EventContext): Promise<NewParticipationEvent[]> {
	const { file } = ctx.source;
	const table = readTable(ctx.dataDir, file);
	requireColumns(table, ['state', 'action', 'date', 'date_precision', 'evidence_quote', 'source_url', 'note']);
	const events: NewParticipationEvent[] = [];
	for (const { line, cells } of table.rows) {
		const where = { file, line };
		if (cells.state === '(treaty)') continue;
		const kind: EventKind | null = /^signature/.test(cells.action) ? 'signature' : /^ratification/.test(cells.action) ? 'ratification' : null;
		if (!kind) throw new LoadError(`unknown action "${cells.action}"`, { ...where, value: cells.action });
		const date = when(cells.date, cells.date_precision, where);
		const note = [cells.evidence_quote, cells.source_url, cells.note].filter(Boolean).join(' — ');

		const all = /^ASEAN member states \(all (\d+)\)$/.exec(cells.state);
		let codes: string[];
		if (all) {
			const from = date.earliest ?? date.date;
			const to = date.latest ?? date.date;
			if (!from || !to) throw new LoadError('a row for all members needs a day, a month or an interval', where);
			codes = await aseanMembers(ctx, from, to);
			if (codes.length !== Number(all[1])) {
				throw new LoadError(`the row says all ${all[1]} ASEAN members, the memberships give ${codes.length}`, where);
			}
		} else {
			codes = [ctx.names.resolve(cells.state, where)];
		}
		for (const code of codes) events.push(newEvent(ctx, line, { participant_code: code, kind, ...date, note }));
	}
	return events;
}
