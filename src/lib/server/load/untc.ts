import type { EventKind, NewParticipationEvent } from '../db/schema';
import type { EventContext } from './context';
import { dayMonYear } from './dates';
import { LoadError } from './errors';
import { newEvent } from './events';
import { findColumn, readTable } from './table';

/** UNTC marks the kind of consent with a suffix after the date; no suffix means ratification. */
const SUFFIXES: Record<string, EventKind> = {
	a: 'accession',
	A: 'acceptance',
	AA: 'approval',
	d: 'succession',
	c: 'formal-confirmation'
};

/**
 * A UN Treaty Collection participant grid: Participant, Signature, and one consent column whose
 * label lists the suffixes in varying order (the Firearms Protocol's starts with "Approval"),
 * so columns are found by what their header says, not by position.
 */
export function read(ctx: EventContext): NewParticipationEvent[] {
	const { file } = ctx.source;
	const table = readTable(ctx.dataDir, file, ctx.source.separator ?? ',');
	const participant = findColumn(table, /^participant/i, 'participant');
	const signature = findColumn(table, /^signature/i, 'signature');
	const consent = findColumn(table, /ratification|accession/i, 'consent');

	const events: NewParticipationEvent[] = [];
	for (const { line, cells } of table.rows) {
		const where = { file, line };
		const code = ctx.names.resolve(cells[participant], where);
		if (cells[signature]) {
			events.push(newEvent(ctx, line, { participant_code: code, kind: 'signature', date: dayMonYear(cells[signature], where) }));
		}
		if (cells[consent]) {
			const m = /^(\d{1,2} [A-Za-z]{3} \d{4})(?: (a|A|AA|d|c))?$/.exec(cells[consent]);
			if (!m) throw new LoadError(`not a UNTC date with an optional a/A/AA/d/c: "${cells[consent]}"`, { ...where, value: cells[consent] });
			events.push(newEvent(ctx, line, { participant_code: code, kind: m[2] ? SUFFIXES[m[2]] : 'ratification', date: dayMonYear(m[1], where) }));
		}
	}
	return events;
}
