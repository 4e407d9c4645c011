// Status as of a date, derived from the record: the answers the pages and the API give.
import type { Db } from '../db';
import type { DatePrecision, InstrumentKind, PublishedTotal } from '../db/schema';
import type { PublishedComparison } from '../../published';
import { CONSENT_KINDS, type ConsentKind } from '../../acts';
import { isBound, type Status, type LastKnown } from '../../status';
import * as eligibility from './eligibility';
import * as records from './record';
import type { InstrumentRecord, Timeline, TreatyRecord, EventView } from './record';

export interface DatedFact {
	/** Exact date, or null when the source does not record the day. */
	date: string | null;
	precision: DatePrecision;
	/** When the date is not exact: the date by which it had certainly happened. */
	knownBy: string | null;
}

export interface ParticipantStatus {
	code: string;
	name: string;
	status: Status;
	signature: string | null;
	signatureDetail: DatedFact | null;
	consent: { date: string | null; kind: ConsentKind; precision: DatePrecision; knownBy: string | null } | null;
	entryIntoForce: string | null;
	/** When the consent date is not exact: the date by which it was certainly in force. */
	entryIntoForceBy: string | null;
	denunciation: string | null;
	endorsement: string | null;
	declarations: string | null;
	sourceId: string | null;
	qualityFlag: string | null;
	/**
	 * For `unknown` on a date later than what the record can vouch for: the status the record
	 * last knew, and the day its sources speak for (Japan on UNTOC today: signed, on 27 Jan 2014).
	 */
	lastKnown: LastKnown | null;
}

export interface Counts {
	signatories: number;
	parties: number;
	inForce: number;
	endorsed: number;
	/** Participants with no act in a partial record: the counts above are at least these. */
	unknown: number;
}

/**
 * The last day the record can vouch for a participant's status: the instrument's record date
 * (its newest complete table) or, when later, the newest source that speaks of the participant
 * for that instrument (a partial source dates its own rows).
 */
export function horizon(ir: InstrumentRecord, t: Timeline | undefined): string | null {
	const table = ir.source?.recorded_on ?? null;
	const own = t?.speaksUntil ?? null;
	return table && own ? (table > own ? table : own) : (table ?? own);
}

/**
 * The status of one participant's timeline on `date`. What the record cannot say is unknown,
 * never "no action": no act in a partial or missing record; and, after the day the record can
 * vouch for (see `horizon`), anything short of consent — a party stays a party and a pending
 * consent enters into force on its day, since only a recorded denunciation ends them, but a
 * signatory may since have ratified, and a State with no act may since have joined. Plans,
 * whose endorsements come from memberships, are not affected.
 */
export function statusOn(ir: InstrumentRecord, t: Timeline | undefined, date: string): ParticipantStatusCore {
	const binding = ir.rule.kind !== 'non-binding';
	if (!t) {
		const empty = { signature: undefined, consent: undefined, denunciation: undefined, endorsement: undefined, lastKnown: null };
		if (ir.dataStatus !== 'complete') return { ...empty, status: 'unknown' };
		const h = horizon(ir, t);
		return binding && h && date > h ? { ...empty, status: 'unknown', lastKnown: { status: 'none', on: h } } : { ...empty, status: 'none' };
	}
	// One pass over the timeline (oldest first): the last act of each kind known by `date`. The
	// status of every participant for every instrument is asked for at once; one pass, not one
	// per kind, keeps that cost in step with the size of the record.
	let signature: EventView | undefined;
	let definitive: EventView | undefined;
	let consent: EventView | undefined;
	let denunciation: EventView | undefined;
	let endorsement: EventView | undefined;
	for (const e of t.events) {
		if (!e.known || e.known > date) continue;
		if (e.kind === 'signature') signature = e;
		else if (e.kind === 'denunciation') denunciation = e;
		else if (e.kind === 'endorsement') endorsement = e;
		else if (e.kind === 'definitive-signature') definitive = e;
		if (CONSENTS.has(e.kind)) consent = e;
	}
	signature ??= definitive;
	if (!binding) {
		return { status: endorsement ? 'endorsed' : 'none', signature: undefined, consent: undefined, denunciation: undefined, endorsement, lastKnown: null };
	}
	let status: Status = 'none';
	if (denunciation && (!consent || denunciation.known! >= consent.known!)) status = 'denounced';
	else if (consent) status = consent.entryIntoForceBy && consent.entryIntoForceBy <= date ? 'party' : 'pending';
	else if (signature) status = 'signed';
	if (!isBound(status)) {
		const h = horizon(ir, t);
		if (h && date > h) return { status: 'unknown', signature, consent, denunciation, endorsement: undefined, lastKnown: { status, on: h } };
	}
	return { status, signature, consent, denunciation, endorsement: undefined, lastKnown: null };
}

const CONSENTS: ReadonlySet<string> = new Set(CONSENT_KINDS);

