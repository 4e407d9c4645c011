// A total published by a depositary (or the secretariat, or a secondary source) beside the
// record's own count on that date: what the reader needs to see when the record is behind.
import { formatDate } from './dates';

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

const WHO: Record<PublishedComparison['reportedBy'], string> = {
	depositary: 'the depositary',
	secretariat: 'the UNODC (the Conference’s secretariat)',
	secondary: 'a secondary source'
};

/** "on 4 May 2024", "in October 2022", "some time after 16 March 2022". */
export function publishedWhen(p: Pick<PublishedComparison, 'asOf' | 'precision'>): string {
	if (p.precision === 'month') return `in ${formatDate(p.asOf.slice(0, 7))}`;
	if (p.precision === 'after') return `some time after ${formatDate(p.asOf)}`;
	return `on ${formatDate(p.asOf)}`;
}

/** "the depositary reported 123 parties on 4 May 2024; this record holds 109 — 14 are missing" */
export function publishedSentence(p: PublishedComparison): string {
	const total = p.parties !== null ? `${p.parties} parties` : `${p.signatories} signatories`;
	const held = p.parties !== null ? p.record.parties : p.record.signatories;
	const head = `${WHO[p.reportedBy]} reported ${total} ${publishedWhen(p)}; this record holds ${held}`;
	if (p.missing > 0) return `${head} — ${p.missing} ${p.missing === 1 ? 'is' : 'are'} missing`;
	return held === (p.parties ?? p.signatories) ? `${head}, the same` : `${head}`;
}
