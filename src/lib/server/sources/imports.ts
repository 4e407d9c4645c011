// Bringing a source into the record: read → diff → apply. A reader says what the source says;
// names are matched to participants (an unmatched name stops the import with the list to map);
// each act gets its identity; the diff compares the source's acts with the record — new,
// changed, unchanged, and acts of the record the source does not have, which are listed for a
// person to decide and never deleted. Applying writes the new and changed acts through the
// participation module, in one transaction, and is idempotent: applying again changes nothing.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { actKindOf, type ActKind } from '../../acts';
import { isIsoDate } from '../../dates';
import * as audit from '../audit/log';
import type { Db } from '../db';
import { inTransaction } from '../db';
import { LoadError } from '../text/errors';
import { normaliseName } from '../text/names';
import * as participation from '../record/participation';
import { quote } from '../text/query';
import * as sources from '../record/catalogue';
import type { ActAttributes, ActIdentity, CurrentAct, Write } from '../record/participation';
import { isFormat, READERS, sniff, type Format, type ReaderContext, type SourceAct, type StatedTotals } from './readers';
import { completeness, type Completeness } from './completeness';
import { FORMAT_NAMES } from './format-names';

export { completeness, type Completeness } from './completeness';
export { FORMAT_NAMES } from './format-names';

/** An act of a source with its identity: what the diff compares. */
export interface Incoming extends ActIdentity {
	/** Line in the file read. */
	line: number;
	/** The name the source gives it. */
	name: string;
	values: ActAttributes;
	/** Attributes the source says nothing about, so a difference there is no change. */
	silent: (keyof ActAttributes)[];
	/** The tracker's own files: a retracted act, with its reason. */
	retracted: string | null;
	reason: string | null;
}

export interface Change {
	incoming: Incoming;
	current: CurrentAct;
	/** The attributes that differ: date, event, precision… */
	fields: (keyof ActAttributes)[];
	/** The record's version comes from a source recorded later than this one: kept, not applied. */
	olderThanRecord: boolean;
}

export interface Diff {
	added: Incoming[];
	changed: Change[];
	unchanged: number;
	/** In the record, not in the source: for a person to decide; never deleted. */
	absent: CurrentAct[];
	/** In the source, retracted in the record: a person retracted it; not restored by an import. */
	retracted: { incoming: Incoming; current: CurrentAct }[];
}

/** A name no participant answers to, with the lines that use it. */
export interface Unmatched {
	name: string;
	lines: number[];
}

export class UnmatchedNames extends Error {
	constructor(
		readonly file: string,
		readonly names: Unmatched[]
	) {
		super(
			`${file}: ${names.length} name${names.length === 1 ? '' : 's'} match no participant; map ${names.length === 1 ? 'it' : 'them'} to a participant first: ` +
				names.map((n) => `"${n.name}" (line ${n.lines.join(', ')})`).join('; ')
		);
		this.name = 'UnmatchedNames';
	}
}

/** Every name that leads to a participant, normalised: participant names and the stored aliases. */
export async function nameIndex(db: Db): Promise<(name: string) => string | undefined> {
	const [participants, aliases] = await Promise.all([
		db.selectFrom('participants').select(['code', 'name']).execute(),
		db.selectFrom('participant_aliases').select(['alias', 'code']).execute()
	]);
	const byName = new Map<string, string>();
	for (const p of participants) byName.set(normaliseName(p.name), p.code);
	for (const a of aliases) byName.set(a.alias, a.code);
	return (name) => byName.get(normaliseName(name));
}

/** Members of a group on every day of a period, from the memberships: a reader's context. */
export async function membersOf(db: Db): Promise<NonNullable<ReaderContext['membersOf']>> {
	const rows = await db.selectFrom('memberships').select(['group_slug', 'participant_code', 'joined', 'left']).execute();
	return (group, from, to) =>
		[...new Set(rows
			.filter((m) => m.group_slug === group && m.joined !== null && m.joined <= from && (m.left === null || m.left >= to))
			.map((m) => m.participant_code))].sort();
}

