// The vocabulary of participation acts, defined once: what kinds of act there are (an act's
// identity) and the forms a depositary records them in (an attribute of each version).

/** What an act is. Its identity: instrument, participant, kind, and a sequence where it repeats. */
export const ACT_KINDS = ['signature', 'consent', 'denunciation', 'endorsement'] as const;
export type ActKind = (typeof ACT_KINDS)[number];

/** The forms of consent to be bound (UNTC suffixes: none, A, AA, a, d, c). */
export const CONSENT_KINDS = [
	'ratification',
	'acceptance',
	'approval',
	'accession',
	'succession',
	'formal-confirmation',
	'definitive-signature'
] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** Every form a depositary records an act in. */
export const EVENT_KINDS = ['signature', ...CONSENT_KINDS, 'denunciation', 'endorsement'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const DATE_PRECISIONS = ['day', 'month', 'year', 'unknown'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export function isConsentKind(kind: string): kind is ConsentKind {
	return (CONSENT_KINDS as readonly string[]).includes(kind);
}

export function isEventKind(kind: string): kind is EventKind {
	return (EVENT_KINDS as readonly string[]).includes(kind);
}

export function isActKind(kind: string): kind is ActKind {
	return (ACT_KINDS as readonly string[]).includes(kind);
}

/** The act a recorded form belongs to: an accession is a consent, as a ratification is. */
export function actKindOf(event: EventKind): ActKind {
	return isConsentKind(event) ? 'consent' : (event as Exclude<EventKind, ConsentKind>);
}

/** UNTC's suffixes after a consent date. */
export const UNTC_SUFFIXES: Record<string, ConsentKind> = {
	'': 'ratification',
	A: 'acceptance',
	AA: 'approval',
	a: 'accession',
	d: 'succession',
	c: 'formal-confirmation'
};
