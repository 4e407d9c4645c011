// Editing the record as a person does it, from a form or from a script: the change is checked
// against the rules (validation.ts), its source is read and, when new, added to the catalogue,
// and the change is written through the one write path (participation.ts) in one transaction
// with that source. The outcome says what was written, or why not, field by field, in words a
// form or an API answer shows as they are. A correction or retraction carries the version it
// was made from: when someone else wrote since, nothing is written and their change is shown.
import { actKindOf, type ActKind, type EventKind } from '../../acts';
import { today as todayUtc } from '../../dates';
import * as audit from '../audit/log';
import { inTransaction, type Db } from '../db';
import * as participation from './participation';
import { WriteError, type ActAttributes, type ActIdentity, type CurrentAct } from './participation';
import * as records from './record';
import * as sources from './catalogue';
import * as validation from './validation';
import type { Field, Finding } from './validation';
import { m } from '$lib/paraglide/messages';
import { instrumentName, stateName } from '$lib/i18n';

/** What a person may say of an act: everything but its source, which is given apart. */
export type Values = Omit<ActAttributes, 'source_id' | 'source_line'>;

/** One version of an act with the audit entry that wrote it: who, when, why, on what source. */
export interface VersionEntry {
	version: number;
	retracted: boolean;
	attributes: ActAttributes;
	reason: string | null;
	revision: number;
	recordedAt: string;
	by: { actor: string; role: string | null; at: string; action: string; sourceId: string | null; summary: string } | null;
}

export interface Conflict {
	/** The version the stale form or request was made from, and what it said. */
	basedOn: number;
	base: ActAttributes | null;
	current: CurrentAct;
	/** What was written since, oldest first. */
	changes: VersionEntry[];
}

export type Outcome =
	| { ok: true; act: CurrentAct; warnings: Finding[]; source: { id: string; added: boolean }; message: string }
	| Refused;

export interface Refused {
	ok: false;
	/** 400: a field to fix, or warnings to confirm; 404: no such act; 409: it changed since it was read. */
	status: 400 | 404 | 409;
	errors: Finding[];
	warnings: Finding[];
	/** Only warnings stand in the way: confirming them saves. */
	needsConfirmation: boolean;
	conflict: Conflict | null;
}

/** Which warnings the person confirmed: all (a script's `confirm: true`), or those a form showed. */
export type Confirmed = boolean | string[];

function refused(status: Refused['status'], errors: Finding[], warnings: Finding[] = [], conflict: Conflict | null = null): Refused {
	return { ok: false, status, errors, warnings, needsConfirmation: false, conflict };
}

function unconfirmed(warnings: Finding[], confirmed: Confirmed): Finding[] {
	if (confirmed === true) return [];
	const said = new Set(confirmed || []);
	return warnings.filter((w) => !said.has(w.message));
}

/** A day given means a day-precision act, without bounds. */
function withDay<T extends Partial<Values>>(v: T): T {
	return v.date ? { ...v, precision: 'day', earliest: null, latest: null } : v;
}

// ——— reading ———

export const find = participation.byId;

/** The act's versions, newest first, each with who wrote it, when and why (from the audit log). */
export async function history(db: Db, act: CurrentAct): Promise<VersionEntry[]> {
	const [versions, entries] = await Promise.all([
		participation.history(db, act),
		audit.list(db, { entity: 'act', entityId: act.id, limit: 1000 })
	]);
	// One entry per version, written in the same revision; oldest first on both sides.
	const byRevision = new Map<number, typeof entries>();
	for (const e of [...entries].reverse()) byRevision.set(e.revision, [...(byRevision.get(e.revision) ?? []), e]);
	return versions
		.map((v) => {
			const e = byRevision.get(v.revision)?.shift();
			const attributes = Object.fromEntries(participation.ATTRIBUTES.map((k) => [k, v[k]])) as ActAttributes;
			return {
				version: v.version,
				retracted: v.retracted === 1,
				attributes,
				reason: v.reason,
				revision: v.revision,
				recordedAt: v.recorded_at,
				by: e ? { actor: e.actor, role: e.role, at: e.at, action: e.action, sourceId: e.source_id, summary: e.summary } : null
			};
		})
		.reverse();
}