/**
 * Gives each act of a source its participant and identity. Acts of one participant, instrument
 * and kind are numbered in date order (a second consent after a denunciation is consent 2);
 * a row that repeats an act of the same file with the same date is kept once, with a warning.
 */
export function identify(
	acts: SourceAct[],
	opts: { file: string; instrument: string | null; sourceId: string | null; codeOf: (name: string) => string | undefined }
): { incoming: Incoming[]; warnings: string[] } {
	const unmatched = new Map<string, number[]>();
	const warnings: string[] = [];
	const groups = new Map<string, Incoming[]>();
	for (const a of acts) {
		const participant = a.code ?? opts.codeOf(a.name);
		if (!participant) {
			unmatched.set(a.name, [...(unmatched.get(a.name) ?? []), a.line]);
			continue;
		}
		const instrument = a.instrument ?? opts.instrument;
		const sourceId = a.sourceId ?? opts.sourceId;
		if (!instrument) throw new LoadError('the act names no instrument', { file: opts.file, line: a.line });
		if (!sourceId) throw new LoadError('the act names no source', { file: opts.file, line: a.line });
		const silent = (['declarations', 'territorial_application', 'recorded_entry_into_force', 'note', 'quality_flag'] as const).filter(
			(k) => a[k] === undefined
		);
		const inc: Incoming = {
			instrument,
			participant,
			kind: actKindOf(a.event),
			seq: a.seq ?? 0,
			line: a.line,
			name: a.name,
			values: {
				event: a.event, date: a.date, precision: a.precision, earliest: a.earliest, latest: a.latest,
				declarations: a.declarations ?? null, territorial_application: a.territorial_application ?? null,
				recorded_entry_into_force: a.recorded_entry_into_force ?? null, note: a.note ?? null, quality_flag: a.quality_flag ?? null,
				source_id: sourceId, source_line: a.sourceLine !== undefined ? a.sourceLine : a.line
			},
			silent,
			retracted: a.retracted ?? null,
			reason: a.reason ?? null
		};
		const key = `${instrument}|${participant}|${inc.kind}`;
		groups.set(key, [...(groups.get(key) ?? []), inc]);
	}
	if (unmatched.size) throw new UnmatchedNames(opts.file, [...unmatched].map(([name, lines]) => ({ name, lines })));

	const incoming: Incoming[] = [];
	for (const list of groups.values()) {
		const byDate = [...list].sort((a, b) => known(a).localeCompare(known(b)) || a.line - b.line);
		const kept: Incoming[] = [];
		for (const inc of byDate) {
			const twin = kept.find((k) => k.seq === inc.seq && k.values.event === inc.values.event && known(k) === known(inc));
			if (twin && !inc.seq) {
				warnings.push(`${opts.file}:${inc.line}: repeats line ${twin.line} (${participation.describe(twin)}); read once`);
				continue;
			}
			kept.push(inc);
		}
		kept.forEach((inc, i) => {
			if (!inc.seq) inc.seq = i + 1;
		});
		incoming.push(...kept);
	}
	incoming.sort((a, b) => a.line - b.line || a.kind.localeCompare(b.kind));
	return { incoming, warnings };
}

function known(a: Incoming): string {
	return a.values.date ?? a.values.latest ?? a.values.earliest ?? '9999';
}

/** What differs between an incoming act and the act as recorded, ignoring what the source is silent on. */
function differences(incoming: Incoming, current: ActAttributes): (keyof ActAttributes)[] {
	const compared = ['event', 'date', 'precision', 'earliest', 'latest', 'declarations', 'territorial_application', 'recorded_entry_into_force', 'quality_flag'] as const;
	return compared.filter((k) => !incoming.silent.includes(k) && incoming.values[k] !== current[k]);
}

