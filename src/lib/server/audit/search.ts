// Reading the audit log (audit.ts writes it, and re-exports these): every change, newest first,
// narrowed by participant, instrument, person, kind of change and date, a page at a time; and
// when a participant's or an instrument's record last changed, and by whom. An entry of an act
// names the act by its id, so the participant and instrument come from `acts`; a source entry
// of a status table counts as a change to that instrument's record (a newer table moves its
// "as recorded on" date even when no act changes).
import { sql } from 'kysely';
import type { Db } from '../db';
import { addDays, isIsoDate } from '../../dates';
import type { ChangedBy, LastChange } from '../../last-change';
import { quote } from '../text/query';
import { ENTITIES, actionsOf } from './changes';

/** What the log can be narrowed to. Every field is optional; absent means "any". */
export interface Filters {
	/** A participant's code (COL): changes to its acts. */
	participant?: string;
	/** An instrument's slug (untoc): changes to its acts and its status tables. */
	instrument?: string;
	/** An account's email, or the label of a process ("seed data", "import: untc-xviii-12-2014"). */
	user?: string;
	/** What was changed: act, source, user… (audit/changes.ts). */
	entity?: string;
	/** How: record, correct, retract, add, create… (audit/changes.ts). */
	action?: string;
	/** The first and last days (YYYY-MM-DD, UTC), both included. */
	from?: string;
	to?: string;
}

/**
 * What of the log a reader may see (permissions.auditScope): the kinds of entry, whether kinds
 * the table does not list too, and whether the addresses changes came from. Every read of the
 * log — the page, its data, the CSV — is narrowed by it.
 */
export interface Scope {
	entities: string[];
	unlisted: boolean;
	addresses: boolean;
}

/** The whole log: for the secretariat's view and the tests. */
export const EVERYTHING: Scope = { entities: [], unlisted: true, addresses: true };

/** Keyset paging on the entry id: `before` pages to older entries, `after` to newer ones. */
export interface Paging {
	before?: number;
	after?: number;
	limit?: number;
}

/** A filter value the log cannot be searched by, naming the field (a 400 for a page). */
export class FilterError extends Error {
	constructor(
		readonly field: keyof Filters | keyof Paging,
		message: string
	) {
		super(`${field}: ${message}`);
		this.name = 'FilterError';
	}
}

/** One field of a change: what it said before and after (null: nothing). */
export interface FieldChange {
	field: string;
	before: string | null;
	after: string | null;
}

export interface Found {
	id: number;
	at: string;
	/** An email for a person; a label for a process. */
	actor: string;
	userId: number | null;
	role: string | null;
	address: string | null;
	action: string;
	entity: string;
	entityId: string;
	summary: string;
	sourceId: string | null;
	reason: string | null;
	revision: number;
	/** The act an act's entry is about. */
	act: { id: number; instrument: string; instrumentTitle: string; participant: string; participantName: string } | null;
	changes: FieldChange[];
	before: string | null;
	after: string | null;
}

export interface SearchResult {
	entries: Found[];
	/** How many entries match the filters, on every page. */
	total: number;
	/** `after` for the page of newer entries; null on the newest page. */
	newer: number | null;
	/** `before` for the page of older entries; null on the oldest page. */
	older: number | null;
}

/** What load/index.ts calls the seed and imports.ts an import (not imported: it imports the write path, which imports us). */
const SEED_ACTOR = 'seed data';
const IMPORT_PREFIX = 'import: ';

export const PAGE_SIZE = 50;
const MAX_PAGE = 1000;

/** The filters and paging in a query string: blank fields are absent; a malformed number is refused. */
export function filtersFrom(params: URLSearchParams): Filters & Paging {
	const out: Filters & Paging = {};
	for (const field of ['participant', 'instrument', 'user', 'entity', 'action', 'from', 'to'] as const) {
		const value = params.get(field)?.trim();
		if (value) out[field] = value;
	}
	for (const field of ['before', 'after'] as const) {
		const raw = params.get(field)?.trim();
		if (!raw) continue;
		if (!/^[1-9]\d{0,15}$/.test(raw)) throw new FilterError(field, `must be the number of an entry, not "${quote(raw)}"`);
		out[field] = Number(raw);
	}
	return out;
}

