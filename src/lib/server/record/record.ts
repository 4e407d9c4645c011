// The treaty record in memory: every instrument's current acts turned into per-participant
// timelines with computed entry-into-force dates. Built once per revision of the record and
// cached under it: a write bumps the revision, so the next request sees it.
import type { Db } from '../db';
import type { DataStatus, DatePrecision, EventKind, Instrument, Participant, PublishedTotal, Source } from '../db/schema';
import { isConsentKind, type ActKind, type ConsentKind } from '../../acts';
import * as audit from '../audit/log';
import * as participation from './participation';
import type { CurrentAct } from './participation';
import { formatDate, maxDate, within } from '../../dates';
import { COW_STATE_YEAR } from './participants';
import {
	generalEntryIntoForce,
	parseRule,
	participantEntryIntoForce,
	type Consent,
	type EifRule
} from './rules';

export interface EventView {
	/** The act's id: stable across its corrections. */
	id: number;
	act: ActKind;
	seq: number;
	version: number;
	kind: EventKind;
	date: string | null;
	precision: DatePrecision;
	earliest: string | null;
	latest: string | null;
	/** The date by which the event had certainly happened: `date`, else `latest`. */
	known: string | null;
	declarations: string | null;
	note: string | null;
	qualityFlag: string | null;
	recordedEntryIntoForce: string | null;
	sourceId: string;
	sourceLine: number | null;
	/** When this version was written. */
	recordedAt: string;
	/** For a consent: its entry into force for this participant, exact when computable… */
	entryIntoForce: string | null;
	/** …or the date by which it had certainly entered into force (consent date uncertain). */
	entryIntoForceBy: string | null;
}

export interface Timeline {
	participant: string;
	events: EventView[]; // oldest first
	/**
	 * The newest "as recorded on" date of the sources its acts come from: a partial source (three
	 * pasted rows, a transcription) vouches for its own rows until then, not for the instrument.
	 */
	speaksUntil: string | null;
}

export interface Warning {
	instrument: string;
	participant?: string;
	message: string;
}

export interface InstrumentRecord {
	instrument: Instrument;
	rule: EifRule;
	/**
	 * The status table the record was last brought in from: the newest complete one (a table that
	 * lists every participant the record holds, as a depositary's status page does), or, where
	 * there is none, the newest partial one. Its date is the record's date.
	 */
	source: Source | null;
	/** none: nothing recorded; partial: excerpts, or acts without a status table; complete. */
	dataStatus: DataStatus;
	/** Who may join: members of these groups on the date (null: any State)… */
	openToGroups: string[] | null;
	/** …these participants although not members… */
	openToNamed: string[];
	/** …and a regional economic integration organisation (the EU), where true. */
	openToOrganisations: boolean;
	/** Totals published by the depositary and others, oldest first. */
	published: PublishedTotal[];
	/** Computed from the log when it can be, else as recorded by a source, else null. */
	entryIntoForce: string | null;
	entryIntoForceBasis: 'computed' | 'recorded' | null;
	computedEntryIntoForce: string | null;
	timelines: Map<string, Timeline>;
}

export interface TreatyRecord {
	revision: number;
	instruments: Map<string, InstrumentRecord>;
	participants: Map<string, Participant>;
	sources: Map<string, Source>;
	memberships: Map<string, { code: string; joined: string | null; left: string | null }[]>;
	/**
	 * The day from which each participant with a known start counts as existing: its `since`,
	 * or the day of its first recorded act when that is earlier (acting proves existing: the ILO
	 * registers Croatia's successions on 8 Oct 1991, COW has Croatia from 1992).
	 */
	existsFrom: Map<string, string>;
	warnings: Warning[];
}

const cache = new WeakMap<Db, { revision: number; record: Promise<TreatyRecord> }>();

/** The record at its current revision: built once per revision, whichever process wrote. */
export async function get(db: Db): Promise<TreatyRecord> {
	const revision = await audit.revision(db);
	let entry = cache.get(db);
	if (!entry || entry.revision !== revision) {
		const fresh = { revision, record: build(db, revision) };
		cache.set(db, fresh);
		fresh.record.catch(() => {
			if (cache.get(db) === fresh) cache.delete(db);
		});
		entry = fresh;
	}
	return entry.record;
}

export function isConsent(kind: string): kind is ConsentKind {
	return isConsentKind(kind);
}

