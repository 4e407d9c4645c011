// A participation event as a sentence: "Pakistan acceded to the Trafficking in Persons
// Protocol on 4 November 2022". Shared by the Atom feeds and the "Recent events" list.
import { formatDate } from './dates';

export interface ParticipationChange {
	id: number;
	slug: string;
	shortTitle: string;
	code: string;
	name: string;
	kind: string;
	/** Exact date, or null when the source gives only bounds. */
	date: string | null;
	precision: string;
	/** The date by which it had certainly happened: `date`, else the source's upper bound. */
	known: string;
	earliest: string | null;
	/** ILO dates are the dates the ILO registered the ratification. */
	ilo: boolean;
	source: { id: string; title: string; recordedOn: string | null };
}

const VERBS: Record<string, string> = {
	signature: 'signed',
	ratification: 'ratified',
	acceptance: 'accepted',
	approval: 'approved',
	accession: 'acceded to',
	succession: 'succeeded to',
	'formal-confirmation': 'formally confirmed',
	'definitive-signature': 'signed definitively',
	denunciation: 'denounced',
	endorsement: 'endorsed'
};

/** "acceded to", "ratified"… */
export function verb(kind: string): string {
	return VERBS[kind] ?? kind;
}

/** "UNTOC", "ACTIP", "ILO C029 …" read without an article; the others take "the". */
export function instrumentName(shortTitle: string): string {
	return /^[A-Z0-9]+$/.test(shortTitle) || shortTitle.startsWith('ILO ') ? shortTitle : `the ${shortTitle}`;
}

/** "on 4 November 2022", "in November 2015", "by 2 March 2008 (day not recorded)". */
export function when(c: Pick<ParticipationChange, 'date' | 'precision' | 'known' | 'earliest'>): string {
	if (c.date) return `on ${formatDate(c.date)}`;
	if (c.precision === 'month' && c.earliest && c.earliest.slice(0, 7) === c.known.slice(0, 7)) {
		return `in ${formatDate(c.known.slice(0, 7))}`;
	}
	return `by ${formatDate(c.known)} (day not recorded)`;
}

export function sentence(c: ParticipationChange): string {
	const registered = c.ilo && c.date ? ' (date of registration by the ILO)' : '';
	return `${c.name} ${verb(c.kind)} ${instrumentName(c.shortTitle)} ${when(c)}${registered}`;
}
