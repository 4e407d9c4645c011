// The audit log and the two revisions. Every change is written through `write`, in the
// writer's transaction: one entry per thing it changed (who, when, what it was before and
// after, on what source, why), named from the one table of changes (./changes), which says
// which revision it moves — the treaty record's, the public state's, or neither — and `write`
// moves it, once per transaction. The log is append-only (the database refuses UPDATE and
// DELETE on it). The in-memory record is keyed by the record's revision and the page cache by
// the public state's, so the next request after a change sees it, whichever process wrote.
import { insertMany, knownRevisions, revisionsNow, type Db, type Trx } from '../db';
import type { AuditEntry } from '../db/schema';
import { reachOf, type Action, type Entity } from './changes';

export { CHANGES, ENTITIES, ACTIONS, reachOf, actionsOf, isEntity } from './changes';
export type { Entity, Action, Reach } from './changes';

/** Who made a change: a person (a user, in a role, from an address), or a process ('seed data'). */
export interface Actor {
	label: string;
	userId: number | null;
	role: string | null;
	address: string | null;
}

export function actorLabel(actor: Actor | string): string {
	return typeof actor === 'string' ? actor : actor.label;
}

interface Described {
	actor: Actor | string;
	entityId: string | number;
	summary: string;
	before: unknown;
	after: unknown;
	sourceId: string | null;
	reason: string | null;
}

/** One change to one thing: a kind of thing and one of its actions, from the table of changes. */
export type Entry<E extends Entity = Entity> = E extends Entity ? Described & { entity: E; action: Action<E> } : never;

/** The treaty record's revision now: 0 before anything was written. */
export async function revision(db: Db): Promise<number> {
	return (await revisionsNow(db)).revision;
}

/** The public state: its revision and when it last moved (null: never). */
export interface PublicState {
	revision: number;
	at: string | null;
}

/**
 * The public state as known without asking the database (synchronously: the page cache asks on
 * every public request): current while db/revisionsFresh, else as last read; null: never read.
 */
export function publicState(db: Db): PublicState | null {
	const r = knownRevisions(db);
	return r && { revision: r.publicRevision, at: r.at };
}

/** What a transaction has moved so far: each revision once, whatever number of writers share it. */
const moved = new WeakMap<Trx, { record?: Promise<number>; public?: Promise<void> }>();

function movedIn(trx: Trx) {
	// keyed by the transaction: outside one, every change would share the first one's revision
	if (!trx.isTransaction) throw new Error('audit: a change is written inside its transaction (inTransaction)');
	let m = moved.get(trx);
	if (!m) moved.set(trx, (m = {}));
	return m;
}

/**
 * The record's revision a change to the treaty record made inside `trx` carries (for writers
 * that stamp their rows with it before writing their entries): the first writer of the
 * transaction moves it — and the public state with it —, the others share it, so one import
 * (its source and its acts) is one revision.
 */
export function bump(trx: Trx): Promise<number> {
	const m = movedIn(trx);
	if (!m.record) {
		m.record = trx
			.updateTable('record_meta')
			.set((eb) => ({ revision: eb('revision', '+', 1) }))
			.where('id', '=', 1)
			.returning('revision')
			.executeTakeFirstOrThrow()
			.then((row) => row.revision);
	}
	return bumpPublic(trx).then(() => m.record!);
}

function bumpPublic(trx: Trx): Promise<void> {
	const m = movedIn(trx);
	if (!m.public) {
		m.public = trx
			.updateTable('record_meta')
			.set((eb) => ({ public_revision: eb('public_revision', '+', 1), public_at: new Date().toISOString() }))
			.where('id', '=', 1)
			.execute()
			.then(() => {});
	}
	return m.public;
}

/**
 * The one door of every change: writes its entries in `trx` and moves the revisions they
 * reach (./changes), once per transaction. Returns the record's revision the entries carry —
 * the new one when they change the record, else the record's as it stands.
 */
export async function write(trx: Trx, entries: Entry[]): Promise<number> {
	const reaches = entries.map((e) => reachOf(e.entity, e.action).moves);
	let revision: number;
	if (reaches.includes('record')) revision = await bump(trx);
	else {
		if (reaches.includes('public')) await bumpPublic(trx);
		revision = await (movedIn(trx).record ?? revisionIn(trx));
	}
	const rows = entries.map((e) => ({
		actor: actorLabel(e.actor),
		user_id: typeof e.actor === 'string' ? null : e.actor.userId,
		role: typeof e.actor === 'string' ? null : e.actor.role,
		address: typeof e.actor === 'string' ? null : e.actor.address,
		action: e.action,
		entity: e.entity,
		entity_id: String(e.entityId),
		summary: e.summary,
		before: e.before == null ? null : JSON.stringify(e.before),
		after: e.after == null ? null : JSON.stringify(e.after),
		source_id: e.sourceId,
		reason: e.reason,
		revision
	}));
	await insertMany(trx, 'audit_log', rows);
	return revision;
}

async function revisionIn(trx: Trx): Promise<number> {
	const row = await trx.selectFrom('record_meta').select('revision').where('id', '=', 1).executeTakeFirst();
	return row?.revision ?? 0;
}

/** What the log says of a change, for a reader that follows it (record/live). */
export interface Logged {
	id: number;
	entity: string;
	action: string;
	entity_id: string;
}

/** The entries written after entry `after` (0: all), oldest first: the changes a follower has not seen. */
export async function since(db: Db, after: number): Promise<Logged[]> {
	return db.selectFrom('audit_log').select(['id', 'entity', 'action', 'entity_id']).where('id', '>', after).orderBy('id').execute();
}

/** The newest entry's id (0: the log is empty). */
export async function lastId(db: Db): Promise<number> {
	const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
	return Number(row?.id ?? 0);
}

/** Entries, newest first, optionally of one entity or one actor. */
export async function list(
	db: Db,
	opts: { entity?: Entity; entityId?: string | number; actor?: string; limit?: number } = {}
): Promise<AuditEntry[]> {
	let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc');
	if (opts.entity) q = q.where('entity', '=', opts.entity);
	if (opts.entityId !== undefined) q = q.where('entity_id', '=', String(opts.entityId));
	if (opts.actor) q = q.where('actor', '=', opts.actor);
	return q.limit(opts.limit ?? 100).execute();
}

// Reading the log: search with filters and keyset paging, and when a record last changed.
export { search, all, options, lastChange, filtersFrom, queryOf, fieldChanges, FilterError, PAGE_SIZE, EVERYTHING } from './search';
export type { Filters, Paging, Found, FieldChange, SearchResult, Scope } from './search';
