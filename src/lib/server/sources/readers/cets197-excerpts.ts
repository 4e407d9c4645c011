// Transcribed CETS 197 facts. Besides dated signatures and consents, the LoC note lists States
// for which the Convention entered into force on a given day. That tells us the State had
// consented, not when: such a State gets a ratification with no date, known only to precede
// both the note and the entry into force. A State whose consent is dated gets the entry into
// force on that consent instead.
import { isConsentKind, type EventKind } from '../../../acts';
import { isIsoDate } from '../../../dates';
import { isoDate } from '../../text/dates';
import { LoadError } from '../../text/errors';
import { normaliseName } from '../../text/names';
import { parseTable, requireColumns } from '../../text/table';
import { act, result, type Reader, type SourceAct } from './types';

const ACTIONS: EventKind[] = ['signature', 'ratification', 'accession'];

export const read: Reader = (text, ctx) => {
	const table = parseTable(text, ctx.file);
	requireColumns(table, ['participant', 'event', 'date', 'source_url', 'source_statement_as_of', 'note']);
	const acts: SourceAct[] = [];
	const inForce: { line: number; name: string; date: string; cells: Record<string, string> }[] = [];
	const key = (name: string) => ctx.codeOf(name) ?? normaliseName(name);

	for (const { line, cells } of table.rows) {
		const where = { file: ctx.file, line };
		if (!cells.participant) throw new LoadError('participant: missing', where);
		const date = isoDate(cells.date, where);
		const note = `${cells.note}; source: ${cells.source_url} (${cells.source_statement_as_of})`;
		if (cells.event === 'entry_into_force') {
			inForce.push({ line, name: cells.participant, date, cells });
		} else if (ACTIONS.includes(cells.event as EventKind)) {
			acts.push(act(line, cells.participant, cells.event as EventKind, date, { note }));
		} else {
			throw new LoadError(`unknown event "${cells.event}"`, { ...where, value: cells.event });
		}
	}

	for (const { line, name, date, cells } of inForce) {
		const consent = acts.find((a) => key(a.name) === key(name) && isConsentKind(a.event));
		if (consent) {
			if (consent.recorded_entry_into_force && consent.recorded_entry_into_force !== date) {
				throw new LoadError(`a second entry into force for ${name}`, { file: ctx.file, line });
			}
			consent.recorded_entry_into_force = date;
			continue;
		}
		const stated = isIsoDate(cells.source_statement_as_of) ? cells.source_statement_as_of : date;
		const latest = stated < date ? stated : date;
		acts.push(
			act(line, name, 'ratification', null, {
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
	return result(acts);
};