/** Is `code` a member of `group` on `date`? Classifications (no dates) always are. */
export function memberOn(record: TreatyRecord, group: string, code: string, date: string): boolean {
	return (record.memberships.get(group) ?? []).some(
		(m) => m.code === code && within(date, m.joined, m.left)
	);
}

/**
 * Did `code` exist (as a State) on `date`? A participant with no known start always did. A State
 * that did not yet exist has not "not joined" anything: lists and maps leave it out.
 */
export function existsOn(record: TreatyRecord, code: string, date: string): boolean {
	const from = record.existsFrom.get(code);
	return !from || from <= date;
}

/** "COW: in system from 2011", said of a State that did not yet exist; null when it always did. */
export function existenceLabel(record: TreatyRecord, code: string): string | null {
	const p = record.participants.get(code);
	if (!p?.since) return null;
	if (p.since_precision === 'year') {
		const year = p.since.slice(0, 4);
		return p.since_source_id === COW_STATE_YEAR ? `COW: in system from ${year}` : `a State from ${year}`;
	}
	return `a State from ${formatDate(p.since)}`;
}

/** The rows the record is built from: the reference tables and the current acts. */
async function read(db: Db) {
	const [instruments, participants, sources, memberships, acts, published] = await Promise.all([
		db.selectFrom('instruments').selectAll().orderBy('sort_order').execute(),
		db.selectFrom('participants').selectAll().orderBy('name').execute(),
		db.selectFrom('sources').selectAll().execute(),
		db.selectFrom('memberships').select(['group_slug', 'participant_code', 'joined', 'left']).execute(),
		participation.current(db),
		db.selectFrom('published_totals').selectAll().orderBy('as_of').orderBy('id').execute()
	]);
	// Status counts current acts, never rows: a superseded version or a retracted act is not one.
	const events = acts.filter((a) => !a.retracted);
	return { instruments, participants, sources, memberships, events, published };
}

type Rows = Awaited<ReturnType<typeof read>>;

/**
 * The record at `revision`: who exists from when and who belongs to which group, then each
 * instrument, parents before children so that a Protocol can wait for its Convention.
 */
async function build(db: Db, revision: number): Promise<TreatyRecord> {
	const rows = await read(db);
	const record: TreatyRecord = {
		revision,
		instruments: new Map(),
		participants: new Map(rows.participants.map((p) => [p.code, p])),
		sources: new Map(rows.sources.map((s) => [s.id, s])),
		memberships: groupMemberships(rows.memberships),
		existsFrom: existence(rows.participants, rows.events),
		warnings: []
	};
	const actsOf = groupBy(rows.events, (e) => e.instrument);
	for (const instrument of parentsFirst(rows.instruments)) {
		record.instruments.set(instrument.slug, instrumentRecord(record, rows, instrument, actsOf.get(instrument.slug) ?? []));
	}
	return record;
}

/** From when each participant with a known start exists: its `since`, or an earlier act (acting proves existing). */
function existence(participants: Participant[], events: CurrentAct[]): Map<string, string> {
	const existsFrom = new Map<string, string>();
	for (const p of participants) if (p.since) existsFrom.set(p.code, p.since);
	for (const e of events) {
		const from = existsFrom.get(e.participant);
		const known = e.attributes.date ?? e.attributes.latest;
		if (from && known && known < from) existsFrom.set(e.participant, known);
	}
	return existsFrom;
}

/** group → its members with the days they joined and left. */
function groupMemberships(rows: Rows['memberships']): TreatyRecord['memberships'] {
	const out: TreatyRecord['memberships'] = new Map();
	for (const m of rows) {
		const list = out.get(m.group_slug) ?? [];
		list.push({ code: m.participant_code, joined: m.joined, left: m.left });
		out.set(m.group_slug, list);
	}
	return out;
}

function groupBy<T>(list: T[], key: (x: T) => string): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const x of list) {
		const k = key(x);
		const l = out.get(k);
		if (l) l.push(x);
		else out.set(k, [x]);
	}
	return out;
}

/** Parents before children, so a Protocol can wait for its Convention. */
function parentsFirst(instruments: Instrument[]): Instrument[] {
	return [...instruments].sort((a, b) => depth(a, instruments) - depth(b, instruments));
}