/**
 * Compares a source's acts with the record's acts of the same instrument(s). `recordedOn`
 * (the source's "as recorded on" date) and `sourceDates` (every source's) let a change from a
 * source older than the record's version be shown but not applied.
 */
export function diff(
	record: CurrentAct[],
	incoming: Incoming[],
	opts: { recordedOn?: string | null; sourceDates?: Map<string, string | null> } = {}
): Diff {
	const byKey = new Map(record.map((a) => [participation.identityKey(a), a]));
	const seen = new Set<string>();
	const out: Diff = { added: [], changed: [], unchanged: 0, absent: [], retracted: [] };
	for (const inc of incoming) {
		const key = participation.identityKey(inc);
		seen.add(key);
		const cur = byKey.get(key);
		if (!cur) {
			out.added.push(inc);
			continue;
		}
		if (cur.retracted) {
			if (inc.retracted) out.unchanged++;
			else out.retracted.push({ incoming: inc, current: cur });
			continue;
		}
		const fields = differences(inc, cur.attributes);
		if (fields.length === 0) {
			out.unchanged++;
			continue;
		}
		const recordDate = opts.sourceDates?.get(cur.attributes.source_id) ?? null;
		const olderThanRecord = Boolean(opts.recordedOn && recordDate && opts.recordedOn < recordDate);
		out.changed.push({ incoming: inc, current: cur, fields, olderThanRecord });
	}
	const instruments = new Set(incoming.map((i) => i.instrument));
	out.absent = record.filter((a) => !a.retracted && instruments.has(a.instrument) && !seen.has(participation.identityKey(a)));
	return out;
}

/** The writes that bring a diff into the record: new acts and changes (not those older than the record). */
export function writes(d: Diff): Write[] {
	const out: Write[] = [];
	for (const inc of d.added) {
		out.push({ op: 'record', act: inc, values: inc.values, reason: inc.reason });
		if (inc.retracted) out.push({ op: 'retract', act: inc, reason: inc.retracted });
	}
	for (const c of d.changed) {
		if (c.olderThanRecord) continue;
		// What the source is silent on stays as recorded.
		const values = { ...c.incoming.values };
		for (const k of c.incoming.silent) (values as Record<string, unknown>)[k] = c.current.attributes[k];
		out.push({
			op: 'correct',
			act: c.incoming,
			basedOn: c.current.version,
			values,
			reason: c.incoming.reason ?? `${c.fields.join(', ')} as given by source ${values.source_id}`
		});
	}
	return out;
}

// ——— a source file brought in ———

export interface SourceInfo {
	id: string;
	title: string;
	file: string;
	origin: string;
	recorded_on: string | null;
	recorded_on_note: string | null;
	format: Format;
	sha256: string;
	table_of: string;
}

export interface Preview {
	instrument: string;
	source: SourceInfo;
	/** True when the source is already in the catalogue (the same file brought in before). */
	sourceKnown: boolean;
	stated: StatedTotals | null;
	/** What the file holds, counted from its rows. */
	read: { signatories: number; consents: number; acts: number };
	title: string | null;
	diff: Diff;
	/**
	 * Whether the file is a complete table: only a complete one dates the instrument's record (and
	 * makes the silence of a participant "no action" up to its date); a partial one (a few rows
	 * pasted, a transcription) vouches for its own rows only.
	 */
	completeness: Completeness;
	warnings: string[];
}

export class ImportError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(message);
		this.name = 'ImportError';
	}
}


