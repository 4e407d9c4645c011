// Status and group membership through time, from change points computed on the server. A
// participant's status only changes on the dates of its events and their entry into force,
// so the list of changes answers "status on D" for every D, in the browser too, without
// asking the server again while the map's slider moves.
import type { Status } from '../status';
import { within } from '../dates';

/** On `date`, the status became `status` (dates ascending; before the first, 'none'). */
export type Change = readonly [date: string, status: Status];

/** A membership from `joined` to `left`, both inclusive; null is "always" on that side. */
export type Interval = readonly [joined: string | null, left: string | null];

export function statusAt(changes: readonly Change[] | undefined, date: string): Status {
	let status: Status = 'none';
	if (!changes) return status;
	for (const [d, s] of changes) {
		if (d > date) break;
		status = s;
	}
	return status;
}

export function memberAt(intervals: readonly Interval[] | undefined, date: string): boolean {
	return (intervals ?? []).some(([joined, left]) => within(date, joined, left));
}

/** The date the status in force on `date` began (null when it has been 'none' throughout). */
export function since(changes: readonly Change[] | undefined, date: string): string | null {
	let found: string | null = null;
	for (const [d, s] of changes ?? []) {
		if (d > date) break;
		found = s === 'none' ? null : d;
	}
	return found;
}