/** The query string of `filters` (paging left out), for links that keep them. */
export function queryOf(filters: Filters, paging: Paging = {}): string {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries({ ...filters, ...paging })) if (v !== undefined && v !== '') q.set(k, String(v));
	return q.toString();
}

type Narrowing = { scope?: Scope; participant?: string; instrument?: string; userId?: number; actor?: string; entity?: string; action?: string; since?: string; until?: string };

/** Checks the filters against the database: every value must name something that exists. */
async function narrowing(db: Db, f: Filters, scope: Scope): Promise<Narrowing> {
	const n: Narrowing = { scope };
	if (f.participant) {
		const code = f.participant.toUpperCase();
		if (!(await db.selectFrom('participants').select('code').where('code', '=', code).executeTakeFirst())) {
			throw new FilterError('participant', `there is no participant with the code "${quote(f.participant)}"`);
		}
		n.participant = code;
	}
	if (f.instrument) {
		if (!(await db.selectFrom('instruments').select('slug').where('slug', '=', f.instrument).executeTakeFirst())) {
			throw new FilterError('instrument', `there is no instrument "${quote(f.instrument)}"`);
		}
		n.instrument = f.instrument;
	}
	if (f.user) {
		const account = await db.selectFrom('users').select('id').where('email', '=', f.user.toLowerCase()).executeTakeFirst();
		// a reader who may not see accounts learns of an account only through entries it may read
		const seen = async (q: Narrowing) => scope.addresses || Boolean(await matching(db, { ...q, scope }).select('l.id').limit(1).executeTakeFirst());
		if (account && (await seen({ userId: account.id }))) n.userId = account.id;
		else if (!account && (await seen({ actor: f.user })) && (await db.selectFrom('audit_log').select('id').where('actor', '=', f.user).where('user_id', 'is', null).limit(1).executeTakeFirst())) {
			n.actor = f.user;
		} else {
			throw new FilterError('user', `no account and no process "${quote(f.user)}" is known to the audit log`);
		}
	}
	const { entities, actions } = await kinds(db, scope);
	if (f.entity) {
		if (!entities.includes(f.entity)) throw new FilterError('entity', `"${quote(f.entity)}" is not a kind of thing the log records: ${entities.join(', ')}`);
		n.entity = f.entity;
	}
	if (f.action) {
		if (!actions.includes(f.action)) throw new FilterError('action', `"${quote(f.action)}" is not a kind of change the log records: ${actions.join(', ')}`);
		n.action = f.action;
	}
	for (const field of ['from', 'to'] as const) {
		const d = f[field];
		if (d !== undefined && !isIsoDate(d)) throw new FilterError(field, `must be a date in the form YYYY-MM-DD (e.g. 2026-11-30), not "${quote(d)}"`);
	}
	if (f.from && f.to && f.from > f.to) throw new FilterError('to', `${f.to} is before the first day, ${f.from}`);
	// `at` is an ISO timestamp in UTC: a day is every timestamp from its start to the next day's.
	if (f.from) n.since = f.from;
	if (f.to) n.until = addDays(f.to, 1);
	return n;
}

/** The entries matching a narrowing, as a query on `audit_log as l` to select from. */
function matching(db: Db, n: Narrowing) {
	let q = db.selectFrom('audit_log as l');
	const scope = n.scope ?? EVERYTHING;
	if (!scope.unlisted) q = scope.entities.length ? q.where('l.entity', 'in', scope.entities) : q.where(sql<boolean>`false`);
	if (n.participant) {
		let acts = db.selectFrom('acts').select(sql<string>`cast(id as text)`.as('id')).where('participant_code', '=', n.participant);
		if (n.instrument) acts = acts.where('instrument_slug', '=', n.instrument);
		q = q.where('l.entity', '=', 'act').where('l.entity_id', 'in', acts);
	} else if (n.instrument) {
		const acts = db.selectFrom('acts').select(sql<string>`cast(id as text)`.as('id')).where('instrument_slug', '=', n.instrument);
		const tables = db.selectFrom('sources').select('id').where('table_of', '=', n.instrument);
		q = q.where((eb) =>
			eb.or([
				eb.and([eb('l.entity', '=', 'act'), eb('l.entity_id', 'in', acts)]),
				eb.and([eb('l.entity', '=', 'source'), eb('l.entity_id', 'in', tables)])
			])
		);
	}
	if (n.userId !== undefined) q = q.where('l.user_id', '=', n.userId);
	if (n.actor !== undefined) q = q.where('l.actor', '=', n.actor).where('l.user_id', 'is', null);
	if (n.entity) q = q.where('l.entity', '=', n.entity);
	if (n.action) q = q.where('l.action', '=', n.action);
	if (n.since) q = q.where('l.at', '>=', n.since);
	if (n.until) q = q.where('l.at', '<', n.until);
	return q;
}

