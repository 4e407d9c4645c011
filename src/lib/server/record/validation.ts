// What an act must meet before a person's edit is written: one rule a function, each pure
// (plain data in, a message or nothing out), and `check`, which reads what the rules need from
// the record in memory and names the field each finding is about. An error stops the write; a
// warning is shown and the edit is written only when the person confirms ("record it anyway").
// The write path (participation.ts) keeps its own checks of what a version is; these are the
// rules of the treaties and of the record that a person can get wrong. Every message is in the
// request's language (a form under /fr/, the API under /fr/api/); English is the default.
import { actKindOf, isConsentKind, isEventKind, type ActKind, type EventKind } from '../../acts';
import { formatDate, isIsoDate } from '../../dates';
import { EVENT_LABELS, isBound, STATUS_LABELS, type Status, type LastKnown } from '../../status';
import type { ActAttributes, CurrentAct } from './participation';
import { quote } from '../text/query';
import type { TreatyRecord } from './record';
import type { EifRule } from './rules';
import type { Reference } from './catalogue';
import * as status from './status';
import { m } from '$lib/paraglide/messages';
import { instrumentName, intlLocale, l, locale, number, stateName } from '$lib/i18n';

export type Field = 'instrument' | 'participant' | 'event' | 'date' | 'source' | 'reason' | 'basedOn' | 'act' | TextField;

/**
 * The longest text a person may write in an act, by the field a form and the API name it: the
 * API's request schemas hold to these too (api-schemas.ts), and a form is held to the same.
 */
export const MAX_TEXT = { declarations: 5000, territorialApplication: 2000, note: 2000, qualityFlag: 500 } as const;
export type TextField = keyof typeof MAX_TEXT;
const TEXT_ATTRIBUTES: Record<TextField, 'declarations' | 'territorial_application' | 'note' | 'quality_flag'> = {
	declarations: 'declarations',
	territorialApplication: 'territorial_application',
	note: 'note',
	qualityFlag: 'quality_flag'
};
const TEXT_WHAT: Record<TextField, () => string> = {
	declarations: m.api_what_declarations,
	territorialApplication: m.api_what_territorial_application,
	note: m.api_what_note,
	qualityFlag: m.api_what_flag
};
export const MAX_REASON = 2000;
export const MAX_SOURCE = 2000;

export interface Finding {
	field: Field;
	message: string;
	/** A page that helps: the act to correct instead, the article a warning cites. */
	href?: string;
}

export interface Findings {
	errors: Finding[];
	warnings: Finding[];
}

/** When an act happened, as precisely as the source says: the day, or bounds. */
export type Dating = Pick<ActAttributes, 'date' | 'earliest' | 'latest'>;

/** The day by which it had certainly happened. */
const knownBy = (d: Dating) => d.date ?? d.latest;

/** A form of act as a sentence names it: "ratification", "acceptance (a)". */
const form = (event: EventKind) => EVENT_LABELS[event].toLocaleLowerCase(intlLocale());

/** "a, b, c" in English (as it always read), else the language's own "a, b or c". */
function oneOf(items: string[]): string {
	return locale() === 'en' ? items.join(', ') : new Intl.ListFormat(intlLocale(), { type: 'disjunction' }).format(items);
}

/** An act kind as a noun: "consent", "signature". */
function kindName(kind: ActKind): string {
	return { signature: m.api_kind_signature, consent: m.api_kind_consent, denunciation: m.api_kind_denunciation, endorsement: m.api_kind_endorsement }[kind]();
}

// ——— the rules ———

