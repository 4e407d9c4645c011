// Map colours. The same Okabe–Ito based palette as the status badges, so a colour means the
// same thing in a table, a badge and on the map; colour-blind safe. Two statuses are also
// textured, so that they survive greyscale print: "pending" is hatched, and "signed" is
// dotted (its pale yellow has nearly the grey of "no action" once the colour is gone). "Not in
// our record" is cross-hatched on white: it must never read as "no action".
import type { Status } from '../status';

export const STATUS_FILL: Record<Status, string> = {
	// A mid grey, so that land which is no participant's (Greenland, Western Sahara: BACKGROUND_FILL)
	// never reads as "no action".
	none: '#cbcfd4',
	signed: '#f5dfa8',
	pending: '#cde6f5',
	party: '#0072b2',
	denounced: '#d55e00',
	endorsed: '#009e73',
	unknown: '#ffffff'
};

/** The cross-hatching over "not in our record": not a colour of any status, and not "no action". */
export const UNKNOWN_HATCH = '#8a8f98';

/** The stripes over the pending colour (hatching: "consent given, not yet in force"). */
export const PENDING_STRIPE = '#0072b2';

/** The dots over the signed colour ("signed, not yet bound"). */
export const SIGNED_DOT = '#7a5c00';

/** The statuses drawn with a pattern, whose ids a map defines once: `${prefix}-${status}`. */
export const PATTERNED: readonly Status[] = ['pending', 'signed', 'unknown'];

/** Land that is not a participant (territories, Antarctica, disputed areas). */
export const BACKGROUND_FILL = '#f7f7f7';
export const BACKGROUND_STROKE = '#c9c9c9';

/** A participant outside the group being shown. */
export const OUTSIDE_FILL = '#f8f8f8';

export const BORDER = '#ffffff';

/**
 * The map's two ways of colouring: each status its own colour, or `not-joined` (the
 * `?highlight=not-joined` view, an advocate's): those that have not joined in strong colours,
 * those that have in one pale colour.
 */
export type MapMode = 'status' | 'not-joined';
export const MAP_MODES: readonly MapMode[] = ['status', 'not-joined'];

/** The colours of the `not-joined` view: Okabe–Ito vermillion, orange and purple for who has not joined. */
export const NOT_JOINED_FILL: Record<Status, string> = {
	none: '#d55e00',
	signed: '#e69f00',
	denounced: '#cc79a7',
	pending: '#d9e2ea',
	party: '#d9e2ea',
	endorsed: '#d9e2ea',
	unknown: '#ffffff'
};

/**
 * The statuses a stale participant can have been last known in (short of consent: a consent
 * stays bound), each drawn as its colour under wide white hatching — "was this, not known since".
 */
export const STALE_FROM: readonly Status[] = ['none', 'signed', 'denounced'];

/** The SVG fill for a status: pending and signed are patterns the map defines (MapPatterns, with `prefix`). */
export function fill(status: Status, prefix: string, mode: MapMode = 'status', lastKnown: { status: Status } | null = null): string {
	if (mode === 'not-joined') return status === 'unknown' ? `url(#${prefix}-unknown)` : NOT_JOINED_FILL[status];
	if (status === 'unknown' && lastKnown && STALE_FROM.includes(lastKnown.status)) return `url(#${prefix}-stale-${lastKnown.status})`;
	return PATTERNED.includes(status) ? `url(#${prefix}-${status})` : STATUS_FILL[status];
}

/** The stale texture as a CSS background, for the key's swatch: the last known colour, hatched with white. */
export function staleSwatch(status: Status): string {
	return `repeating-linear-gradient(-45deg, ${STATUS_FILL[status]} 0 3px, #ffffff 3px 5px)`;
}

/** The same textures as CSS backgrounds, for the legend's swatches. */
export const SWATCH: Partial<Record<Status, string>> = {
	pending: `repeating-linear-gradient(45deg, ${STATUS_FILL.pending} 0 2.5px, ${PENDING_STRIPE} 2.5px 4px)`,
	signed: `radial-gradient(circle, ${SIGNED_DOT} 0 0.9px, transparent 1.2px) 0 0 / 4px 4px, ${STATUS_FILL.signed}`,
	unknown: `repeating-linear-gradient(45deg, transparent 0 3px, ${UNKNOWN_HATCH} 3px 3.6px), repeating-linear-gradient(-45deg, ${STATUS_FILL.unknown} 0 3px, ${UNKNOWN_HATCH} 3px 3.6px)`
};

/** A legend's swatch for a status, as a CSS background. */
export function swatch(status: Status, mode: MapMode = 'status'): string {
	if (mode === 'not-joined' && status !== 'unknown') return NOT_JOINED_FILL[status];
	return SWATCH[status] ?? STATUS_FILL[status];
}
