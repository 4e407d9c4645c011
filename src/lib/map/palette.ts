// Map colours. The same Okabe–Ito based palette as the status badges, so a colour means the
// same thing in a table, a badge and on the map; colour-blind safe, and "pending" is also
// hatched so that it survives greyscale print.
import type { Status } from '../status';

export const STATUS_FILL: Record<Status, string> = {
	none: '#e3e3e3',
	signed: '#f5dfa8',
	pending: '#cde6f5',
	party: '#0072b2',
	denounced: '#d55e00',
	endorsed: '#009e73'
};

/** The stripes over the pending colour (hatching: "consent given, not yet in force"). */
export const PENDING_STRIPE = '#0072b2';

/** Land that is not a participant (territories, Antarctica, disputed areas). */
export const BACKGROUND_FILL = '#f6f6f6';
export const BACKGROUND_STROKE = '#c9c9c9';

/** A participant outside the group being shown. */
export const OUTSIDE_FILL = '#f8f8f8';

export const BORDER = '#ffffff';

/** The SVG fill for a status: pending is a pattern whose id the map defines once. */
export function fill(status: Status, patternId: string): string {
	return status === 'pending' ? `url(#${patternId})` : STATUS_FILL[status];
}
