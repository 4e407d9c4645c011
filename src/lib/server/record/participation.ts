// The one module that writes participation acts. An act is identified by what it is —
// instrument, participant, kind of act, and a sequence where an act truly repeats — never by
// its date or its source; those are attributes of its versions. Recording creates an act and
// its first version; a correction appends a version that supersedes the current one; a
// retraction appends a retracted version with its reason. Versions are append-only (the
// database refuses UPDATE and DELETE), and every write happens in one transaction with its
// audit entry and a new revision of the record. No other code writes acts.
import { actKindOf, isEventKind, DATE_PRECISIONS, type ActKind } from '../../acts';
import { isIsoDate } from '../../dates';
import * as audit from '../audit/log';
import { insertMany, inTransaction, type Db, type Trx } from '../db';
import type { ActVersion } from '../db/schema';

export interface ActIdentity {
	instrument: string;
	participant: string;
	kind: ActKind;
	/** 1 unless the act repeats (a second consent after a denunciation). */
	seq: number;
}

/** What a version says of an act: every attribute, in the order the audit entries list them. */
export const ATTRIBUTES = [
	'event',
	'date',
	'precision',
	'earliest',
	'latest',
	'declarations',
	'territorial_application',
	'recorded_entry_into_force',
	'note',
	'quality_flag',
	'source_id',
	'source_line'
] as const satisfies readonly (keyof ActVersion)[];

export type ActAttributes = Pick<ActVersion, (typeof ATTRIBUTES)[number]>;

/** An act as it stands: its identity and its current version. */
export interface CurrentAct extends ActIdentity {
	id: number;
	version: number;
	retracted: boolean;
	/** Why the current version was written, for a correction or a retraction. */
	reason: string | null;
	revision: number;
	recordedAt: string;
	attributes: ActAttributes;
}

export type Write =
	| { op: 'record'; act: ActIdentity; values: ActAttributes; reason?: string | null }
	| {
			op: 'correct';
			act: ActIdentity;
			/** The version the change was made from: another write since is a conflict. */
			basedOn?: number;
			values: ActAttributes;
			reason: string;
	  }
	| { op: 'retract'; act: ActIdentity; basedOn?: number; reason: string; source_id?: string };

/** A write refused, naming the field at fault. Nothing of its transaction is kept. */
export class WriteError extends Error {
	constructor(
		readonly field: string,
		message: string,
		readonly problem: 'invalid' | 'not-found' | 'duplicate' | 'conflict' | 'unchanged' = 'invalid'
	) {
		super(`${field}: ${message}`);
		this.name = 'WriteError';
	}
}

export function identityKey(a: ActIdentity): string {
	return `${a.instrument}|${a.participant}|${a.kind}|${a.seq}`;
}

/** "COL · untoc · consent", with the sequence when it is not the first. */
export function describe(a: ActIdentity): string {
	return `${a.participant} · ${a.instrument} · ${a.kind}${a.seq > 1 ? ` ${a.seq}` : ''}`;
}

function when(v: ActAttributes): string {
	if (v.date) return v.date;
	if (v.earliest && v.latest) return `${v.earliest}..${v.latest}`;
	return v.latest ? `by ${v.latest}` : 'date unknown';
}

/** Do two versions say the same of the act? */
export function sameAttributes(a: ActAttributes, b: ActAttributes): boolean {
	return ATTRIBUTES.every((k) => a[k] === b[k]);
}

/** The attributes as plain data: the audit entry's before and after. */
function snapshot(v: ActAttributes, retracted = false) {
	const out: Record<string, unknown> = {};
	for (const k of ATTRIBUTES) out[k] = v[k];
	if (retracted) out.retracted = true;
	return out;
}

// ——— reading ———

/**
 * Every act with its current version, retracted ones included (`retracted: true`), optionally
 * of one instrument or one participant.
 */
export async function current(db: Db, opts: { instrument?: string; participant?: string } = {}): Promise<CurrentAct[]> {
	if (!opts.instrument && !opts.participant) return everyCurrent(db);
	let q = db
		.selectFrom('current_acts')
		.select([
			'act_id', 'instrument_slug', 'participant_code', 'act', 'seq', 'version', 'retracted', 'reason', 'revision', 'recorded_at',
			...ATTRIBUTES
		])
		.orderBy('act_id');
	if (opts.instrument) q = q.where('instrument_slug', '=', opts.instrument);
	if (opts.participant) q = q.where('participant_code', '=', opts.participant);
	const rows = await q.execute();
	return rows.map((r) => toCurrent({ id: r.act_id, instrument_slug: r.instrument_slug, participant_code: r.participant_code, kind: r.act, seq: r.seq }, r));
}