/** A file read and compared with the record, nothing written. */
export async function preview(
	db: Db,
	opts: {
		instrument: string;
		file: string;
		text: string;
		format?: Format;
		sourceId?: string;
		asOf?: string;
		origin?: string;
		title?: string;
		/** A pasted table's column mapping, as the person confirmed it. */
		columns?: ReaderContext['columns'];
	}
): Promise<Preview> {
	const instrument = await db.selectFrom('instruments').select(['slug', 'title']).where('slug', '=', opts.instrument).executeTakeFirst();
	if (!instrument) throw new ImportError('instrument', `there is no instrument "${quote(opts.instrument)}"`);
	const sha256 = createHash('sha256').update(opts.text).digest('hex');
	const base = basename(opts.file);
	const id = opts.sourceId ?? `${base.replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${sha256.slice(0, 8)}`;
	// The same file brought in again, under any name, is the source it was the first time.
	const existing =
		(await db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst()) ??
		(await db.selectFrom('sources').selectAll().where('sha256', '=', sha256).where('table_of', '=', opts.instrument).executeTakeFirst());
	if (existing && existing.sha256 && existing.sha256 !== sha256) {
		throw new ImportError('source', `source "${id}" is another file (sha256 ${existing.sha256.slice(0, 12)}…); give another --source-id`);
	}

	// A known source says how it is read; otherwise the file's name and first line do.
	const format = opts.format ?? (existing?.format && isFormat(existing.format) ? existing.format : null) ?? sniff(opts.file, opts.text);
	if (!format) throw new ImportError('format', `cannot tell the format of ${opts.file}: give one of ${Object.keys(READERS).join(', ')}`);
	const codeOf = await nameIndex(db);
	const groups = new Map((await db.selectFrom('groups').select(['slug', 'name']).execute()).map((g) => [g.slug, g.name]));
	const ctx: ReaderContext = { file: opts.file, codeOf: (n) => codeOf(n), membersOf: await membersOf(db), groupName: (g) => groups.get(g), columns: opts.columns };
	const read = READERS[format](opts.text, ctx);
	const acts = read.acts.filter((a) => !a.instrument || a.instrument === opts.instrument);

	if (opts.asOf && !isIsoDate(opts.asOf)) throw new ImportError('asOf', `"${quote(opts.asOf)}" is not a date (YYYY-MM-DD)`);
	const latestAct = acts.map((a) => a.date ?? a.latest).filter((d): d is string => !!d).sort().at(-1) ?? null;
	const recorded_on = opts.asOf ?? read.asOf ?? existing?.recorded_on ?? latestAct;
	const recorded_on_note = opts.asOf
		? 'as given when imported'
		: read.asOf
			? 'the "status as at" date the page states'
			: existing?.recorded_on_note ?? (latestAct ? 'not stated by the file: the date of its latest act, so no earlier than this' : null);
	const source: SourceInfo = {
		id: existing?.id ?? id,
		title: existing?.title ?? opts.title ?? `${FORMAT_NAMES[format]}: ${read.title ?? instrument.title}${recorded_on && (opts.asOf || read.asOf) ? `, as at ${recorded_on}` : ''} (${base})`,
		file: opts.file,
		origin: opts.origin ?? existing?.origin ?? opts.file,
		recorded_on,
		recorded_on_note,
		format,
		sha256,
		table_of: opts.instrument
	};

	const { incoming, warnings } = identify(acts, { file: opts.file, instrument: opts.instrument, sourceId: source.id, codeOf });
	const record = await participation.current(db, { instrument: opts.instrument });
	const dates = await db.selectFrom('sources').select(['id', 'recorded_on']).execute();
	// Only a stated date can make a file older than the record; a date inferred from its latest
	// act is no more than a lower bound.
	const statedDate = opts.asOf ?? read.asOf ?? existing?.recorded_on ?? null;
	const d = diff(record, incoming, { recordedOn: statedDate, sourceDates: new Map(dates.map((s) => [s.id, s.recorded_on])) });
	const participants = (kind: ActKind) => new Set(acts.filter((a) => actKindOf(a.event) === kind).map((a) => a.code ?? codeOf(a.name))).size;
	const counted = { signatories: participants('signature'), consents: participants('consent'), acts: incoming.length };
	return {
		instrument: opts.instrument,
		source,
		sourceKnown: Boolean(existing),
		stated: read.stated,
		read: counted,
		title: read.title,
		diff: d,
		completeness: completeness(record, incoming, { on: recorded_on, stated: read.stated, read: counted }),
		warnings: [...read.warnings, ...warnings]
	};
}