/** One instrument: its timelines, its entry into force in general and for each participant, and what looks wrong. */
function instrumentRecord(record: TreatyRecord, rows: Rows, instrument: Instrument, acts: CurrentAct[]): InstrumentRecord {
	const rule = parseRule(instrument.eif_rule);
	const timelines = timelinesOf(acts);
	const parent = instrument.parent_slug ? record.instruments.get(instrument.parent_slug) : undefined;
	const { computed, recorded, general } = generalEntry(record, instrument, rule, consentsOf(record, timelines), parent);
	participantEntries(record, instrument, rule, general, timelines, parent);
	prerequisiteWarnings(record, instrument, timelines);
	const source = recordSource(rows.sources, instrument.slug);
	for (const t of timelines.values()) t.speaksUntil = speaksUntil(record, t);
	return {
		instrument,
		rule,
		source,
		dataStatus: !source ? (timelines.size ? 'partial' : 'none') : source.partial ? 'partial' : 'complete',
		openToGroups: instrument.open_to_groups ? (JSON.parse(instrument.open_to_groups) as string[]) : null,
		openToNamed: JSON.parse(instrument.open_to_named) as string[],
		openToOrganisations: instrument.open_to_organisations === 1,
		published: rows.published.filter((p) => p.instrument_slug === instrument.slug),
		entryIntoForce: general,
		entryIntoForceBasis: computed && (!recorded || computed === recorded) ? 'computed' : recorded ? 'recorded' : null,
		computedEntryIntoForce: computed,
		timelines
	};
}

/** Each participant's acts as events, oldest first; entry into force is filled in later. */
function timelinesOf(acts: CurrentAct[]): Map<string, Timeline> {
	const timelines = new Map<string, Timeline>();
	for (const a of acts) {
		const e = a.attributes;
		const t = timelines.get(a.participant) ?? { participant: a.participant, events: [], speaksUntil: null };
		t.events.push({
			id: a.id,
			act: a.kind,
			seq: a.seq,
			version: a.version,
			kind: e.event,
			date: e.date,
			precision: e.precision,
			earliest: e.earliest,
			latest: e.latest,
			known: e.date ?? e.latest,
			declarations: e.declarations,
			note: e.note,
			qualityFlag: e.quality_flag,
			recordedEntryIntoForce: e.recorded_entry_into_force,
			sourceId: e.source_id,
			sourceLine: e.source_line,
			recordedAt: a.recordedAt,
			entryIntoForce: null,
			entryIntoForceBy: null
		});
		timelines.set(a.participant, t);
	}
	for (const t of timelines.values()) t.events.sort(byKnownDate);
	return timelines;
}

/** Every consent to be bound, as the entry-into-force rules count them. */
function consentsOf(record: TreatyRecord, timelines: Map<string, Timeline>): Consent[] {
	const consents: Consent[] = [];
	for (const t of timelines.values()) {
		for (const e of t.events) {
			if (!isConsent(e.kind)) continue;
			consents.push({
				participant: t.participant,
				isState: record.participants.get(t.participant)?.kind === 'state',
				date: e.date,
				latest: e.known
			});
		}
	}
	return consents;
}

/**
 * The instrument's entry into force: computed from the consents (not before its parent's where
 * the rule says so), and recorded by its depositary. A depositary's published date wins over a
 * computation from an incomplete table (the 1949 Convention's table lists successor States, not
 * the 1950-51 instruments); the disagreement stays visible as a data warning.
 */
function generalEntry(record: TreatyRecord, instrument: Instrument, rule: EifRule, consents: Consent[], parent: InstrumentRecord | undefined) {
	let computed = generalEntryIntoForce(rule, consents, {
		isMember: (group, code, date) => memberOn(record, group, code, date)
	});
	if (computed && parent?.entryIntoForce && rule.kind === 'deposit-count' && rule.notBeforeParent) {
		computed = maxDate(computed, parent.entryIntoForce);
	}
	const recorded = instrument.recorded_entry_into_force;
	if (computed && recorded && computed !== recorded) {
		record.warnings.push({
			instrument: instrument.slug,
			message: `the record computes entry into force on ${computed}, but the depositary's published date is ${recorded}; the published date is used`
		});
	}
	return { computed, recorded, general: recorded ?? computed };
}

/**
 * Each consent's entry into force for its participant (exact, or the date by which it certainly
 * was), not before the participant's own to the parent where the rule says so; a date the
 * source states where the log alone could only bound it; warnings where they disagree.
 */
