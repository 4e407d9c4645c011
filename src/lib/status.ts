// Status names and their labels: shared by server, components and the API.

// `unknown`: the instrument's record is partial or missing and holds no act of the participant —
// not "no action", which only a complete record can say.
export const STATUSES = ['none', 'signed', 'pending', 'party', 'denounced', 'endorsed', 'unknown'] as const;
export type Status = (typeof STATUSES)[number];

/** For `unknown` after the last day the record can vouch for: the status it last knew, and that day. */
export interface LastKnown {
	status: Status;
	on: string;
}

export const STATUS_LABELS: Record<Status, string> = {
	none: 'No action',
	signed: 'Signed',
	pending: 'Consent deposited, not yet in force',
	party: 'Party (in force)',
	denounced: 'Denounced',
	endorsed: 'Endorsed',
	unknown: 'Not in our record'
};

import { CONSENT_KINDS, type ConsentKind, type EventKind } from './acts';
export { CONSENT_KINDS, type ConsentKind };

export const CONSENT_LABELS: Record<ConsentKind, string> = {
	ratification: 'Ratification',
	acceptance: 'Acceptance (A)',
	approval: 'Approval (AA)',
	accession: 'Accession (a)',
	succession: 'Succession (d)',
	'formal-confirmation': 'Formal confirmation (c)',
	'definitive-signature': 'Definitive signature'
};

/** Every form an act is recorded in, as the editing screens and timelines name it. */
export const EVENT_LABELS: Record<EventKind, string> = {
	signature: 'Signature',
	...CONSENT_LABELS,
	denunciation: 'Denunciation',
	endorsement: 'Endorsement'
};

/**
 * The order statuses are listed and ranked in, from the most engaged to the least: parties
 * first, then those bound but not yet in force, endorsed, signed, denounced, no action, not in
 * our record. Legends and sorts by status take it from here.
 */
export const STATUS_ORDER: readonly Status[] = ['party', 'pending', 'endorsed', 'signed', 'denounced', 'none', 'unknown'];

/** Bound: consent to be bound deposited, in force for it (party) or not yet (pending). */
export function isBound(status: Status): boolean {
	return status === 'pending' || status === 'party';
}

/** Joined: bound, or a non-binding plan endorsed. */
export function hasJoined(status: Status): boolean {
	return isBound(status) || status === 'endorsed';
}

export function isStatus(s: string): s is Status {
	return (STATUSES as readonly string[]).includes(s);
}