/**
 * Entries matching `filters`, newest first, one page at a time: `before` an entry id for the
 * older page, `after` one for the newer page. Paging is by id, so an entry written meanwhile
 * neither shifts nor repeats a page. A filter naming nothing known is a FilterError.
 */
export async function search(db: Db, opts: Filters & Paging & { scope: Scope }): Promise<SearchResult> {
	const limit = opts.limit ?? PAGE_SIZE;
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new FilterError('limit', `must be a whole number from 1 to ${MAX_PAGE}`);
	if (opts.before !== undefined && opts.after !== undefined) throw new FilterError('after', 'page either before an entry or after one, not both');
	for (const field of ['before', 'after'] as const) {
		const v = opts[field];
		if (v !== undefined && (!Number.isSafeInteger(v) || v < 1)) throw new FilterError(field, `must be the number of an entry, not ${v}`);
	}
	const n = await narrowing(db, opts, opts.scope);
	const newerFirst = opts.after === undefined;
	let page = matching(db, n);
	if (opts.before !== undefined) page = page.where('l.id', '<', opts.before);
	if (opts.after !== undefined) page = page.where('l.id', '>', opts.after);
	const rows = await page
		.leftJoin('acts as a', (j) => j.on('l.entity', '=', 'act').on(sql<string>`cast(a.id as text)`, '=', sql.ref('l.entity_id')))
		.leftJoin('participants as p', 'p.code', 'a.participant_code')
		.leftJoin('instruments as i', 'i.slug', 'a.instrument_slug')
		.selectAll('l')
		.select(['a.id as act_id', 'a.instrument_slug', 'a.participant_code', 'p.name as participant_name', 'i.short_title as instrument_title'])
		.orderBy('l.id', newerFirst ? 'desc' : 'asc')
		.limit(limit + 1)
		.execute();
	const more = rows.length > limit;
	const kept = rows.slice(0, limit);
	if (!newerFirst) kept.reverse();
	const entries: Found[] = kept.map((r) => ({
		id: r.id,
		at: r.at,
		actor: r.actor,
		userId: r.user_id,
		role: r.role,
		address: opts.scope.addresses ? r.address : null,
		action: r.action,
		entity: r.entity,
		entityId: r.entity_id,
		summary: r.summary,
		sourceId: r.source_id,
		reason: r.reason,
		revision: r.revision,
		act:
			r.act_id !== null
				? {
						id: r.act_id,
						instrument: r.instrument_slug!,
						instrumentTitle: r.instrument_title ?? r.instrument_slug!,
						participant: r.participant_code!,
						participantName: r.participant_name ?? r.participant_code!
					}
				: null,
		changes: fieldChanges(r.before, r.after),
		before: r.before,
		after: r.after
	}));
	const exists = async (op: '<' | '>', id: number) =>
		Boolean(await matching(db, n).select('l.id').where('l.id', op, id).limit(1).executeTakeFirst());
	const first = entries[0]?.id;
	const last = entries.at(-1)?.id;
	const { total } = await matching(db, n)
		.select((eb) => eb.fn.countAll<number>().as('total'))
		.executeTakeFirstOrThrow();
	return {
		entries,
		total: Number(total),
		newer: first === undefined ? null : newerFirst ? (opts.before !== undefined && (await exists('>', first)) ? first : null) : more ? first : null,
		older: last === undefined ? null : newerFirst ? (more ? last : null) : (await exists('<', last)) ? last : null
	};
}

/** Every matching entry, newest first, a page at a time (for the CSV download). */
export async function* all(db: Db, filters: Filters & { scope: Scope }): AsyncGenerator<Found> {
	let before: number | undefined;
	for (;;) {
		const { entries, older } = await search(db, { ...filters, before, limit: MAX_PAGE });
		yield* entries;
		if (older === null) return;
		before = older;
	}
}

