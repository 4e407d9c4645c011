// How the record reads in the UI: one place for the wording of dates and consents.
import { formatDate } from './dates';
import { type ConsentKind } from './status';
import { m } from '$lib/paraglide/messages';
import { translated } from '$lib/i18n';

export interface DatedLike {
	date: string | null;
	precision?: string;
	knownBy?: string | null;
}

/** The bound as precisely as the source gives it: a year-precision bound reads "2011". */
function bound(f: DatedLike): string {
	if (f.precision === 'year' && f.knownBy?.endsWith('-12-31')) return f.knownBy.slice(0, 4);
	return formatDate(f.knownBy);
}

/** "25 December 2003"; "(date not recorded), by 25 January 2016" when only a bound is known. */
export function dated(f: DatedLike | null | undefined): string {
	if (!f) return '';
	if (f.date) return formatDate(f.date);
	if (f.knownBy) return m.date_not_recorded_by({ bound: bound(f) });
	return m.date_not_recorded();
}

const DONE: Readonly<Record<ConsentKind, string>> = translated({
	ratification: m.done_ratification,
	acceptance: m.done_acceptance,
	approval: m.done_approval,
	accession: m.done_accession,
	succession: m.done_succession,
	'formal-confirmation': m.done_formal_confirmation,
	'definitive-signature': m.done_definitive_signature
});

/**
 * A consent as a table reads it: "4 August 2004" with its kind shown beside, or, when the
 * source gives no day, "ratified (date not recorded), by 2011" — the words say what is known.
 */
export function consent(c: { kind: ConsentKind; date: string | null; precision?: string; knownBy?: string | null } | null): string {
	if (!c) return '';
	if (c.date) return formatDate(c.date);
	return `${DONE[c.kind] ?? c.kind} ${dated(c)}`;
}

/** 12,345 — in the request's language's digits and grouping ($lib/i18n). */
export { number } from '$lib/i18n';

/** "The depositary reported…": a sentence made to be read mid-sentence, starting one. */
export function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