/** The current version of each of the acts `ids` (an update of the in-memory record: record/build). */
export async function currentOf(db: Db, ids: number[]): Promise<CurrentAct[]> {
	const out: CurrentAct[] = [];
	// in slices: SQLite binds at most 32,766 values, and an update is rarely more than a few
	for (let i = 0; i < ids.length; i += 500) {
		const rows = await db
			.selectFrom('current_acts')
			.select([
				'act_id', 'instrument_slug', 'participant_code', 'act', 'seq', 'version', 'retracted', 'reason', 'revision', 'recorded_at',
				...ATTRIBUTES
			])
			.where('act_id', 'in', ids.slice(i, i + 500))
			.orderBy('act_id')
			.execute();
		for (const r of rows) out.push(toCurrent({ id: r.act_id, instrument_slug: r.instrument_slug, participant_code: r.participant_code, kind: r.act, seq: r.seq }, r));
	}
	return out;
}

/**
 * The whole record, as the status engine reads it on every new revision: the acts and their
 * versions in two plain scans, the last version of each act kept (a correlated "latest
 * version" per act, or one joined scan, costs more).
 */
async function everyCurrent(db: Db): Promise<CurrentAct[]> {
	const [acts, versions] = await Promise.all([
		db.selectFrom('acts').select(['id', 'instrument_slug', 'participant_code', 'kind', 'seq']).orderBy('id').execute(),
		db
			.selectFrom('act_versions')
			.select(['act_id', 'version', 'retracted', 'reason', 'revision', 'recorded_at', ...ATTRIBUTES])
			.orderBy('act_id')
			.orderBy('version')
			.execute()
	]);
	const latest = new Map<number, (typeof versions)[number]>();
	for (const v of versions) latest.set(v.act_id, v);
	return acts.map((a) => toCurrent(a, latest.get(a.id)!));
}

type VersionRow = ActAttributes & Pick<ActVersion, 'version' | 'retracted' | 'reason' | 'revision' | 'recorded_at'>;

function toCurrent(a: { id: number; instrument_slug: string; participant_code: string; kind: ActKind; seq: number }, r: VersionRow): CurrentAct {
	return {
		id: a.id,
		instrument: a.instrument_slug,
		participant: a.participant_code,
		kind: a.kind,
		seq: a.seq,
		version: r.version,
		retracted: r.retracted === 1,
		reason: r.reason,
		revision: r.revision,
		recordedAt: r.recorded_at,
		attributes: {
			event: r.event, date: r.date, precision: r.precision, earliest: r.earliest, latest: r.latest,
			declarations: r.declarations, territorial_application: r.territorial_application,
			recorded_entry_into_force: r.recorded_entry_into_force, note: r.note, quality_flag: r.quality_flag,
			source_id: r.source_id, source_line: r.source_line
		}
	};
}

/** One act by its identity, with its current version; undefined when never recorded. */
export async function find(db: Db, act: ActIdentity): Promise<CurrentAct | undefined> {
	const all = await current(db, { instrument: act.instrument, participant: act.participant });
	return all.find((a) => a.kind === act.kind && a.seq === act.seq);
}

/** One act by its id, with its current version; undefined when there is no such act. */
export async function byId(db: Db, id: number): Promise<CurrentAct | undefined> {
	const row = await db.selectFrom('acts').select(['instrument_slug', 'participant_code', 'kind', 'seq']).where('id', '=', id).executeTakeFirst();
	return row && find(db, { instrument: row.instrument_slug, participant: row.participant_code, kind: row.kind, seq: row.seq });
}

/** Every version of an act, oldest first. */
export async function history(db: Db, act: ActIdentity) {
	return db
		.selectFrom('acts as a')
		.innerJoin('act_versions as v', 'v.act_id', 'a.id')
		.selectAll('v')
		.where('a.instrument_slug', '=', act.instrument)
		.where('a.participant_code', '=', act.participant)
		.where('a.kind', '=', act.kind)
		.where('a.seq', '=', act.seq)
		.orderBy('v.version')
		.execute();
}

// ——— writing ———

/** Records a new act. */
export function record(db: Db, opts: { act: ActIdentity; values: ActAttributes; actor: audit.Actor | string }) {
	return apply(db, { actor: opts.actor, writes: [{ op: 'record', act: opts.act, values: opts.values }] });
}

/** Corrects an act: the changed attributes and the source that says so, with a reason. */
export async function correct(
	db: Db,
	opts: { act: ActIdentity; changes: Partial<ActAttributes>; source: string; reason: string; actor: audit.Actor | string; basedOn?: number }
) {
	return inTransaction(db, async (trx) => {
		const was = await find(trx, opts.act);
		if (!was) throw new WriteError('act', `${describe(opts.act)} is not in the record`, 'not-found');
		const values = { ...was.attributes, source_line: null, ...opts.changes, source_id: opts.source };
		return apply(trx, { actor: opts.actor, writes: [{ op: 'correct', act: opts.act, basedOn: opts.basedOn ?? was.version, values, reason: opts.reason }] });
	});
}