/** The form of the act: one the record knows, that the instrument takes, that the act is. */
export function eventProblem(event: string, opts: { binding: boolean; kind?: ActKind }): string | null {
	if (!event) return m.api_event_missing();
	if (!isEventKind(event)) return m.api_event_unknown({ value: quote(event), kinds: oneOf(Object.values(EVENT_LABELS)) });
	if (!opts.binding && event !== 'endorsement') return m.api_event_endorse_only({ endorsement: EVENT_LABELS.endorsement });
	if (opts.binding && event === 'endorsement') return m.api_event_binding();
	if (opts.kind && actKindOf(event) !== opts.kind) {
		// An act's kind is its identity: a consent corrected into a signature would be another act.
		return m.api_event_other_kind({ kind: kindName(opts.kind), form: form(event), other: kindName(actKindOf(event)) });
	}
	return null;
}

/** The date: a real one, not in the future, not before the instrument was adopted (or opened for signature). */
export function dateProblem(d: Dating, opts: { today: string; adopted: string | null; instrument: string; openedForSignature?: boolean }): string | null {
	for (const value of [d.date, d.earliest, d.latest]) {
		if (value !== null && !isIsoDate(value)) return m.api_date_invalid({ value: quote(value) });
	}
	const day = knownBy(d);
	if (!day) return m.api_date_missing();
	if ((d.earliest ?? day) > opts.today) return m.api_date_future({ date: formatDate(d.earliest ?? day) });
	if (opts.adopted && day < opts.adopted) {
		const said = { instrument: opts.instrument, date: formatDate(opts.adopted) };
		return opts.openedForSignature ? m.api_date_before_opened(said) : m.api_date_before_adopted(said);
	}
	return null;
}

/** The forms of consent that confirm a signature: accession, succession and a definitive signature need none. */
const CONFIRMS_SIGNATURE: readonly EventKind[] = ['ratification', 'acceptance', 'approval', 'formal-confirmation'];

/**
 * Does the instrument have States sign before they ratify? Decided from its entry-into-force
 * rule, which says whose model it follows:
 * - the UN treaties (UNTOC art. 36(3)–(4) and its Protocols, OPSC, the 1949 Convention), CETS 197
 *   (art. 42(2); non-members accede, art. 43), ACTIP and the SAARC Convention are open for
 *   signature and "subject to ratification, acceptance or approval"; a State that did not sign
 *   accedes. So a ratification, acceptance, approval (or an organisation's formal confirmation)
 *   confirms a signature that came first.
 * - ILO conventions and protocols are never signed: a Member ratifies by communicating its
 *   formal ratification to the Director-General (ILO Constitution art. 19(5)(d)).
 * - Plans and declarations are endorsed, not ratified.
 */
export function signatureFirst(rule: EifRule): boolean {
	return rule.kind !== 'ilo' && rule.kind !== 'non-binding';
}

/**
 * A ratification (acceptance, approval, formal confirmation) without a signature before it, where
 * the instrument is signed first. An error in a complete record, which would show the signature;
 * a warning in a partial one, which may simply not hold it.
 */
export function signatureProblem(opts: {
	event: string;
	dating: Dating;
	rule: EifRule;
	/** The participant's signature of the instrument, as the record holds it; null: none. */
	signature: Dating | null;
	partial: boolean;
	who: string;
	instrument: string;
}): { severity: 'error' | 'warning'; message: string } | null {
	if (!signatureFirst(opts.rule) || !(CONFIRMS_SIGNATURE as readonly string[]).includes(opts.event)) return null;
	const day = knownBy(opts.dating);
	const said = { who: opts.who, instrument: opts.instrument, form: form(opts.event as EventKind) };
	if (opts.signature) {
		const signedFrom = opts.signature.date ?? opts.signature.earliest;
		if (day && signedFrom && signedFrom > day) {
			return { severity: 'error', message: m.api_signature_later({ who: opts.who, form: said.form, signed: formatDate(signedFrom), day: formatDate(day) }) };
		}
		return null;
	}
	if (opts.partial) return { severity: 'warning', message: m.api_signature_missing_partial(said) };
	return { severity: 'error', message: m.api_signature_missing(said) };
}

