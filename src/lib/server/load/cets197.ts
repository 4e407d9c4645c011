import type { EventKind, NewParticipationEvent } from '../db/schema';
import type { EventContext } from './context';
import { isIsoDate, isoDate } from './dates';
import { LoadError } from './errors';
import { CONSENTS, newEvent } from './events';
import { readTable, requireColumns } from './table';

const ACTIONS: EventKind[] = ['signature', 'ratification', 'accession'];

/**
 * Transcribed CETS 197 facts. Besides dated signatures and consents, the LoC note lists States
 * for which the Convention entered into force on a given day. That tells us the State had
 * consented, not when: such a State gets a ratification with no date, known only to precede
 * both the note and the entry into force. A State whose consent is dated gets the entry into
 * force on that consent instead.
 */
export function read(ctx: EventContext): NewParticipationEvent[] {
	const { file } = ctx.source;
	const table = readTable(ctx.dataDir, file);
	requireColumns(table, ['participant', 'event', 'date', 'source_url', 'source_statement_as_of', 'note']);
	const events: NewParticipationEvent[] = [];
	const inForce: { line: number; code: string; date: string; cells: Record<string, string> }[] = [];

	for (const { line, cells } of table.rows) {
		const where = { file, line };
		const code = ctx.names.resolve(cells.participant, where);
		const date = isoDate(cells.date, where);
		const note = `${cells.note}; source: ${cells.source_url} (${cells.source_statement_as_of})`;
		if (cells.event === 'entry_into_force') {
			inForce.push({ line, code, date, cells });
		} else if (ACTIONS.includes(cells.event as EventKind)) {
			events.push(newEvent(ctx, line, { participant_code: code, kind: cells.event as EventKind, date, note }));
		} else {
			throw new LoadError(`unknown event "${cells.event}"`, { ...where, value: cells.event });
		}
	}

	for (const { line, code, date, cells } of inForce) {
		const consent = events.find((e) => e.participant_code === code && CONSENTS.includes(e.kind));
		if (consent) {
			if (consent.recorded_entry_into_force && consent.recorded_entry_into_force !== date) {
				throw new LoadError(`a second entry into force for ${code}`, { file, line });
			}
			consent.recorded_entry_into_force = date;
			continue;
		}
		const stated = isIsoDate(cells.source_statement_as_of) ? cells.source_statement_as_of : date;
		const latest = stated < date ? stated : date;
		events.push(
			newEvent(ctx, line, {
				participant_code: code,
				kind: 'ratification',
				precision: 'unknown',
				latest,
				recorded_entry_into_force: date,
				note:
					`The source (${cells.source_url}, ${cells.source_statement_as_of}) records entry into force for this State ` +
					`on ${date} ("${cells.note}") but not the date or kind of its consent: recorded as a ratification ` +
					`deposited no later than ${latest}.`
			})
		);
	}
	return events;
}
