// A whole database into an empty one (`npm run db:copy`): SQLite into PostgreSQL when a
// deployment outgrows one machine, or any way between the two. Every table, ids kept, in one
// transaction on the target, then counted again on both sides. The database layer only: it
// knows tables and rows, nothing of what they mean.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import { afterBulkCopy, underSetupLock } from './dialect';
import { createDb, inTransaction, insertMany, isUrl, redacted, whereIs, type Db } from './index';
import { migrateToLatest } from './migrate';
import type { Database } from './schema';

type Table = Exclude<keyof Database, 'current_acts'>;

/**
 * Every table of the schema and the tables its rows reference (the migrations' `references`; a
 * test holds the two together). The type makes a table added to schema.ts and not here an error.
 */
export const REFERENCES: Record<Table, Table[]> = {
	sources: [],
	participants: ['sources'],
	participant_aliases: ['participants'],
	groups: ['sources'],
	memberships: ['groups', 'participants', 'sources'],
	instruments: ['instruments', 'sources'],
	published_totals: ['instruments', 'sources'],
	policy_events: ['sources'],
	articles: ['instruments', 'sources'],
	record_meta: [],
	acts: ['instruments', 'participants'],
	act_versions: ['acts', 'sources'],
	users: ['participants'],
	audit_log: ['users'],
	sessions: ['users'],
	invitations: ['users'],
	api_tokens: ['users'],
	sign_in_attempts: [],
	import_files: ['sources', 'users'],
	imports: ['import_files', 'instruments', 'sources', 'users'],
	column_mappings: ['users'],
	refresh_checks: ['import_files', 'instruments'],
	review_mechanisms: ['sources'],
	review_settings: ['review_mechanisms', 'sources'],
	review_cycles: ['review_mechanisms', 'sources'],
	review_clusters: ['review_cycles'],
	review_cluster_articles: ['instruments'],
	review_draws: ['review_cycles'],
	reviews: ['participants', 'review_cycles'],
	review_reviewers: ['participants', 'review_cycles', 'review_draws'],
	review_people: ['participants', 'reviews', 'users'],
	review_answers: ['reviews'],
	review_files: ['reviews'],
	review_comments: ['review_comments', 'reviews'],
	review_observations: ['reviews'],
	outbox: ['reviews', 'users']
};

/**
 * Rows that reference a row of their own table go after it: instruments by their parent and
 * prerequisite (slugs). A comment's parent needs nothing: a reply is written after what it
 * answers, so has the higher id, and rows with an id are copied in id order.
 */
export const OWN_REFERENCES: Partial<Record<Table, { key: string; by: string[] }>> = {
	instruments: { key: 'slug', by: ['parent_slug', 'prerequisite_slug'] }
};

/** The tables in the order they are copied: each after the tables it references. */
export const TABLES: Table[] = (() => {
	const out: Table[] = [];
	const visit = (table: Table, path: Table[]) => {
		if (out.includes(table)) return;
		if (path.includes(table)) throw new Error(`tables referencing each other: ${[...path, table].join(' → ')}`);
		for (const t of REFERENCES[table]) if (t !== table) visit(t, [...path, table]);
		out.push(table);
	};
	for (const t of Object.keys(REFERENCES) as Table[]) visit(t, []);
	return out;
})();

/** Rows read and written at a time; a table of files (a `content` column, up to 5 MB a row) fewer. */
const PAGE = 1000;
const FILES_PAGE = 20;

export interface Counted {
	table: Table;
	source: number;
	target: number;
}

export interface Report {
	/** Where from and where to, without passwords. */
	from: string;
	to: string;
	tables: Counted[];
	revision: { source: number; target: number };
	publicRevision: { source: number; target: number };
	/** What did not match; empty when the copy holds what the source held. */
	problems: string[];
}

/** Opens `from` and `to` (a SQLite file or a postgres:// address), copies, checks and closes both. */
export async function copyDatabase(opts: { from: string; to: string; log?: (line: string) => void }): Promise<Report> {
	const from = await open(opts.from, 'source');
	try {
		const to = await open(opts.to, 'target');
		try {
			return await copy(from, to, opts.log);
		} finally {
			await to.destroy();
		}
	} finally {
		await from.destroy();
	}
}

