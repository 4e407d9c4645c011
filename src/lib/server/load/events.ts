import type { EventKind, NewParticipationEvent } from '../db/schema';
import type { EventContext } from './context';

/** An event of the instrument and source being read, with every optional field explicit. */
export function newEvent(
	ctx: EventContext,
	line: number,
	fields: { participant_code: string; kind: EventKind } & Partial<NewParticipationEvent>
): NewParticipationEvent {
	return {
		instrument_slug: ctx.instrument,
		date: null,
		precision: 'day',
		earliest: null,
		latest: null,
		declarations: null,
		territorial_application: null,
		recorded_entry_into_force: null,
		note: null,
		quality_flag: null,
		source_id: ctx.source.id,
		source_line: line,
		...fields
	};
}

/** The kinds that make a State a party (consent to be bound), as opposed to signing or leaving. */
export const CONSENTS: EventKind[] = [
	'ratification', 'acceptance', 'approval', 'accession', 'succession', 'formal-confirmation', 'definitive-signature'
];