/** Retracts an act, with the reason: it no longer counts, and its versions stay. */
export function retract(db: Db, opts: { act: ActIdentity; reason: string; actor: audit.Actor | string; basedOn?: number; source?: string }) {
	return apply(db, {
		actor: opts.actor,
		writes: [{ op: 'retract', act: opts.act, basedOn: opts.basedOn, reason: opts.reason, source_id: opts.source }]
	});
}


/**
 * Applies writes in one transaction (the caller's, when `db` is one): one new revision, one
 * version and one audit entry per write. Any refused write refuses them all.
 */
/** Up to this many (instrument, participant) pairs, a change reads their acts one pair at a time. */
const PAIRS_READ_ONE_BY_ONE = 20;

export async function apply(db: Db, opts: { actor: audit.Actor | string; writes: Write[] }): Promise<{ revision: number | null; written: number }> {
	if (!audit.actorLabel(opts.actor).trim()) throw new WriteError('actor', 'every change says who made it');
	if (opts.writes.length === 0) return { revision: null, written: 0 };
	return inTransaction(db, async (trx) => {
		const revision = await audit.bump(trx);
		const known = await references(trx);
		const existing = new Map<string, CurrentAct>();
		// the acts the writes name, as they stand: a participant's acts on an instrument for a few
		// writes (a correction), the whole instrument's for many (an import)
		const pairs = new Map(opts.writes.map((w) => [`${w.act.instrument}|${w.act.participant}`, w.act]));
		const reads =
			pairs.size <= PAIRS_READ_ONE_BY_ONE
				? [...pairs.values()].map((a) => ({ instrument: a.instrument, participant: a.participant }))
				: [...new Set(opts.writes.map((w) => w.act.instrument))].map((instrument) => ({ instrument }));
		for (const read of reads) {
			for (const a of await current(trx, read)) existing.set(identityKey(a), a);
		}

		const fresh: { key: string; act: ActIdentity }[] = [];
		const versions: { key: string; version: number; retracted: boolean; values: ActAttributes; reason: string | null }[] = [];
		const entries: (Omit<audit.Entry<'act'>, 'entityId'> & { key: string })[] = [];
		// Writes apply in order: an act recorded and retracted in one change gets two versions.
		const after = (key: string, act: ActIdentity, version: number, attributes: ActAttributes, retracted: boolean, reason: string | null) =>
			existing.set(key, {
				instrument: act.instrument, participant: act.participant, kind: act.kind, seq: act.seq,
				id: existing.get(key)?.id ?? 0, version, retracted, reason, revision, recordedAt: '', attributes
			});

		for (const w of opts.writes) {
			const key = identityKey(w.act);
			checkIdentity(w.act, known);
			const was = existing.get(key);
			if (w.op === 'record') {
				checkAttributes(w.act, w.values, known);
				if (was) {
					throw new WriteError(
						'act',
						`${describe(w.act)} is already in the record (${when(was.attributes)}${was.retracted ? ', retracted' : ''}); correct it instead`,
						'duplicate'
					);
				}
				fresh.push({ key, act: w.act });
				versions.push({ key, version: 1, retracted: false, values: w.values, reason: w.reason ?? null });
				after(key, w.act, 1, w.values, false, w.reason ?? null);
				entries.push({
					key, actor: opts.actor, action: 'record', entity: 'act', summary: `${describe(w.act)}: ${w.values.event} ${when(w.values)}`,
					before: null, after: snapshot(w.values), sourceId: w.values.source_id, reason: w.reason ?? null
				});
				continue;
			}
			if (!was) throw new WriteError('act', `${describe(w.act)} is not in the record`, 'not-found');
			if (w.basedOn !== undefined && w.basedOn !== was.version) {
				throw new WriteError(
					'basedOn',
					`${describe(w.act)} has changed since version ${w.basedOn} was read (it is at version ${was.version}); reload it and decide again`,
					'conflict'
				);
			}
			if (!w.reason?.trim()) throw new WriteError('reason', `a ${w.op === 'correct' ? 'correction' : 'retraction'} needs a reason`);
			if (w.op === 'correct') {
				checkAttributes(w.act, w.values, known);
				if (!was.retracted && sameAttributes(was.attributes, w.values)) {
					throw new WriteError('act', `${describe(w.act)}: the correction changes nothing`, 'unchanged');
				}
				versions.push({ key, version: was.version + 1, retracted: false, values: w.values, reason: w.reason });
				after(key, w.act, was.version + 1, w.values, false, w.reason);
				entries.push({
					key, actor: opts.actor, action: 'correct', entity: 'act',
					summary: `${describe(w.act)}: ${was.attributes.event} ${when(was.attributes)} → ${w.values.event} ${when(w.values)}`,
					before: snapshot(was.attributes, was.retracted), after: snapshot(w.values), sourceId: w.values.source_id, reason: w.reason
				});
			} else {
				if (was.retracted) throw new WriteError('act', `${describe(w.act)} is already retracted`, 'unchanged');
				const values = { ...was.attributes, ...(w.source_id ? { source_id: w.source_id, source_line: null } : {}) };
				if (!known.sources.has(values.source_id)) throw new WriteError('source', `there is no source "${values.source_id}"`, 'not-found');
				versions.push({ key, version: was.version + 1, retracted: true, values, reason: w.reason });
				after(key, w.act, was.version + 1, values, true, w.reason);
				entries.push({
					key, actor: opts.actor, action: 'retract', entity: 'act', summary: `${describe(w.act)}: retracted`,
					before: snapshot(was.attributes), after: snapshot(values, true), sourceId: values.source_id, reason: w.reason
				});
			}
		}

		const ids = new Map<string, number>([...existing].filter(([, a]) => a.id).map(([k, a]) => [k, a.id]));
		const inserted = await insertMany(
			trx,
			'acts',
			fresh.map(({ act }) => ({ instrument_slug: act.instrument, participant_code: act.participant, kind: act.kind, seq: act.seq, revision }))
		);
		fresh.forEach(({ key }, i) => ids.set(key, inserted[i]));
		await insertMany(
			trx,
			'act_versions',
			versions.map((v) => {
				const row: Record<string, unknown> = { act_id: ids.get(v.key)!, version: v.version, retracted: v.retracted ? 1 : 0, reason: v.reason, revision };
				for (const k of ATTRIBUTES) row[k] = v.values[k];
				return row;
			})
		);
		await audit.write(trx, entries.map(({ key, ...e }) => ({ ...e, entityId: ids.get(key)! })));
		return { revision, written: opts.writes.length };
	});
}