/** Where the rule that a Protocol needs its Convention is written, for the message and a link. */
export function prerequisiteArticle(prerequisite: string): { cite: string; href?: string } {
	if (prerequisite === 'untoc') {
		return { cite: m.api_cite_untoc_37(), href: l('/instruments/untoc/articles/37') };
	}
	return { cite: prerequisite === 'ilo-c029' ? m.api_cite_after_c029() : m.api_cite_after_convention() };
}

/**
 * A consent to a Protocol on a day the participant had not consented to its Convention (UNTOC
 * art. 37): a warning, not an error — the Convention's consent may be missing from the record,
 * or deposited the same day and not yet recorded.
 */
export function conventionFirstProblem(opts: {
	event: string;
	dating: Dating;
	prerequisite: { slug: string; shortTitle: string };
	/** The participant's status in the prerequisite on the day of this consent. */
	prerequisiteStatus: Status;
	/** For an unknown status after the prerequisite's record ends: what the record last knew, and when. */
	prerequisiteLastKnown?: LastKnown | null;
	who: string;
	instrument: string;
}): { message: string; href?: string } | null {
	if (!isConsentKind(opts.event)) return null;
	const day = knownBy(opts.dating);
	if (!day || isBound(opts.prerequisiteStatus)) return null;
	const { cite, href } = prerequisiteArticle(opts.prerequisite.slug);
	const last = opts.prerequisiteLastKnown;
	const lower = (s: Status) => STATUS_LABELS[s].toLocaleLowerCase(intlLocale());
	const said = { prerequisite: opts.prerequisite.shortTitle, who: opts.who };
	const then =
		opts.prerequisiteStatus === 'unknown' && last
			? m.api_prerequisite_unknown_then({ ...said, date: formatDate(last.on), status: lower(last.status) })
			: opts.prerequisiteStatus === 'unknown'
			? m.api_prerequisite_unknown(said)
			: m.api_prerequisite_not_bound({ ...said, status: lower(opts.prerequisiteStatus) });
	return { message: m.api_prerequisite_first({ date: formatDate(day), then, cite }), href };
}

function prerequisiteOn(s: { status: Status; lastKnown: LastKnown | null }) {
	return { prerequisiteStatus: s.status, prerequisiteLastKnown: s.lastKnown };
}

/**
 * A new event is a new act unless the record holds it already: a signature or an endorsement
 * is made once; a consent repeats only after a denunciation ended the one before (and a
 * denunciation only after a new consent). Returns the sequence of the new act, or the act the
 * event would duplicate (retracted ones too: correcting one restores it).
 */
export function place(acts: CurrentAct[], kind: ActKind, dating: Dating): { seq: number; existing: CurrentAct | null } {
	const same = acts.filter((a) => a.kind === kind).sort((a, b) => a.seq - b.seq);
	const last = same.at(-1);
	if (!last) return { seq: 1, existing: null };
	const ender = kind === 'consent' ? 'denunciation' : kind === 'denunciation' ? 'consent' : null;
	const day = knownBy(dating);
	const lastDay = last.retracted ? null : knownBy(last.attributes);
	if (ender && day && lastDay) {
		const ended = acts.some((a) => {
			const d = a.kind === ender && !a.retracted ? knownBy(a.attributes) : null;
			return d !== null && d >= lastDay && d <= day;
		});
		if (ended) return { seq: last.seq + 1, existing: null };
	}
	return { seq: last.seq, existing: last };
}

/** "ratification, 4 August 2004"; "ratification, by 2 March 2008" when only a bound is known. */
export function describeVersion(v: Pick<ActAttributes, 'event' | 'date' | 'latest'>): string {
	const event = EVENT_LABELS[v.event]?.toLocaleLowerCase(intlLocale()) ?? v.event;
	if (v.date) return m.api_version_dated({ event, date: formatDate(v.date) });
	return v.latest ? m.api_version_by({ event, date: formatDate(v.latest) }) : m.api_version_undated({ event });
}