interface ParticipantStatusCore {
	status: Status;
	signature: EventView | undefined;
	consent: EventView | undefined;
	denunciation: EventView | undefined;
	endorsement: EventView | undefined;
	lastKnown: LastKnown | null;
}

function fact(e: EventView | undefined): DatedFact | null {
	return e ? { date: e.date, precision: e.precision, knownBy: e.date ? null : e.known } : null;
}

/** One participant's row for one instrument on a date. */
export function view(record: TreatyRecord, ir: InstrumentRecord, code: string, date: string): ParticipantStatus {
	const t = ir.timelines.get(code);
	const s = statusOn(ir, t, date);
	// A State that did not yet exist had certainly not acted: "no action", not unknown.
	if (s.status === 'unknown' && !records.existsOn(record, code, date)) s.status = 'none';
	const p = record.participants.get(code);
	const c = s.consent;
	return {
		code,
		name: p?.name ?? code,
		status: s.status,
		signature: s.signature?.date ?? null,
		signatureDetail: fact(s.signature),
		consent: c
			? { date: c.date, kind: c.kind as ConsentKind, precision: c.precision, knownBy: c.date ? null : c.known }
			: null,
		entryIntoForce: c?.entryIntoForce ?? null,
		entryIntoForceBy: c && !c.entryIntoForce ? c.entryIntoForceBy : null,
		denunciation: s.denunciation?.known ?? null,
		endorsement: s.endorsement?.known ?? null,
		declarations: c?.declarations ?? null,
		sourceId: (c ?? s.signature ?? s.denunciation ?? s.endorsement)?.sourceId ?? null,
		qualityFlag: c?.qualityFlag ?? null,
		lastKnown: s.status === 'unknown' ? s.lastKnown : null
	};
}

/** Counts of the participants with acts; `unknown` is filled in by who asks over whom (see `summary`). */
export function countsOn(ir: InstrumentRecord, date: string): Counts {
	const counts: Counts = { signatories: 0, parties: 0, inForce: 0, endorsed: 0, unknown: 0 };
	for (const t of ir.timelines.values()) {
		const s = statusOn(ir, t, date);
		if (s.signature) counts.signatories++;
		if (isBound(s.status)) counts.parties++;
		if (s.status === 'party') counts.inForce++;
		if (s.status === 'endorsed') counts.endorsed++;
	}
	return counts;
}

export interface InstrumentSummary {
	slug: string;
	title: string;
	shortTitle: string;
	kind: InstrumentKind;
	body: string;
	adopted: string | null;
	/** `adopted` is the day it was opened for signature (CETS 197), its adoption not being recorded. */
	openedForSignature: boolean;
	/** Null while not yet in force on the date asked about. */
	entryIntoForce: string | null;
	entryIntoForceBasis: 'computed' | 'recorded' | null;
	dataAsOf: string | null;
	dataStatus: 'complete' | 'partial' | 'none';
	/** True when the date asked about is later than the data was recorded. */
	stale: boolean;
	/** Null when the record holds nothing for the instrument: no data is not zero parties. */
	counts: Counts | null;
	/** The newest total published on or before the date asked about, beside the record's count then. */
	published: PublishedComparison | null;
	/** The newest total published at all, when it is newer than the record and the record lacks parties. */
	behind: PublishedComparison | null;
}

/** When the instrument's record was taken, and whether `date` is later than that. */
export function recordDate(ir: InstrumentRecord, date: string): { dataAsOf: string | null; stale: boolean } {
	const dataAsOf = ir.source?.recorded_on ?? null;
	return { dataAsOf, stale: dataAsOf !== null && date > dataAsOf };
}

/**
 * Participants that existed on `date` and may join, whose status the record cannot say: no act
 * in a partial record, or nothing short of consent known after the day the record vouches for
 * (see statusOn). (A complete record's silence up to its date is "no action"; a missing one says
 * nothing, so its counts are null.)
 */
export function unknownOn(record: TreatyRecord, ir: InstrumentRecord, date: string): string[] {
	if (ir.rule.kind === 'non-binding') return [];
	if (ir.dataStatus === 'complete' && ir.source?.recorded_on && date <= ir.source.recorded_on) return [];
	// Asked for every instrument on every summary: kept per record (a revision) and date.
	let byDate = unknownCache.get(ir);
	if (!byDate) unknownCache.set(ir, (byDate = new Map()));
	let codes = byDate.get(date);
	if (!codes) {
		codes = [...record.participants.keys()].filter(
			(code) => statusOn(ir, ir.timelines.get(code), date).status === 'unknown' && records.existsOn(record, code, date) && eligibility.mayJoin(record, ir, code, date)
		);
		if (byDate.size > 1000) byDate.clear();
		byDate.set(date, codes);
	}
	return codes;
}

const unknownCache = new WeakMap<InstrumentRecord, Map<string, string[]>>();
const comparisons = new WeakMap<PublishedTotal, PublishedComparison>();