interface Known {
	instruments: Map<string, { adopted: string | null }>;
	participants: Set<string>;
	sources: Set<string>;
}

async function references(trx: Trx): Promise<Known> {
	const [instruments, participants, sources] = await Promise.all([
		trx.selectFrom('instruments').select(['slug', 'adopted']).execute(),
		trx.selectFrom('participants').select('code').execute(),
		trx.selectFrom('sources').select('id').execute()
	]);
	return {
		instruments: new Map(instruments.map((i) => [i.slug, { adopted: i.adopted }])),
		participants: new Set(participants.map((p) => p.code)),
		sources: new Set(sources.map((s) => s.id))
	};
}

function checkIdentity(act: ActIdentity, known: Known): void {
	if (!known.instruments.has(act.instrument)) throw new WriteError('instrument', `there is no instrument "${act.instrument}"`, 'not-found');
	if (!known.participants.has(act.participant)) throw new WriteError('participant', `there is no participant "${act.participant}"`, 'not-found');
	if (!Number.isInteger(act.seq) || act.seq < 1) throw new WriteError('seq', `must be a whole number from 1, not ${act.seq}`);
}

/** What any version must say to be a version at all; the editing screens add their own checks. */
function checkAttributes(act: ActIdentity, v: ActAttributes, known: Known): void {
	const label = describe(act);
	if (!isEventKind(v.event)) throw new WriteError('event', `${label}: "${v.event}" is not a kind of act`);
	if (actKindOf(v.event) !== act.kind) throw new WriteError('event', `${label}: a ${v.event} is not a ${act.kind}`);
	if (!(DATE_PRECISIONS as readonly string[]).includes(v.precision)) throw new WriteError('precision', `${label}: "${v.precision}" is not a precision`);
	for (const field of ['date', 'earliest', 'latest', 'recorded_entry_into_force'] as const) {
		const d = v[field];
		if (d !== null && !isIsoDate(d)) throw new WriteError(field, `${label}: "${d}" is not a date (YYYY-MM-DD)`);
	}
	if (v.precision === 'day' && !v.date) throw new WriteError('date', `${label}: a day-precision act needs its date`);
	if (v.precision !== 'day' && v.date) throw new WriteError('date', `${label}: an exact date needs precision "day", not "${v.precision}"`);
	if (v.earliest && v.latest && v.earliest > v.latest) throw new WriteError('earliest', `${label}: ${v.earliest} is after the latest date ${v.latest}`);
	if (!known.sources.has(v.source_id)) throw new WriteError('source', `${label}: there is no source "${v.source_id}"`, 'not-found');
}