/** The key a person ticks in a preview to apply one act: its identity. */
export const actKey = participation.identityKey;

export interface Applied {
	revision: number | null;
	written: number;
	sourceAdded: boolean;
	/** The row of the imports log, when anything was applied. */
	importId: number | null;
}

/**
 * Applies a preview in one transaction: adds its source to the catalogue when it is new (a
 * newer table moves the instrument's record date on, even when no act changes) and writes its
 * new and changed acts — all of them, or those whose key is in `only` (what a person ticked) —
 * as `actor`. The import itself is logged (who, when, which file, which acts) with one audit
 * entry of its own, at the same revision as its acts. A file already brought in with nothing
 * to write writes nothing.
 */
export async function apply(
	db: Db,
	p: Preview,
	opts: { actor?: audit.Actor | string; only?: ReadonlySet<string>; fileId?: number | null } = {}
): Promise<Applied> {
	const planned = writes(p.diff).filter((w) => !opts.only || opts.only.has(actKey(w.act)));
	if (planned.length === 0 && p.sourceKnown) return { revision: null, written: 0, sourceAdded: false, importId: null };
	const actor = opts.actor ?? `import: ${p.source.id}`;
	const person = typeof actor === 'string' ? null : actor;
	return inTransaction(db, async (trx) => {
		let revision: number | null = null;
		if (!p.sourceKnown) {
			const s = p.source;
			revision = await sources.add(
				trx,
				{
					id: s.id, title: s.title, file: s.file, origin: s.origin, recorded_on: s.recorded_on, recorded_on_note: s.recorded_on_note,
					partial: p.completeness.complete ? 0 : 1, licence: null, note: null, table_of: s.table_of, format: s.format, sha256: s.sha256, added_by: audit.actorLabel(actor)
				},
				actor
			);
		}
		const written = await participation.apply(trx, { actor, writes: planned });
		revision = written.revision ?? revision;
		if (opts.fileId != null) {
			await trx.updateTable('import_files').set({ source_id: p.source.id }).where('id', '=', opts.fileId).where('source_id', 'is', null).execute();
		}
		const acts = planned.map((w) => ({ act: actKey(w.act), op: w.op }));
		const left = {
			absent: p.diff.absent.map((a) => actKey(a)),
			notTicked: writes(p.diff).filter((w) => opts.only && !opts.only.has(actKey(w.act))).map((w) => actKey(w.act)),
			olderThanRecord: p.diff.changed.filter((c) => c.olderThanRecord).map((c) => actKey(c.incoming))
		};
		const at = new Date().toISOString();
		// an import is a change to the record even when it only brings its source in
		revision ??= await audit.bump(trx);
		const row = await trx
			.insertInto('imports')
			.values({
				instrument_slug: p.instrument, source_id: p.source.id, file_id: opts.fileId ?? null, format: p.source.format,
				user_id: person?.userId ?? null, actor: audit.actorLabel(actor), at, revision, written: written.written,
				summary: JSON.stringify({ acts, left })
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit.write(trx, [
			{
				actor,
				action: 'import',
				entity: 'import',
				entityId: row.id,
				summary: `${p.instrument}: ${written.written} act${written.written === 1 ? '' : 's'} written from ${p.source.file} (source ${p.source.id})`,
				before: null,
				after: { instrument: p.instrument, source: p.source.id, file: p.source.file, fileId: opts.fileId ?? null, acts, left },
				sourceId: p.source.id,
				reason: null
			}
		]);
		return { revision, written: written.written, sourceAdded: !p.sourceKnown, importId: row.id };
	});
}