/**
 * The fields a change touched, in the order the entry lists them: every field a new thing was
 * given, or each field whose value differs. Values are text, shown as text (never as HTML).
 */
export function fieldChanges(before: string | null, after: string | null): FieldChange[] {
	const b = asObject(before);
	const a = asObject(after);
	if (!b && !a) return [];
	const fields = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
	const out: FieldChange[] = [];
	for (const field of fields) {
		const was = text(b?.[field]);
		const is = text(a?.[field]);
		if (was !== is) out.push({ field, before: was, after: is });
	}
	return out;
}

function asObject(json: string | null): Record<string, unknown> | null {
	if (json === null) return null;
	try {
		const v: unknown = JSON.parse(json);
		return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
	} catch {
		return { value: json };
	}
}

function text(v: unknown): string | null {
	if (v === null || v === undefined || v === '') return null;
	return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The kinds of thing and of change the reader may see: every kind the log knows (audit/changes.ts), and any older kind it holds. */
async function kinds(db: Db, scope: Scope): Promise<{ entities: string[]; actions: string[] }> {
	const [entities, actions] = await Promise.all([
		matching(db, { scope }).select('l.entity').distinct().execute(),
		matching(db, { scope }).select('l.action').distinct().execute()
	]);
	const visible = (entity: string) => scope.unlisted || scope.entities.includes(entity);
	return {
		entities: [...new Set([...ENTITIES.filter(visible), ...entities.map((r) => r.entity)])].sort(),
		actions: [...new Set([...ENTITIES.filter(visible).flatMap((e) => actionsOf(e)), ...actions.map((r) => r.action)])].sort()
	};
}

/** What the search form offers: participants, instruments, who has changed anything, the kinds. */
export async function options(db: Db, scope: Scope) {
	const [participants, instruments, people, processes, k] = await Promise.all([
		db.selectFrom('participants').select(['code', 'name']).orderBy('name').execute(),
		db.selectFrom('instruments').select(['slug', 'short_title as title']).orderBy('sort_order').orderBy('slug').execute(),
		db
			.selectFrom('users as u')
			.select(['u.email', 'u.role'])
			.where('u.id', 'in', matching(db, { scope }).select('l.user_id').where('l.user_id', 'is not', null).distinct().$narrowType<{ user_id: number }>())
			.orderBy('u.email')
			.execute(),
		matching(db, { scope }).select('l.actor').where('l.user_id', 'is', null).distinct().orderBy('l.actor').execute(),
		kinds(db, scope)
	]);
	return { participants, instruments, people, processes: processes.map((r) => r.actor), ...k };
}

// ——— last changed ———

/**
 * When the record of a participant or an instrument last changed, and by whom: a person (by
 * role; by email only when `person` is true, for those who may read the audit log), an import
 * of a source, or the seed. Undefined when the log holds no change to it.
 */
export async function lastChange(
	db: Db,
	of: { participant: string } | { instrument: string },
	opts: { person: boolean }
): Promise<LastChange | undefined> {
	const n: Narrowing = 'participant' in of ? { participant: of.participant } : { instrument: of.instrument };
	const row = await matching(db, n)
		.leftJoin('sources as s', 's.id', 'l.source_id')
		.select(['l.at', 'l.actor', 'l.user_id', 'l.role', 'l.source_id', 's.title as source_title'])
		.orderBy('l.id', 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!row) return undefined;
	let by: ChangedBy;
	if (row.user_id !== null) by = { kind: 'person', role: row.role, email: opts.person ? row.actor : null };
	else if (row.actor === SEED_ACTOR) by = { kind: 'seed' };
	else if (row.actor.startsWith(IMPORT_PREFIX)) {
		const id = row.actor.slice(IMPORT_PREFIX.length);
		const source = id === row.source_id ? row.source_title : (await db.selectFrom('sources').select('title').where('id', '=', id).executeTakeFirst())?.title;
		by = { kind: 'import', source: { id, title: source ?? id } };
	} else by = { kind: 'process', label: row.actor };
	const query = 'participant' in of ? `participant=${encodeURIComponent(of.participant)}` : `instrument=${encodeURIComponent(of.instrument)}`;
	return { at: row.at, by, auditHref: opts.person ? `/audit?${query}` : null };
}