/** What changed an act since `basedOn`: its current version and every version after that one. */
export async function conflict(db: Db, act: CurrentAct, basedOn: number): Promise<Conflict> {
	const versions = await history(db, act);
	const since = versions.filter((v) => v.version > basedOn).reverse();
	return { basedOn, base: versions.find((v) => v.version === basedOn)?.attributes ?? null, current: act, changes: since };
}

/** "Germany · ILO C189 Domestic Workers · consent", in the request's language. */
export async function title(db: Db, act: ActIdentity): Promise<string> {
	const record = await records.get(db);
	const p = record.participants.get(act.participant);
	const i = record.instruments.get(act.instrument)?.instrument;
	const who = p ? stateName(p.code, p.name) : act.participant;
	const what = i ? instrumentName(i.slug, i.short_title).text : act.instrument;
	const kind = { signature: m.api_kind_signature, consent: m.api_kind_consent, denunciation: m.api_kind_denunciation, endorsement: m.api_kind_endorsement }[act.kind]();
	return `${who} · ${what} · ${kind}${act.seq > 1 ? ` ${act.seq}` : ''}`;
}

/** Every act of a participant, or of an instrument, by the other side, for the links to edit them. */
export async function actsBy(db: Db, opts: { participant: string } | { instrument: string }): Promise<Record<string, { id: number; event: EventKind; retracted: boolean }[]>> {
	const acts = await participation.current(db, opts);
	const out: Record<string, { id: number; event: EventKind; retracted: boolean }[]> = {};
	for (const a of acts) {
		const key = 'participant' in opts ? a.instrument : a.participant;
		(out[key] ??= []).push({ id: a.id, event: a.attributes.event, retracted: a.retracted });
	}
	return out;
}

// ——— writing ———

/** Maps a refusal of the write path to the field a person fixes. */
function fieldOf(e: WriteError): Field {
	if (['date', 'precision', 'earliest', 'latest', 'recorded_entry_into_force'].includes(e.field)) return 'date';
	if (['event', 'source', 'reason', 'instrument', 'participant', 'basedOn'].includes(e.field)) return e.field as Field;
	return 'act';
}

function fromWriteError(e: WriteError): Refused {
	const message = e.problem === 'unchanged' ? `${e.message.replace(/^[^:]+: /, '')}: change a value, or leave the act as it is.` : e.message;
	return refused(e.problem === 'not-found' && e.field === 'act' ? 404 : 400, [{ field: fieldOf(e), message: message.charAt(0).toUpperCase() + message.slice(1) }]);
}

async function sourceOf(db: Db, text: string) {
	const ref = sources.parseReference(text);
	return { ref, exists: ref ? (await sources.known(db, ref)) !== null : false };
}

/**
 * Records a new act: `values` say its form and date (a day, or bounds with a precision) and
 * what else the source says; `source` is an id, a notification reference or an address.
 */