function participantEntries(
	record: TreatyRecord,
	instrument: Instrument,
	rule: EifRule,
	general: string | null,
	timelines: Map<string, Timeline>,
	parent: InstrumentRecord | undefined
) {
	for (const t of timelines.values()) {
		const parentTimeline = parent?.timelines.get(t.participant);
		for (const e of t.events) {
			if (!isConsent(e.kind)) continue;
			e.entryIntoForce = e.date ? participantEntryIntoForce(rule, general, e.date) : null;
			e.entryIntoForceBy = e.entryIntoForce ?? (e.known ? participantEntryIntoForce(rule, general, e.known) : null);
			if (!e.date && e.recordedEntryIntoForce) {
				// The source states the date; the log alone could only bound it.
				e.entryIntoForce = e.recordedEntryIntoForce;
				e.entryIntoForceBy = e.recordedEntryIntoForce;
			}
			if (parentTimeline && rule.kind === 'deposit-count' && rule.notBeforeParent) {
				const p = lastConsent(parentTimeline, '9999-12-31');
				if (p?.entryIntoForce && e.entryIntoForce) e.entryIntoForce = maxDate(e.entryIntoForce, p.entryIntoForce);
				if (p?.entryIntoForceBy && e.entryIntoForceBy) e.entryIntoForceBy = maxDate(e.entryIntoForceBy, p.entryIntoForceBy);
			}
			if (e.date && e.recordedEntryIntoForce && e.entryIntoForce && e.recordedEntryIntoForce !== e.entryIntoForce) {
				record.warnings.push({
					instrument: instrument.slug,
					participant: t.participant,
					message: `computed entry into force ${e.entryIntoForce} differs from the ${e.recordedEntryIntoForce} recorded by the source`
				});
			}
			if (e.qualityFlag) {
				record.warnings.push({ instrument: instrument.slug, participant: t.participant, message: e.qualityFlag });
			}
		}
	}
}

/** A consent recorded without one to the instrument's prerequisite (art. 37: a Protocol needs the Convention). */
function prerequisiteWarnings(record: TreatyRecord, instrument: Instrument, timelines: Map<string, Timeline>) {
	if (!instrument.prerequisite_slug) return;
	const pre = record.instruments.get(instrument.prerequisite_slug);
	for (const t of timelines.values()) {
		const c = lastConsent(t, '9999-12-31');
		if (!c?.known) continue;
		const pc = pre?.timelines.get(t.participant);
		const p = pc && lastConsent(pc, '9999-12-31');
		if (!p) {
			const preRecorded = pre?.source?.recorded_on;
			const stale = preRecorded && preRecorded < c.known;
			record.warnings.push({
				instrument: instrument.slug,
				participant: t.participant,
				message:
					`consent recorded (${c.known}), but no consent to the prerequisite ${instrument.prerequisite_slug} is in the record` +
					(stale ? `; the ${instrument.prerequisite_slug} record ends on ${preRecorded}, before this consent, so it probably lacks a later one` : '')
			});
		}
	}
}

/**
 * The status table that dates an instrument's record: the newest complete one (by its "as
 * recorded on" date); a partial one (a transcription, a few rows pasted) only where no complete
 * one exists — a partial source vouches for its own rows, not for the instrument.
 */
function recordSource(sources: Source[], slug: string): Source | null {
	const tables = sources.filter((s) => s.table_of === slug);
	tables.sort((a, b) => (a.recorded_on ?? '').localeCompare(b.recorded_on ?? '') || a.id.localeCompare(b.id));
	return tables.filter((s) => !s.partial).at(-1) ?? tables.at(-1) ?? null;
}

/** The newest date the sources of a participant's acts speak for. */
function speaksUntil(record: TreatyRecord, t: Timeline): string | null {
	let until: string | null = null;
	for (const e of t.events) {
		const on = record.sources.get(e.sourceId)?.recorded_on ?? null;
		if (on && (!until || on > until)) until = on;
	}
	return until;
}

function depth(i: Instrument, all: Instrument[]): number {
	let d = 0;
	let p = i.parent_slug;
	while (p) {
		d++;
		p = all.find((x) => x.slug === p)?.parent_slug ?? null;
	}
	return d;
}

function byKnownDate(a: EventView, b: EventView): number {
	const x = a.known ?? '9999';
	const y = b.known ?? '9999';
	return x < y ? -1 : x > y ? 1 : a.id - b.id;
}

/** The participant's most recent consent known to have happened by `date`. */
export function lastConsent(t: Timeline, date: string): EventView | undefined {
	let found: EventView | undefined;
	for (const e of t.events) if (isConsent(e.kind) && e.known && e.known <= date) found = e;
	return found;
}

export function lastOf(t: Timeline, kind: EventKind, date: string): EventView | undefined {
	let found: EventView | undefined;
	for (const e of t.events) if (e.kind === kind && e.known && e.known <= date) found = e;
	return found;
}
