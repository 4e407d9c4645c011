// Building the in-memory record (record.ts says what it is): from the database's rows at once
// (`build`), or from the record before a write and the acts that write changed (`update`) — the
// timelines of one instrument × participant replaced, the instruments they touch (and those
// whose entry into force or warnings follow them: a Protocol and its Convention) made again,
// every other instrument's record shared with the record before. The property test of the
// write path (tests/unit/participation.property.test.ts) holds an updated record to one built
// from scratch.
import type { Db } from '../db';
import type { EventKind, Instrument, Participant, Source } from '../db/schema';
import { isConsentKind, type ConsentKind } from '../../acts';
import * as participation from './participation';
import type { CurrentAct } from './participation';
import { maxDate, within } from '../../dates';
import {
	generalEntryIntoForce,
	parseRule,
	participantEntryIntoForce,
	type Consent,
	type EifRule
} from './rules';
import type { EventView, InstrumentRecord, Timeline, TreatyRecord, Warning } from './record';
import { m } from '$lib/paraglide/messages';

export function isConsent(kind: string): kind is ConsentKind {
	return isConsentKind(kind);
}

/** Is `code` a member of `group` on `date`? Classifications (no dates) always are. */
export function memberOn(record: TreatyRecord, group: string, code: string, date: string): boolean {
	return (record.memberships.get(group) ?? []).some(
		(member) => member.code === code && within(date, member.joined, member.left)
	);
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

export type Rows = Awaited<ReturnType<typeof read>>;

/**
 * The record at `revision`: who exists from when and who belongs to which group, then each
 * instrument, parents before children so that a Protocol can wait for its Convention.
 */
export async function build(db: Db, revision: number): Promise<Built> {
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
	const acts = new Map<string, Map<number, CurrentAct>>(rows.instruments.map((i) => [i.slug, new Map()]));
	for (const e of rows.events) acts.get(e.instrument)?.set(e.id, e);
	const built: Built = { record, rows, order: parentsFirst(rows.instruments), acts, warnings: new Map() };
	for (const instrument of built.order) make(built, instrument);
	record.warnings = built.order.flatMap((i) => built.warnings.get(i.slug) ?? []);
	return built;
}

/**
 * The record as it was built, with what an update needs to make part of it again: the rows it
 * was read from, the instruments parents first, each instrument's current acts by id and the
 * warnings each instrument raised.
 */
export interface Built {
	record: TreatyRecord;
	rows: Rows;
	order: Instrument[];
	acts: Map<string, Map<number, CurrentAct>>;
	warnings: Map<string, Warning[]>;
}

/** What an update changed, as the pages read it. */
export interface Changed {
	/** Instruments whose record changed in any way (an act's note included). */
	instruments: Set<string>;
	/** Instruments whose statuses, dates or entries into force changed: what maps, counts and lists show. */
	statuses: Set<string>;
	/** Participants whose acts changed. */
	participants: Set<string>;
	/** Who exists from when changed (an act earlier than a State's known start). */
	existence: boolean;
}

/**
 * The record after `ids` (acts) changed, made from `before` at `revision`: those acts read
 * again, the instruments they belong to made again — and those that follow one of them (it is
 * their parent or prerequisite) when its statuses changed —, the rest shared with `before`.
 * `before` is left as it was: a page being rendered from it keeps reading it.
 */
export async function update(db: Db, before: Built, revision: number, ids: number[]): Promise<{ built: Built; changed: Changed }> {
	const fresh = await participation.currentOf(db, ids);
	const acts = new Map(before.acts);
	const changed: Changed = { instruments: new Set(), statuses: new Set(), participants: new Set(), existence: false };
	for (const a of fresh) {
		const mine = new Map(acts.get(a.instrument) ?? []);
		if (a.retracted) mine.delete(a.id);
		else mine.set(a.id, a);
		acts.set(a.instrument, mine);
		changed.instruments.add(a.instrument);
		changed.participants.add(a.participant);
	}
	const events = [...acts.values()].flatMap((byId) => [...byId.values()]);
	const existsFrom = existence(before.rows.participants, events);
	changed.existence = !sameMap(before.record.existsFrom, existsFrom);
	const record: TreatyRecord = {
		...before.record,
		revision,
		instruments: new Map(before.record.instruments),
		// the same map when nothing moved, as every other part an update leaves
		existsFrom: changed.existence ? existsFrom : before.record.existsFrom,
		warnings: []
	};
	const built: Built = { ...before, record, acts, warnings: new Map(before.warnings) };
	// Parents first: an instrument whose acts changed is made again; one that follows another
	// (its Convention, its prerequisite) only when that one's statuses changed — a note on a UNTOC
	// act leaves the Protocols as they were.
	for (const instrument of built.order) {
		const follows = [instrument.parent_slug, instrument.prerequisite_slug].some((p) => p && changed.statuses.has(p));
		if (!changed.instruments.has(instrument.slug) && !follows) continue;
		make(built, instrument);
		const was = before.record.instruments.get(instrument.slug);
		const now = record.instruments.get(instrument.slug)!;
		if (!was || statusKey(was) !== statusKey(now)) changed.statuses.add(instrument.slug);
		if (!changed.instruments.has(instrument.slug) && (changed.statuses.has(instrument.slug) || JSON.stringify(before.warnings.get(instrument.slug)) !== JSON.stringify(built.warnings.get(instrument.slug)))) {
			changed.instruments.add(instrument.slug);
		}
	}
	record.warnings = built.order.flatMap((i) => built.warnings.get(i.slug) ?? []);
	return { built, changed };
}

/** One instrument's record made (again) from its current acts, oldest act first, with its warnings. */
function make(built: Built, instrument: Instrument): void {
	const warnings: Warning[] = [];
	const acts = [...(built.acts.get(instrument.slug)?.values() ?? [])].sort((a, b) => a.id - b.id);
	built.record.instruments.set(instrument.slug, instrumentRecord(built.record, built.rows, instrument, acts, warnings));
	built.warnings.set(instrument.slug, warnings);
}

/**
 * What the status of an instrument's participants is made of: each event's kind and dates and
 * its entry into force, the instrument's own entry into force and the table that dates it.
 * Equal keys: every status, count and date on every day is the same (a note may differ).
 */
export function statusKey(ir: InstrumentRecord): string {
	// made once per instrument record: the next update compares against it again
	let key = statusKeys.get(ir);
	if (key === undefined) statusKeys.set(ir, (key = makeStatusKey(ir)));
	return key;
}

const statusKeys = new WeakMap<InstrumentRecord, string>();

function makeStatusKey(ir: InstrumentRecord): string {
	const parts: unknown[] = [ir.entryIntoForce, ir.entryIntoForceBasis, ir.computedEntryIntoForce, ir.dataStatus, ir.source?.id ?? null];
	for (const t of [...ir.timelines.values()].sort((a, b) => (a.participant < b.participant ? -1 : 1))) {
		parts.push(t.participant, t.speaksUntil);
		for (const e of t.events) parts.push([e.id, e.kind, e.date, e.precision, e.earliest, e.latest, e.entryIntoForce, e.entryIntoForceBy, e.sourceId]);
	}
	return JSON.stringify(parts);
}

function sameMap<K, V>(a: Map<K, V>, b: Map<K, V>): boolean {
	if (a.size !== b.size) return false;
	for (const [k, v] of a) if (b.get(k) !== v) return false;
	return true;
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
	for (const row of rows) {
		const list = out.get(row.group_slug) ?? [];
		list.push({ code: row.participant_code, joined: row.joined, left: row.left });
		out.set(row.group_slug, list);
	}
	return out;
}

/** Parents before children, so a Protocol can wait for its Convention. */
function parentsFirst(instruments: Instrument[]): Instrument[] {
	return [...instruments].sort((a, b) => depth(a, instruments) - depth(b, instruments));
}

/** One instrument: its timelines, its entry into force in general and for each participant, and what looks wrong. */
function instrumentRecord(record: TreatyRecord, rows: Rows, instrument: Instrument, acts: CurrentAct[], warnings: Warning[]): InstrumentRecord {
	const rule = parseRule(instrument.eif_rule);
	const timelines = timelinesOf(acts);
	const parent = instrument.parent_slug ? record.instruments.get(instrument.parent_slug) : undefined;
	const { computed, recorded, general } = generalEntry(record, instrument, rule, consentsOf(record, timelines), parent, warnings);
	participantEntries(record, instrument, rule, general, timelines, parent, warnings);
	prerequisiteWarnings(record, instrument, timelines, warnings);
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
function generalEntry(record: TreatyRecord, instrument: Instrument, rule: EifRule, consents: Consent[], parent: InstrumentRecord | undefined, warnings: Warning[]) {
	let computed = generalEntryIntoForce(rule, consents, {
		isMember: (group, code, date) => memberOn(record, group, code, date)
	});
	if (computed && parent?.entryIntoForce && rule.kind === 'deposit-count' && rule.notBeforeParent) {
		computed = maxDate(computed, parent.entryIntoForce);
	}
	const recorded = instrument.recorded_entry_into_force;
	if (computed && recorded && computed !== recorded) {
		warnings.push(worded({ instrument: instrument.slug }, () => m.api_warning_general_eif({ computed, recorded })));
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
	parent: InstrumentRecord | undefined,
	warnings: Warning[]
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
				const said = { computed: e.entryIntoForce, recorded: e.recordedEntryIntoForce };
				warnings.push(worded({ instrument: instrument.slug, participant: t.participant }, () => m.api_warning_eif(said)));
			}
			if (e.qualityFlag) {
				warnings.push({ instrument: instrument.slug, participant: t.participant, message: e.qualityFlag });
			}
		}
	}
}

/**
 * A warning whose message is worded when it is read, in the language of the request reading it:
 * the record is built once and shared by every request, whatever its language.
 */
function worded(w: Omit<Warning, 'message'>, message: () => string): Warning {
	return Object.defineProperty(w, 'message', { get: message, enumerable: true }) as Warning;
}

/** A consent recorded without one to the instrument's prerequisite (art. 37: a Protocol needs the Convention). */
function prerequisiteWarnings(record: TreatyRecord, instrument: Instrument, timelines: Map<string, Timeline>, warnings: Warning[]) {
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
			const said = { date: c.known, prerequisite: instrument.prerequisite_slug };
			warnings.push(
				worded({ instrument: instrument.slug, participant: t.participant }, () =>
					stale ? m.api_warning_no_prerequisite_stale({ ...said, ended: preRecorded ?? '' }) : m.api_warning_no_prerequisite(said)
				)
			);
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