/**
 * Opens and migrates a database, both sides at the same schema. A source must be a Treaty
 * Tracker database (nothing else is migrated into one); a target may be new or empty.
 */
async function open(target: string, side: 'source' | 'target'): Promise<Db> {
	const where = redacted(target);
	if (!isUrl(target)) {
		// createDb would make an empty database of a mistyped name
		if (side === 'source' && !existsSync(target)) throw new Error(`there is no database at ${where}`);
		mkdirSync(dirname(target), { recursive: true });
	}
	let db: Db | undefined;
	try {
		let names: string[];
		try {
			db = createDb(target);
			names = (await db.introspection.getTables()).filter((t) => !t.isView).map((t) => t.name);
		} catch (e) {
			throw new Error(`cannot read ${where}: ${(e as Error).message}`);
		}
		if (!names.includes('record_meta')) {
			if (side === 'source') throw new Error(`${where} is not a Treaty Tracker database (it has no record_meta table)`);
			if (names.length) throw new Error(`${where} is not empty and not a Treaty Tracker database (it holds ${names.join(', ')}): copy into an empty database`);
		}
		const opened = db;
		await underSetupLock(opened, () => migrateToLatest(opened));
		return opened;
	} catch (e) {
		await db?.destroy().catch(() => {});
		throw e;
	}
}

/**
 * Copies every row of `from` into `to`, which must hold no record, in one transaction on `to`
 * (on PostgreSQL under the write lock: no instance writes meanwhile), and counts both sides.
 */
export async function copy(from: Db, to: Db, log: (line: string) => void = () => {}): Promise<Report> {
	const fromWhere = whereIs(from).where;
	const toWhere = whereIs(to).where;
	const columns = await columnsOf(from, fromWhere);
	await columnsOf(to, toWhere);
	// The source as of one moment, its rows and its counts, even while a server writes to it.
	return from
		.transaction()
		.setIsolationLevel('repeatable read')
		.execute(async (src) => {
			const counts = new Map<Table, number>();
			for (const table of TABLES) counts.set(table, await count(src, table));
			await inTransaction(to, async (trx) => {
				await refuseARecord(trx, toWhere);
				for (const table of TABLES) {
					await copyTable(src, trx, table, columns.get(table)!, log);
					await afterBulkCopy(trx, table);
				}
			});
			const tables: Counted[] = [];
			for (const table of TABLES) tables.push({ table, source: counts.get(table)!, target: await count(to, table) });
			const [a, b] = await Promise.all([src, to].map((db) => db.selectFrom('record_meta').select(['revision', 'public_revision']).where('id', '=', 1).executeTakeFirstOrThrow()));
			const report: Report = {
				from: fromWhere,
				to: toWhere,
				tables,
				revision: { source: a.revision, target: b.revision },
				publicRevision: { source: a.public_revision, target: b.public_revision },
				problems: []
			};
			for (const t of tables) if (t.source !== t.target) report.problems.push(`${t.table}: ${t.source} rows in the source, ${t.target} in the copy`);
			if (a.revision !== b.revision) report.problems.push(`the record's revision: ${a.revision} in the source, ${b.revision} in the copy`);
			if (a.public_revision !== b.public_revision) report.problems.push(`the public revision: ${a.public_revision} in the source, ${b.public_revision} in the copy`);
			return report;
		});
}

/** Each table's columns; a table db:copy does not know (or one missing) stops it before it writes. */
async function columnsOf(db: Db, where: string): Promise<Map<Table, string[]>> {
	const tables = (await db.introspection.getTables()).filter((t) => !t.isView);
	// PostgreSQL: the app's schema (where record_meta is), not another one in the same database
	const home = tables.find((t) => t.name === 'record_meta')?.schema;
	const ours = new Map(tables.filter((t) => t.schema === home).map((t) => [t.name, t.columns.map((c) => c.name)]));
	const unknown = [...ours.keys()].filter((t) => !(t in REFERENCES));
	const missing = TABLES.filter((t) => !ours.has(t));
	if (unknown.length) throw new Error(`${where} holds tables db:copy does not know: ${unknown.join(', ')} (db/copy.ts REFERENCES)`);
	if (missing.length) throw new Error(`${where} lacks tables: ${missing.join(', ')}`);
	return ours as Map<Table, string[]>;
}