export async function record(
	db: Db,
	opts: {
		instrument: string;
		participant: string;
		values: Partial<Values> & Pick<Values, 'event'>;
		source: string;
		reason?: string | null;
		actor: audit.Actor;
		confirmed?: Confirmed;
		today?: string;
	}
): Promise<Outcome> {
	const today = opts.today ?? todayUtc();
	const values: Values = withDay({
		event: opts.values.event,
		date: opts.values.date ?? null,
		precision: opts.values.precision ?? 'unknown',
		earliest: opts.values.earliest ?? null,
		latest: opts.values.latest ?? null,
		declarations: opts.values.declarations ?? null,
		territorial_application: opts.values.territorial_application ?? null,
		recorded_entry_into_force: opts.values.recorded_entry_into_force ?? null,
		note: opts.values.note ?? null,
		quality_flag: opts.values.quality_flag ?? null
	});
	const { ref, exists } = await sourceOf(db, opts.source);
	const findings = validation.check(
		await records.get(db),
		{ instrument: opts.instrument, participant: opts.participant, values, source: opts.source, ref, sourceExists: exists, reason: opts.reason },
		{ today, acts: await participation.current(db, { instrument: opts.instrument, participant: opts.participant }) }
	);
	const waiting = unconfirmed(findings.warnings, opts.confirmed ?? false);
	if (findings.errors.length) return refused(400, findings.errors, findings.warnings);
	if (waiting.length) return { ...refused(400, [], findings.warnings), needsConfirmation: true };
	const act: ActIdentity = { instrument: opts.instrument, participant: opts.participant, kind: actKindOf(values.event) as ActKind, seq: findings.seq };
	try {
		return await inTransaction(db, async (trx) => {
			const source = await sources.fromReference(trx, ref!, opts.actor, today);
			await participation.apply(trx, {
				actor: opts.actor,
				writes: [{ op: 'record', act, values: { ...values, source_id: source.id, source_line: null }, reason: opts.reason?.trim() || null }]
			});
			const written = (await participation.find(trx, act))!;
			return { ok: true as const, act: written, warnings: findings.warnings, source, message: m.api_recorded({ act: await title(trx, act), version: validation.describeVersion(written.attributes) }) };
		});
	} catch (e) {
		if (e instanceof WriteError) return fromWriteError(e);
		throw e;
	}
}

/**
 * Corrects an act from the version `basedOn` that the person read: `changes` are the attributes
 * that change (a day given makes it day-precision), `source` says so and `reason` why.
 */
export async function correct(
	db: Db,
	opts: {
		id: number;
		basedOn: number;
		changes: Partial<Values>;
		source: string;
		reason: string;
		actor: audit.Actor;
		confirmed?: Confirmed;
		today?: string;
	}
): Promise<Outcome> {
	const today = opts.today ?? todayUtc();
	const act = await find(db, opts.id);
	if (!act) return refused(404, [{ field: 'act', message: m.api_no_act({ id: String(opts.id) }) }]);
	if (act.version !== opts.basedOn) return stale(db, act, opts.basedOn);
	const changes = withDay(opts.changes);
	const next = { ...act.attributes, ...changes };
	const { ref, exists } = await sourceOf(db, opts.source);
	const findings = validation.check(
		await records.get(db),
		{ instrument: act.instrument, participant: act.participant, values: next, source: opts.source, ref, sourceExists: exists, current: act, reason: opts.reason },
		{ today, acts: await participation.current(db, { instrument: act.instrument, participant: act.participant }) }
	);
	const waiting = unconfirmed(findings.warnings, opts.confirmed ?? false);
	if (findings.errors.length) return refused(400, findings.errors, findings.warnings);
	// The same values on the same source (its line aside, which a person does not give) change nothing.
	const sourceId = ref && (await sources.known(db, ref));
	if (!act.retracted && sourceId === act.attributes.source_id && participation.sameAttributes({ ...next, source_id: sourceId, source_line: act.attributes.source_line }, act.attributes)) {
		return refused(400, [{ field: 'act', message: m.api_correction_unchanged() }]);
	}
	if (waiting.length) return { ...refused(400, [], findings.warnings), needsConfirmation: true };
	try {
		return await inTransaction(db, async (trx) => {
			const source = await sources.fromReference(trx, ref!, opts.actor, today);
			await participation.correct(trx, { act, changes, source: source.id, reason: opts.reason.trim(), actor: opts.actor, basedOn: opts.basedOn });
			const written = (await participation.find(trx, act))!;
			return {
				ok: true as const,
				act: written,
				warnings: findings.warnings,
				source,
				message: m.api_corrected({ act: await title(trx, act), version: validation.describeVersion(written.attributes), number: String(written.version) })
			};
		});
	} catch (e) {
		if (e instanceof WriteError && e.problem === 'conflict') return stale(db, (await find(db, opts.id))!, opts.basedOn);
		if (e instanceof WriteError) return fromWriteError(e);
		throw e;
	}
}

