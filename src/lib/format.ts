// How the record reads in the UI: one place for the wording of dates and consents.
import { formatDate } from './dates';
import { CONSENT_LABELS, type ConsentKind } from './status';

export interface DatedLike {
	date: string | null;
	precision?: string;
	knownBy?: string | null;
}

/** "25 December 2003"; "(date not recorded), by 25 January 2016" when only a bound is known. */
export function dated(f: DatedLike | null | undefined): string {
	if (!f) return '';
	if (f.date) return formatDate(f.date);
	if (f.knownBy) return `(date not recorded), by ${formatDate(f.knownBy)}`;
	return '(date not recorded)';
}

/** "Ratification, 4 August 2004" / "ratified (date not recorded), by 2011". */
export function consent(c: { kind: ConsentKind; date: string | null; precision?: string; knownBy?: string | null } | null): string {
	if (!c) return '';
	const label = CONSENT_LABELS[c.kind] ?? c.kind;
	return `${label}, ${dated(c)}`;
}

export function number(n: number): string {
	return n.toLocaleString('en-GB');
}