export function duplicateProblem(existing: CurrentAct, opts: { who: string; instrument: string }): Finding {
	const said = { act: actOf(existing.kind, opts), version: describeVersion(existing.attributes) };
	return {
		field: 'event',
		message: existing.retracted ? m.api_duplicate_retracted(said) : m.api_duplicate(said),
		href: l(`/record/acts/${existing.id}`)
	};
}

/** "Colombia's consent to UNTOC", "Colombia's signature of UNTOC". */
function actOf(kind: ActKind, opts: { who: string; instrument: string }): string {
	return { signature: m.api_act_signature, consent: m.api_act_consent, denunciation: m.api_act_denunciation, endorsement: m.api_act_endorsement }[kind](opts);
}

/** The source: one the catalogue has, or a notification reference or address that can join it. */
export function sourceProblem(
	text: string,
	ref: Reference | null,
	opts: { exists: boolean; instrument: string; reference: string | null; depositary: string | null; dating: Dating }
): string | null {
	const how = m.api_source_how();
	if (!text.trim()) return m.api_source_missing({ how });
	if (!ref) return m.api_source_unreadable({ value: quote(text.trim()), how });
	if (ref.kind === 'id' && !opts.exists) return m.api_source_unknown({ value: quote(ref.id), how });
	if (ref.kind === 'notification') {
		// UNTC numbers treaties by chapter: the reference's treaty must be the instrument's.
		const untc = /^UNTC (\S+)$/.exec(opts.reference ?? '')?.[1];
		if (!untc) {
			const said = { reference: ref.reference, instrument: opts.instrument };
			return opts.depositary ? m.api_source_other_depositary({ ...said, depositary: opts.depositary }) : m.api_source_another_depositary(said);
		}
		if (untc !== ref.treaty) return m.api_source_other_treaty({ reference: ref.reference, treaty: ref.treaty, instrument: opts.instrument, untc });
		const day = opts.dating.date ?? opts.dating.earliest;
		if (day && Number(day.slice(0, 4)) > ref.year) {
			return m.api_source_before_act({ reference: ref.reference, year: String(ref.year), date: formatDate(day) });
		}
	}
	return null;
}

/** A text longer than the record keeps, said with its length (never echoed); `what` names it in the request's language. */
export function lengthProblem(what: string, text: string | null | undefined, max: number): string | null {
	const n = text?.trim().length ?? 0;
	// English has always written 2,000 here, whatever the page
	const count = (x: number) => (locale() === 'en' ? x.toLocaleString('en') : number(x));
	return n > max ? m.api_too_long({ what, max: count(max), count: count(n) }) : null;
}

/** A correction or a retraction says why; a new act may. */
export function reasonProblem(reason: string | null | undefined, op: 'record' | 'correct' | 'retract'): string | null {
	const text = reason?.trim() ?? '';
	if (!text && op !== 'record') {
		return op === 'correct' ? m.api_reason_correct() : m.api_reason_retract();
	}
	return lengthProblem(m.api_what_reason(), text, MAX_REASON);
}

// ——— all of them, for one proposed write ———

export interface Proposal {
	instrument: string;
	participant: string;
	/** What the act would say: its form and its date, and what else the person wrote. */
	values: Pick<ActAttributes, 'event' | 'date' | 'earliest' | 'latest'> & Partial<Pick<ActAttributes, (typeof TEXT_ATTRIBUTES)[TextField]>>;
	/** The source as given, and as read. */
	source: string;
	ref: Reference | null;
	sourceExists: boolean;
	/** For a correction: the act as it stands. */
	current?: CurrentAct;
	reason?: string | null;
}

/**
 * Every finding about a new act (no `current`) or a correction of one, against the record as
 * it stands. `acts` are the participant's acts of the instrument, retracted ones included. A
 * correction is held to the treaty rules only where it changes the form or the date: an act
 * the record already holds is not refused a new note for a rule it was written before.
 */