/** A published total beside the record's own counts on its date. */
export function compare(ir: InstrumentRecord, p: PublishedTotal): PublishedComparison {
	// The published totals belong to one record (revision): compared once.
	const cached = comparisons.get(p);
	if (cached) return cached;
	const held = countsOn(ir, p.as_of);
	const recordedOn = ir.source?.recorded_on ?? null;
	const out: PublishedComparison = {
		asOf: p.as_of,
		precision: p.precision,
		reportedBy: p.reported_by,
		signatories: p.signatories,
		parties: p.parties,
		note: p.note,
		sourceId: p.source_id,
		sourceLine: p.source_line,
		record: { parties: held.parties, signatories: held.signatories },
		missing: Math.max(0, p.parties !== null ? p.parties - held.parties : (p.signatories ?? 0) - held.signatories),
		newerThanRecord: recordedOn === null || p.as_of > recordedOn
	};
	comparisons.set(p, out);
	return out;
}

/** The newest published total on or before `date` (for "as of" answers). */
export function publishedOn(ir: InstrumentRecord, date: string): PublishedComparison | null {
	const p = ir.published.filter((t) => t.as_of <= date).at(-1);
	return p ? compare(ir, p) : null;
}

/** The newest published total, when the record is behind it: what to refresh. */
export function behind(ir: InstrumentRecord): PublishedComparison | null {
	const p = ir.published.at(-1);
	if (!p) return null;
	const c = compare(ir, p);
	return c.newerThanRecord && c.missing > 0 ? c : null;
}

export function summary(record: TreatyRecord, ir: InstrumentRecord, date: string): InstrumentSummary {
	const i = ir.instrument;
	const { dataAsOf, stale } = recordDate(ir, date);
	return {
		slug: i.slug,
		title: i.title,
		shortTitle: i.short_title,
		kind: i.kind,
		body: i.body,
		adopted: i.adopted,
		openedForSignature: i.opened_for_signature !== null,
		entryIntoForce: ir.entryIntoForce && ir.entryIntoForce <= date ? ir.entryIntoForce : null,
		entryIntoForceBasis: ir.entryIntoForce && ir.entryIntoForce <= date ? ir.entryIntoForceBasis : null,
		dataAsOf,
		dataStatus: ir.dataStatus,
		stale,
		counts: ir.dataStatus === 'none' ? null : { ...countsOn(ir, date), unknown: unknownOn(record, ir, date).length },
		published: publishedOn(ir, date),
		behind: behind(ir)
	};
}

export async function instruments(db: Db, opts: { asOf: string }): Promise<InstrumentSummary[]> {
	const record = await records.get(db);
	return [...record.instruments.values()]
		.sort((a, b) => a.instrument.sort_order - b.instrument.sort_order)
		.map((ir) => summary(record, ir, opts.asOf));
}

export async function instrument(
	db: Db,
	opts: { slug: string; asOf: string; all?: boolean; codes?: string[] }
): Promise<(InstrumentSummary & { participants: ParticipantStatus[] }) | null> {
	const record = await records.get(db);
	const ir = record.instruments.get(opts.slug);
	if (!ir) return null;
	// Everyone means everyone who existed then: South Sudan had not "not joined" in 2005.
	const everyone = () => [...record.participants.keys()].filter((code) => records.existsOn(record, code, opts.asOf));
	const withEvents = () => [...ir.timelines.keys()].filter((code) => records.existsOn(record, code, opts.asOf));
	const codes = opts.codes ?? (opts.all ? everyone() : withEvents());
	const participants = codes
		.map((code) => view(record, ir, code, opts.asOf))
		.sort((a, b) => a.name.localeCompare(b.name, 'en'));
	return { ...summary(record, ir, opts.asOf), participants };
}

export async function participant(db: Db, opts: { code: string; asOf: string }) {
	const record = await records.get(db);
	const p = record.participants.get(opts.code);
	if (!p) return null;
	const instruments = [...record.instruments.values()]
		.sort((a, b) => a.instrument.sort_order - b.instrument.sort_order)
		.map((ir) => ({
			...view(record, ir, p.code, opts.asOf),
			slug: ir.instrument.slug,
			shortTitle: ir.instrument.short_title,
			dataStatus: ir.dataStatus,
			dataAsOf: ir.source?.recorded_on ?? null,
			plan: ir.rule.kind === 'non-binding',
			openToIt: eligibility.mayJoin(record, ir, p.code, opts.asOf)
		}));
	return { participant: p, instruments };
}

/** Every event of one participant across instruments, oldest first (its timeline). */
export async function events(db: Db, opts: { code: string }) {
	const record = await records.get(db);
	const out: (EventView & { instrument: string; shortTitle: string })[] = [];
	for (const ir of record.instruments.values()) {
		for (const e of ir.timelines.get(opts.code)?.events ?? []) {
			out.push({ ...e, instrument: ir.instrument.slug, shortTitle: ir.instrument.short_title });
		}
	}
	return out.sort((a, b) => ((a.known ?? '9999') < (b.known ?? '9999') ? -1 : 1));
}
