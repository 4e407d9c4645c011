// A total published by a depositary (or the secretariat, or a secondary source) beside the
// record's own count on that date: what the reader needs to see when the record is behind.
import { formatDate } from './dates';
import { number, translated } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

export interface PublishedComparison {
	/** ISO day; for a month, its last day; for 'after', the day the total is known to be after. */
	asOf: string;
	precision: 'day' | 'month' | 'after';
	reportedBy: 'depositary' | 'secretariat' | 'secondary';
	signatories: number | null;
	parties: number | null;
	note: string | null;
	sourceId: string;
	sourceLine: number | null;
	/** The record's parties and signatories on that date. */
	record: { parties: number; signatories: number };
	/** Parties the record lacks against the published total (0 when it holds as many or more). */
	missing: number;
	/** Published after the record was taken: the record is behind, not wrong. */
	newerThanRecord: boolean;
}

const WHO: Readonly<Record<PublishedComparison['reportedBy'], string>> = translated({
	depositary: m.home_published_by_depositary,
	secretariat: m.home_published_by_secretariat,
	secondary: m.home_published_by_secondary
});

/** "on 4 May 2024", "in October 2022", "some time after 16 March 2022". */
export function publishedWhen(p: Pick<PublishedComparison, 'asOf' | 'precision'>): string {
	if (p.precision === 'month') return m.home_published_in({ month: formatDate(p.asOf.slice(0, 7)) });
	if (p.precision === 'after') return m.home_published_after({ date: formatDate(p.asOf) });
	return m.home_published_on({ date: formatDate(p.asOf) });
}

/** "the depositary reported 123 parties on 4 May 2024; this record holds 109 — 14 are missing" */
export function publishedSentence(p: PublishedComparison): string {
	const reported = (p.parties ?? p.signatories)!;
	const total =
		p.parties !== null
			? m.home_published_parties({ count: reported, shown: number(reported) })
			: m.home_published_signatories({ count: reported, shown: number(reported) });
	const held = p.parties !== null ? p.record.parties : p.record.signatories;
	const values = { who: WHO[p.reportedBy], total, when: publishedWhen(p), held: number(held) };
	if (p.missing > 0) return m.home_published_missing({ ...values, count: p.missing, missing: number(p.missing) });
	return held === reported ? m.home_published_same(values) : m.home_published_holds(values);
}