export function check(record: TreatyRecord, p: Proposal, opts: { today: string; acts: CurrentAct[] }): Findings & { seq: number } {
	const errors: Finding[] = [];
	const warnings: Finding[] = [];
	const ir = record.instruments.get(p.instrument);
	const participant = record.participants.get(p.participant);
	if (!ir) errors.push({ field: 'instrument', message: m.api_no_instrument({ value: quote(p.instrument) }) });
	if (!participant) errors.push({ field: 'participant', message: m.api_no_participant({ value: quote(p.participant) }) });
	const reason = reasonProblem(p.reason, p.current ? 'correct' : 'record');
	if (reason) errors.push({ field: 'reason', message: reason });
	// a text already in the record is not refused for a limit it was written before
	for (const [field, attribute] of Object.entries(TEXT_ATTRIBUTES) as [TextField, (typeof TEXT_ATTRIBUTES)[TextField]][]) {
		const text = p.values[attribute];
		const problem = text !== p.current?.attributes[attribute] ? lengthProblem(TEXT_WHAT[field](), text, MAX_TEXT[field]) : null;
		if (problem) errors.push({ field, message: problem });
	}
	if (!ir || !participant) return { errors, warnings, seq: 1 };

	const who = stateName(participant.code, participant.name);
	const instrument = instrumentName(ir.instrument.slug, ir.instrument.short_title).text;
	const v = p.values;
	const was = p.current?.attributes;
	const changesWhen = !was || was.event !== v.event || was.date !== v.date || was.earliest !== v.earliest || was.latest !== v.latest;
	const eventError = eventProblem(v.event, { binding: ir.instrument.binding === 1, kind: p.current?.kind });
	if (eventError) errors.push({ field: 'event', message: eventError });
	const dateError = changesWhen ? dateProblem(v, { today: opts.today, adopted: ir.instrument.adopted, instrument, openedForSignature: ir.instrument.opened_for_signature !== null }) : null;
	if (dateError) errors.push({ field: 'date', message: dateError });
	const sourceError = sourceProblem(p.source, p.ref, {
		exists: p.sourceExists,
		instrument,
		reference: ir.instrument.reference,
		depositary: ir.instrument.depositary,
		dating: v
	});
	if (sourceError) errors.push({ field: 'source', message: sourceError });

	let seq = p.current?.seq ?? 1;
	if (!p.current && !eventError && !dateError) {
		const placed = place(opts.acts, actKindOf(v.event as EventKind), v);
		seq = placed.seq;
		if (placed.existing) errors.push(duplicateProblem(placed.existing, { who, instrument }));
	}

	if (eventError || dateError || !changesWhen) return { errors, warnings, seq };

	const signature = opts.acts.find((a) => a.kind === 'signature' && !a.retracted);
	const unsigned = signatureProblem({
		event: v.event,
		dating: v,
		rule: ir.rule,
		signature: signature?.attributes ?? null,
		partial: ir.dataStatus !== 'complete',
		who,
		instrument
	});
	if (unsigned) (unsigned.severity === 'error' ? errors : warnings).push({ field: 'event', message: unsigned.message });

	const pre = ir.instrument.prerequisite_slug ? record.instruments.get(ir.instrument.prerequisite_slug) : undefined;
	const day = knownBy(v);
	if (pre && day) {
		const before = conventionFirstProblem({
			event: v.event,
			dating: v,
			prerequisite: { slug: pre.instrument.slug, shortTitle: instrumentName(pre.instrument.slug, pre.instrument.short_title).text },
			...prerequisiteOn(status.statusOn(pre, pre.timelines.get(p.participant), day)),
			who,
			instrument
		});
		if (before) warnings.push({ field: 'date', ...before });
	}
	return { errors, warnings, seq };
}

/** Findings as a form shows them: one message per field (the first, an error before a warning). */
export function byField(findings: Finding[]): Partial<Record<Field, string>> {
	const out: Partial<Record<Field, string>> = {};
	for (const f of findings) out[f.field] ??= f.message;
	return out;
}
