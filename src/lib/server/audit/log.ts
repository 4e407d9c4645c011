// The audit log and the revision of the record. Every write to the record bumps the revision
// once per transaction and leaves one audit entry per thing it changed, in that transaction:
// who, when, what it was before and after, on what source, why. The log is append-only (the
// database refuses UPDATE and DELETE on it). Caches are keyed by the revision, so the next
// request after a write sees it, whichever process wrote.
import type { CompiledQuery } from 'kysely';
import { insertMany, type Db, type Trx } from '../db';
import type { AuditEntry } from '../db/schema';

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

export interface Entry {
	actor: Actor | string;
	action: string;
	entity: string;
	entityId: string | number;
	summary: string;
	before: unknown;
	after: unknown;
	sourceId: string | null;
	reason: string | null;
}

/** The record's revision now: 0 before anything was written. */
export async function revision(db: Db): Promise<number> {
	// Asked on every request: compiled once per database, not on each call.
	let query = revisionQueries.get(db);
	if (!query) revisionQueries.set(db, (query = db.selectFrom('record_meta').select('revision').where('id', '=', 1).compile()));
	const { rows } = await db.executeQuery(query);
	return rows[0]?.revision ?? 0;
}

const revisionQueries = new WeakMap<Db, CompiledQuery<{ revision: number }>>();

const revisions = new WeakMap<Trx, Promise<number>>();

/**
 * The revision a change made inside `trx` carries: the first writer of the transaction bumps
 * it, the others share it, so one import (its source and its acts) is one revision.
 */
export function bump(trx: Trx): Promise<number> {
	let revision = revisions.get(trx);
	if (!revision) {
		revision = trx
			.updateTable('record_meta')
			.set((eb) => ({ revision: eb('revision', '+', 1) }))
			.where('id', '=', 1)
			.returning('revision')
			.executeTakeFirstOrThrow()
			.then((row) => row.revision);
		revisions.set(trx, revision);
	}
	return revision;
}


/** Writes entries of one revision; only the modules that change the record call this. */
export async function write(trx: Trx, revision: number, entries: Entry[]): Promise<void> {
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
}

/** Entries, newest first, optionally of one entity or one actor. */
export async function list(
	db: Db,
	opts: { entity?: string; entityId?: string | number; actor?: string; limit?: number } = {}
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