/** The tables a refusal names first: the record, its history and the accounts. */
const RECORD: Table[] = ['acts', 'act_versions', 'audit_log', 'users'];

/** Refuses a target that holds a record: a copy never writes over one. */
async function refuseARecord(trx: Db, where: string): Promise<void> {
	const meta = await trx.selectFrom('record_meta').select('seeded_at').where('id', '=', 1).executeTakeFirstOrThrow();
	const held: string[] = [];
	// the record's own tables named first; record_meta's one row is the migrations'
	for (const table of [...RECORD, ...TABLES.filter((t) => !RECORD.includes(t) && t !== 'record_meta')]) {
		const n = await count(trx, table);
		if (n) held.push(`${n} in ${table}`);
	}
	if (!meta.seeded_at && !held.length) return;
	const what = [meta.seeded_at ? `seeded on ${meta.seeded_at}` : null, held.length ? `rows: ${held.slice(0, 4).join(', ')}${held.length > 4 ? ` and ${held.length - 4} more tables` : ''}` : null];
	throw new Error(
		`${where} already holds a record (${what.filter(Boolean).join('; ')}): db:copy copies only into an empty database, never over one. ` +
			'Give it a new SQLite file, or an empty PostgreSQL database (createdb NAME; or drop and create this one if what it holds is not wanted).'
	);
}

async function copyTable(src: Db, trx: Db, table: Table, columns: string[], log: (line: string) => void): Promise<void> {
	if (table === 'record_meta') {
		// its one row (id 1) is made by the migrations: it takes the source's values
		const { id: _, ...meta } = await src.selectFrom('record_meta').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
		await trx.updateTable('record_meta').set(meta).where('id', '=', 1).execute();
		return;
	}
	const read = loose(src);
	if (!columns.includes('id')) {
		// small tables, keyed otherwise: at once
		const rows = await read.selectFrom(table).selectAll().execute();
		const own = OWN_REFERENCES[table];
		await write(trx, table, own ? referencedFirst(rows, own) : rows);
		if (rows.length) log(`${table}: ${counted(rows.length)}`);
		return;
	}
	const page = columns.includes('content') ? FILES_PAGE : PAGE;
	let done = 0;
	let last: unknown = null;
	for (;;) {
		let q = read.selectFrom(table).selectAll().orderBy('id').limit(page);
		if (last !== null) q = q.where('id', '>', last);
		const rows = await q.execute();
		if (!rows.length) break;
		await write(trx, table, rows);
		done += rows.length;
		last = rows[rows.length - 1].id;
		if (rows.length === page) log(`${table}: ${counted(done)}…`);
		else break;
	}
	if (done) log(`${table}: ${counted(done)}`);
}

async function write(trx: Db, table: Table, rows: Record<string, unknown>[]): Promise<void> {
	try {
		await insertMany(trx, table, rows);
	} catch (e) {
		throw new Error(`copying ${table}: ${(e as Error).message}`, { cause: e });
	}
}

/** Rows ordered so that a row another references comes before it. */
function referencedFirst(rows: Record<string, unknown>[], own: { key: string; by: string[] }): Record<string, unknown>[] {
	const placed = new Set<unknown>();
	const out: Record<string, unknown>[] = [];
	let rest = rows;
	while (rest.length) {
		const ready = rest.filter((r) => own.by.every((c) => r[c] == null || r[c] === r[own.key] || placed.has(r[c])));
		// a reference to a row not there: the target's foreign key names it
		if (!ready.length) return [...out, ...rest];
		for (const r of ready) placed.add(r[own.key]);
		out.push(...ready);
		rest = rest.filter((r) => !placed.has(r[own.key]));
	}
	return out;
}

async function count(db: Db, table: Table): Promise<number> {
	const row = await loose(db)
		.selectFrom(table)
		.select((eb) => eb.fn.countAll().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

const counted = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

/** The database with its table names taken from a variable (every table alike). */
const loose = (db: Db) => db as unknown as Kysely<any>;
