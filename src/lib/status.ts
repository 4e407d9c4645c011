// Status names and their labels: shared by server, components and the API.
import { m } from '$lib/paraglide/messages';
import { translated } from '$lib/i18n';

// `unknown`: the instrument's record is partial or missing and holds no act of the participant —
// not "no action", which only a complete record can say.
export const STATUSES = ['none', 'signed', 'pending', 'party', 'denounced', 'endorsed', 'unknown'] as const;
export type Status = (typeof STATUSES)[number];

/** For `unknown` after the last day the record can vouch for: the status it last knew, and that day. */
export interface LastKnown {
	status: Status;
	on: string;
}

export const STATUS_LABELS: Readonly<Record<Status, string>> = translated({
	none: m.status_none,
	signed: m.status_signed,
	pending: m.status_pending,
	party: m.status_party,
	denounced: m.status_denounced,
	endorsed: m.status_endorsed,
	unknown: m.status_unknown
});

import { CONSENT_KINDS, type ConsentKind, type EventKind } from './acts';
export { CONSENT_KINDS, type ConsentKind };

const CONSENT_MESSAGES = {
	ratification: m.consent_ratification,
	acceptance: m.consent_acceptance,
	approval: m.consent_approval,
	accession: m.consent_accession,
	succession: m.consent_succession,
	'formal-confirmation': m.consent_formal_confirmation,
	'definitive-signature': m.consent_definitive_signature
} satisfies Record<ConsentKind, () => string>;

export const CONSENT_LABELS: Readonly<Record<ConsentKind, string>> = translated(CONSENT_MESSAGES);

/** Every form an act is recorded in, as the editing screens and timelines name it. */
export const EVENT_LABELS: Readonly<Record<EventKind, string>> = translated({
	signature: m.event_signature,
	...CONSENT_MESSAGES,
	denunciation: m.event_denunciation,
	endorsement: m.event_endorsement
});

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
