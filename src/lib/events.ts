// A participation event as a sentence: "Pakistan acceded to the Trafficking in Persons
// Protocol on 4 November 2022". Shared by the Atom feeds and the "Recent events" list.
import { formatDate } from './dates';
import { m } from '$lib/paraglide/messages';
import { instrumentName as named, locale, parts, slot, stateName, type Named } from '$lib/i18n';

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

type Who = { participant: string; instrument: string };

/** Each kind of act as a sentence, without and with when it happened (languages put the date in different places). */
const EVENTS: Record<string, [(v: Who) => string, (v: Who & { when: string }) => string]> = {
	signature: [m.home_event_signature, m.home_event_signature_when],
	ratification: [m.home_event_ratification, m.home_event_ratification_when],
	acceptance: [m.home_event_acceptance, m.home_event_acceptance_when],
	approval: [m.home_event_approval, m.home_event_approval_when],
	accession: [m.home_event_accession, m.home_event_accession_when],
	succession: [m.home_event_succession, m.home_event_succession_when],
	'formal-confirmation': [m.home_event_formal_confirmation, m.home_event_formal_confirmation_when],
	'definitive-signature': [m.home_event_definitive_signature, m.home_event_definitive_signature_when],
	denunciation: [m.home_event_denunciation, m.home_event_denunciation_when],
	endorsement: [m.home_event_endorsement, m.home_event_endorsement_when]
};

/**
 * The instrument as a sentence names it: in English "UNTOC", "ACTIP", "ILO C029 …" read without
 * an article and the others take "the"; in another language, its name there where a source gives
 * one (`slug`), else the English short title.
 */
export function instrumentName(shortTitle: string, slug?: string): string {
	if (locale() !== 'en') return slug ? named(slug, shortTitle).text : shortTitle;
	return /^[A-Z0-9]+$/.test(shortTitle) || shortTitle.startsWith('ILO ') ? shortTitle : `the ${shortTitle}`;
}

/** "on 4 November 2022", "in November 2015", "by 2 March 2008 (day not recorded)". */
export function when(c: Pick<ParticipationChange, 'date' | 'precision' | 'known' | 'earliest'>): string {
	if (c.date) return m.home_when_on({ date: formatDate(c.date) });
	if (c.precision === 'month' && c.earliest && c.earliest.slice(0, 7) === c.known.slice(0, 7)) {
		return m.home_when_in({ month: formatDate(c.known.slice(0, 7)) });
	}
	return m.home_when_by({ date: formatDate(c.known) });
}

/** The participant and the instrument as the event's sentence names them. */
function who(c: ParticipationChange): Who {
	return { participant: stateName(c.code, c.name), instrument: instrumentName(c.shortTitle, c.slug) };
}

function event(c: ParticipationChange, values: Who, withWhen: boolean): string {
	const messages = EVENTS[c.kind];
	if (!messages) return withWhen ? m.home_event_other_when({ ...values, act: c.kind, when: when(c) }) : m.home_event_other({ ...values, act: c.kind });
	return withWhen ? messages[1]({ ...values, when: when(c) }) : messages[0](values);
}

export function sentence(c: ParticipationChange): string {
	const text = event(c, who(c), true);
	return c.ilo && c.date ? m.home_event_ilo_registered({ event: text }) : text;
}

/** A message cut at its placeholders: each piece is text, or a placeholder's value with its name. */
export type Piece<K> = { text: string; slot?: K };

/**
 * A message with its placeholders kept apart, so that a page can make each one a link (or a
 * <time>) wherever the language puts it: `slots(message, { name: 'Pakistan' })` →
 * `[{ text: 'Pakistan', slot: 'name' }, { text: ' ratified…' }]`.
 */
export function slots<A extends Record<string, string>>(message: (args: A) => string, values: A): Piece<keyof A>[] {
	const marked = Object.fromEntries(Object.keys(values).map((k) => [k, slot(k)])) as A;
	return parts(message(marked)).map((p) => (p.slot === null ? { text: p.text } : { text: values[p.slot as keyof A], slot: p.slot as keyof A }));
}

/** The event without its date, in pieces: the participant's and the instrument's names to link. */
export function eventPieces(c: ParticipationChange): Piece<keyof Who>[] {
	return slots((values: Who) => event(c, values, false), who(c));
}

/** The instrument as the event names it, and the language that name is in (English where no source gives one). */
export function eventInstrument(c: ParticipationChange): Named {
	const n = named(c.slug, c.shortTitle);
	return { text: instrumentName(c.shortTitle, c.slug), lang: n.lang };
}