/** Retracts an act read at version `basedOn`: it no longer counts; its versions stay. */
export async function retract(
	db: Db,
	opts: { id: number; basedOn: number; source: string; reason: string; actor: audit.Actor; today?: string }
): Promise<Outcome> {
	const today = opts.today ?? todayUtc();
	const act = await find(db, opts.id);
	if (!act) return refused(404, [{ field: 'act', message: m.api_no_act({ id: String(opts.id) }) }]);
	if (act.version !== opts.basedOn) return stale(db, act, opts.basedOn);
	const errors: Finding[] = [];
	if (act.retracted) errors.push({ field: 'act', message: m.api_retracted_already() });
	const reason = validation.reasonProblem(opts.reason, 'retract');
	if (reason) errors.push({ field: 'reason', message: reason });
	const { ref, exists } = await sourceOf(db, opts.source);
	const ir = (await records.get(db)).instruments.get(act.instrument)!;
	const source = validation.sourceProblem(opts.source, ref, {
		exists,
		instrument: instrumentName(ir.instrument.slug, ir.instrument.short_title).text,
		reference: ir.instrument.reference,
		depositary: ir.instrument.depositary,
		dating: { date: null, earliest: null, latest: null }
	});
	if (source) errors.push({ field: 'source', message: source });
	if (errors.length) return refused(400, errors);
	try {
		return await inTransaction(db, async (trx) => {
			const source = await sources.fromReference(trx, ref!, opts.actor, today);
			await participation.retract(trx, { act, reason: opts.reason.trim(), actor: opts.actor, basedOn: opts.basedOn, source: source.id });
			const written = (await participation.find(trx, act))!;
			return { ok: true as const, act: written, warnings: [], source, message: m.api_retracted({ act: await title(trx, act), number: String(written.version) }) };
		});
	} catch (e) {
		if (e instanceof WriteError && e.problem === 'conflict') return stale(db, (await find(db, opts.id))!, opts.basedOn);
		if (e instanceof WriteError) return fromWriteError(e);
		throw e;
	}
}

async function stale(db: Db, act: CurrentAct, basedOn: number): Promise<Refused> {
	const c = await conflict(db, act, basedOn);
	const last = c.changes.at(-1)?.by;
	const versions = { read: String(basedOn), now: String(act.version) };
	return refused(
		409,
		[
			{
				field: 'basedOn',
				message: last
					? m.api_stale({ ...versions, actor: last.actor, action: last.action, at: last.at.slice(0, 16).replace('T', ' ') })
					: m.api_stale_someone(versions)
			}
		],
		[],
		c
	);
}

// ——— forms ———

/** A form's text field, trimmed; '' when absent. */
export function field(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v.trim() : '';
}

/**
 * A refused form's values as it shows them again, each cut to what its field takes (a code or
 * a date to 100 characters): a 9,000-character mistake is refused, and not sent back whole.
 */
export function refill<T extends Record<string, string>>(values: T): T {
	const max: Record<string, number> = { ...validation.MAX_TEXT, reason: validation.MAX_REASON, source: validation.MAX_SOURCE };
	return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.slice(0, max[k] ?? 100)])) as T;
}

/** The warnings a form confirmed: the ones it showed, when its "record it anyway" box is ticked. */
export function confirmedIn(form: FormData): string[] {
	return form.get('confirm') === 'yes' ? form.getAll('confirmed').map(String) : [];
}

/** What a refused form shows again: a message per field, the pages that help, the warnings to confirm. */
export function shown(outcome: Refused) {
	return {
		errors: validation.byField(outcome.errors) as Record<string, string>,
		links: Object.fromEntries(outcome.errors.filter((f) => f.href).map((f) => [f.field, f.href!])) as Record<string, string>,
		warnings: outcome.warnings,
		needsConfirmation: outcome.needsConfirmation
	};
}
