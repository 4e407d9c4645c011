// The one place that knows which database the app runs on: SQLite (a file, the embedded default)
// or PostgreSQL (DATABASE_URL=postgres://…, for several instances on one database). Everything
// else speaks Kysely and asks this module where SQL must differ:
// - opening: SQLite's pragmas (WAL, FULL, foreign keys); PostgreSQL's pool, and numbers read as
//   numbers (int8 counts and ids); the schema's `integer` is `bigint` there and an
//   autoincrement key an identity column (a Kysely plugin rewrites the migrations' DDL);
// - one writer at a time: SQLite's transactions take its write lock as they begin (BEGIN
//   IMMEDIATE); on PostgreSQL every transaction first takes one advisory lock, so the
//   read-check-write steps written for SQLite (the 409 on a stale version, the sign-in
//   throttle's reserved attempts, the revision and its audit entry) hold as they did, whichever
//   instance writes (one transaction of an instance at a time waits for the lock; its reads do not);
// - the revisions (record_meta): SQLite answers a prepared statement synchronously on every
//   request; PostgreSQL cannot, so each instance LISTENs for the NOTIFY a trigger sends when
//   they move (delivered at commit), takes its own commits in before returning, and, while its
//   listener is down, says so (`fresh` false: callers ask the database each time);
// - the bulk insert, the migrations' defaults, append-only triggers and character checks,
//   the health check's words, and closing.
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
	CompiledQuery,
	DataTypeNode,
	GeneratedNode,
	Kysely,
	OperationNodeTransformer,
	PostgresAdapter,
	PostgresDialect,
	sql,
	SqliteDialect,
	type ColumnDefinitionNode,
	type KyselyPlugin,
	type PluginTransformQueryArgs,
	type PluginTransformResultArgs,
	type QueryResult,
	type RawBuilder,
	type RootOperationNode,
	type UnknownRow
} from 'kysely';

export type Kind = 'sqlite' | 'postgres';

/** Whether a database target is a PostgreSQL address rather than a file. */
export function isUrl(target: string): boolean {
	return /^postgres(ql)?:\/\//i.test(target);
}

/** An address without its password, for logs and messages. */
export function redacted(target: string): string {
	if (!isUrl(target)) return target;
	try {
		const u = new URL(target);
		if (u.password) u.password = '***';
		return u.toString();
	} catch {
		return 'postgres://…';
	}
}

/** The record's revision and the public state's (record_meta), as the page cache and the follower read them. */
export interface Revisions {
	revision: number;
	publicRevision: number;
	/** When the public state last moved (null: never). */
	at: string | null;
}

const NONE: Revisions = { revision: 0, publicRevision: 0, at: null };

/** What each open database is, behind its Kysely (and each transaction begun on it). */
export interface Engine {
	kind: Kind;
	/** The file, or the address without its password. */
	where: string;
	/** The newest revisions known without asking (null: never read yet); current while `fresh`. */
	known(): Revisions | null;
	/** Whether `known` follows every commit (SQLite: always; PostgreSQL: while listening). */
	fresh(): boolean;
	/** Asks the database. */
	read(): Promise<Revisions>;
	/** Settles once a listener being connected is connected, or has failed (`fresh` then says which). */
	ready(): Promise<void>;
	/** Runs `fn` (a write transaction) after this instance's earlier ones. */
	exclusive<R>(fn: () => Promise<R>): Promise<R>;
	/** Runs at the start of each transaction. */
	begin(trx: Kysely<any>): Promise<void>;
	/** Runs after each commit, before the caller goes on. */
	committed(): Promise<void>;
	/** Closes at once (the process is about to exit). */
	closeNow(): void;
	/** The SQLite connection (SQLite's own backup API and its bytes); null on PostgreSQL. */
	sqlite: SQLite.Database | null;
}

const engines = new WeakMap<object, Engine>();

export function engineOf(db: object): Engine {
	const e = engines.get(db);
	if (!e) throw new Error('not a database opened by createDb');
	return e;
}

/** A transaction begun on `db` is the same database. */
export function share(db: object, trx: object): void {
	const e = engines.get(db);
	if (e) engines.set(trx, e);
}

/** Which database a Kysely speaks to (the migrations ask: they get a Kysely of the migrator's). */
export function kindOf(db: Kysely<any>): Kind {
	return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

function upsertClause(columns: string[], key: string[]): string {
	const update = columns.filter((c) => !key.includes(c));
	return key.length ? ` on conflict (${key.map(quoted).join(', ')}) do update set ${update.map((c) => `${quoted(c)} = excluded.${quoted(c)}`).join(', ')}` : '';
}

// ---------------------------------------------------------------------------------------------
// SQLite

/**
 * Transactions that take SQLite's write lock when they begin (BEGIN IMMEDIATE), as PostgreSQL's
 * take the advisory lock: a command writing while the server does waits its turn (busy_timeout),
 * where two deferred transactions that read before they write would fail the one that came second.
 */
class ImmediateSqliteDialect extends SqliteDialect {
	override createDriver() {
		const driver = super.createDriver();
		driver.beginTransaction = async (connection) => {
			await connection.executeQuery(CompiledQuery.raw('begin immediate'));
		};
		return driver;
	}
}

export function openSqlite<T>(filename: string | Buffer): Kysely<T> {
	const sqlite = new SQLite(filename as string);
	sqlite.pragma('foreign_keys = ON');
	if (typeof filename === 'string' && filename !== ':memory:') {
		// WAL: readers never wait for a writer, and a crash mid-write leaves the last committed
		// transaction in place (the log is replayed on the next open).
		sqlite.pragma('journal_mode = WAL');
		// FULL, not NORMAL: in WAL mode NORMAL survives a killed process but may lose the last
		// transactions on a power cut or an OS crash; an acknowledged answer or act must not be
		// lost, so every commit is synced to disk. Commits are small; the cost is one fsync each.
		sqlite.pragma('synchronous = FULL');
		// Another process (an import from the command line) may write while the server reads.
		sqlite.pragma('busy_timeout = 5000');
	}
	const db = new Kysely<T>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
	// Asked on every request: one prepared statement, answered synchronously.
	let statement: SQLite.Statement<[]> | undefined;
	const known = (): Revisions => {
		statement ??= sqlite.prepare<[]>('select revision, public_revision, public_at from record_meta where id = 1');
		const row = statement.get() as { revision: number; public_revision: number; public_at: string | null } | undefined;
		return row ? { revision: row.revision, publicRevision: row.public_revision, at: row.public_at } : NONE;
	};
	engines.set(db, {
		kind: 'sqlite',
		where: typeof filename === 'string' ? filename : ':memory:',
		known,
		fresh: () => true,
		ready: async () => {},
		read: async () => known(),
		// one connection: Kysely runs its transactions one at a time already
		exclusive: (fn) => fn(),
		begin: async () => {},
		committed: async () => {},
		closeNow: () => sqlite.close(),
		sqlite
	});
	return db;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

// int8 (counts, sums, the schema's bigint ids) and numeric (averages) as numbers: this app's
// counts and ids stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => Number(v));

/** The channel the revisions trigger speaks on (migration 2026-12-10-01-revision-notify). */
const CHANNEL = 'treaty_tracker_revisions';
/** The advisory lock every write transaction takes first: one writer at a time, as SQLite. */
const WRITE_LOCK = 7_340_100_197;
/** The advisory lock migrations and the seed run under: the second instance waits, then serves. */
const SETUP_LOCK = 7_340_100_024;
/** The first half of the two-part advisory locks of tasks run once per database (`exclusively`). */
const TASK_LOCKS = 7_340;
/** PostgreSQL's limit on a statement's parameters. */
const MAX_PARAMETERS = 65_535;

/** SQLite's types as PostgreSQL spells them: 64-bit integers and floats (SQLite's are), bytes. */
const POSTGRES_TYPES: Record<string, 'bigint' | 'double precision' | 'bytea'> = { integer: 'bigint', real: 'double precision', blob: 'bytea' };

/** The schema's types as PostgreSQL spells them, and identity keys for autoincrement ones. */
class PostgresDdl extends OperationNodeTransformer {
	protected override transformDataType(node: DataTypeNode): DataTypeNode {
		const spelled = POSTGRES_TYPES[node.dataType as string];
		return spelled ? DataTypeNode.create(spelled) : node;
	}
	protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
		const out = super.transformColumnDefinition(node);
		if (!out.autoIncrement) return out;
		return { ...out, autoIncrement: undefined, generated: GeneratedNode.create({ byDefault: true, identity: true }) };
	}
}

const ddl: KyselyPlugin = {
	transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => {
		const kind = args.node.kind;
		return kind === 'CreateTableNode' || kind === 'AlterTableNode' ? new PostgresDdl().transformNode(args.node) : args.node;
	},
	transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => args.result
};

function parseRevisions(row: { revision: unknown; public_revision: unknown; public_at: unknown }): Revisions {
	return { revision: Number(row.revision), publicRevision: Number(row.public_revision), at: (row.public_at as string | null) ?? null };
}

export function openPostgres<T>(url: string): Kysely<T> {
	// Connections per instance (DATABASE_POOL_SIZE, 10 by default, 2 at least: opening holds one for
	// the setup lock while the migrations use another): every instance's pool and listener count
	// against the server's max_connections. Idle ones close after 10 s.
	const pool = new pg.Pool({ connectionString: url, max: Math.max(2, Number(process.env.DATABASE_POOL_SIZE) || 10), idleTimeoutMillis: Number(process.env.DATABASE_POOL_IDLE_MS) || 10_000 });
	// An idle connection the server drops (a restart, a failover) is an error on the pool: logged
	// by the next query's failure, not a crash of the process.
	pool.on('error', () => {});
	const db = new Kysely<T>({ dialect: new PostgresDialect({ pool }), plugins: [ddl] });
	let current: Revisions | null = null;
	const take = (r: Revisions) => {
		// they only grow (both move under one row lock): an older notification changes nothing
		if (!current || r.publicRevision > current.publicRevision || r.revision > current.revision) current = r;
		return current;
	};
	const read = async (): Promise<Revisions> => {
		const { rows } = await pool.query('select revision, public_revision, public_at from record_meta where id = 1');
		return take(rows[0] ? parseRevisions(rows[0]) : NONE);
	};

	// The listener: one connection of its own, started when first asked, restarted when lost.
	let listener: pg.Client | null = null;
	let listening = false;
	/** The listener's connection being made (what `ready` waits for). */
	let connecting: Promise<void> | null = null;
	let closed = false;
	let retry: NodeJS.Timeout | undefined;
	/** Ends the listener's connection (a new one is made): after a commit it could not read. */
	let drop: () => void = () => {};
	const listen = () => {
		if (listener || closed) return;
		// Not long to connect: a request waits for it (`ready`) while the listener is down. A
		// connection cut silently (a NAT, a load balancer) sends no error: TCP keepalive, and a
		// heartbeat every 10 s that must answer within 5 s, find it; the heartbeat also reads the
		// revisions, so a notification lost on the way is made up for within 10 s.
		const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000, keepAlive: true, query_timeout: 5000 });
		listener = client;
		let heartbeat: NodeJS.Timeout | undefined;
		const lost = () => {
			if (listener !== client) return;
			listening = false;
			listener = null;
			clearInterval(heartbeat);
			client.end().catch(() => {});
			if (!closed) retry = setTimeout(listen, 1000).unref();
		};
		drop = lost;
		client.on('error', lost);
		client.on('end', lost);
		client.on('notification', (n) => {
			if (n.channel !== CHANNEL || !n.payload) return;
			try {
				take(parseRevisions(JSON.parse(n.payload)));
			} catch {
				// a payload of another version: ask
				read().catch(() => {});
			}
		});
		connecting = client
			.connect()
			.then(() => client.query(`listen ${CHANNEL}`))
			// listening first, then reading: no commit falls between the two
			.then(() => read())
			.then(() => {
				if (listener !== client) return;
				listening = true;
				heartbeat = setInterval(() => {
					Promise.all([client.query('select 1'), read()]).catch(lost);
				}, 10_000).unref();
			})
			.catch(lost)
			.finally(() => (connecting = null));
	};
	/** Write transactions of this instance one at a time: only one of its connections waits for the write lock, the others read. */
	let writing: Promise<unknown> = Promise.resolve();

	engines.set(db, {
		kind: 'postgres',
		where: redacted(url),
		known: () => {
			listen();
			return current;
		},
		fresh: () => {
			listen();
			return listening;
		},
		ready: () => {
			listen();
			// a request waits 2 s at most for a listener being connected
			return connecting ? Promise.race([connecting, new Promise<void>((r) => setTimeout(r, 2000).unref())]) : Promise.resolve();
		},
		read,
		exclusive: <R>(fn: () => Promise<R>): Promise<R> => {
			const turn = writing.then(fn, fn);
			writing = turn.catch(() => {});
			return turn;
		},
		begin: async (trx) => {
			// a transaction stuck holding the lock fails the others after 30 s, not never
			await sql`set local lock_timeout = '30s'`.execute(trx);
			await sql`select pg_advisory_xact_lock(${sql.lit(WRITE_LOCK)})`.execute(trx);
		},
		// This instance's own commit is known before its answer leaves (the NOTIFY may come later).
		// The write is committed whatever happens here: a failed read makes the instance ask again
		// (not fresh until its listener is made again), it does not fail the write.
		committed: async () => {
			await read().catch(() => {
				listening = false;
				drop();
			});
		},
		// (the pool's end, below, ends the listener first)
		closeNow: () => void pool.end().catch(() => {}),
		sqlite: null
	});
	// Kysely's destroy ends the pool; the listener goes with it.
	const end = pool.end.bind(pool);
	pool.end = (async () => {
		closed = true;
		clearTimeout(retry);
		const l = listener;
		listener = null;
		listening = false;
		await l?.end().catch(() => {});
		if (!pool.ended) await end();
	}) as typeof pool.end;
	return db;
}

/**
 * Inserts rows in one go inside the caller's transaction (`db`); the ids of the rows, in order
 * (for a table with an integer `id`). Table and column names come from the code, never input.
 */
export async function insertRows(db: Kysely<any>, table: string, columns: string[], values: unknown[][], upsertOn: string[]): Promise<number[]> {
	const into = `insert into ${quoted(table)} (${columns.map(quoted).join(', ')})`;
	const conflict = upsertClause(columns, upsertOn);
	if (kindOf(db) === 'postgres') {
		const hasId = await hasIdColumn(db, table);
		const ids: number[] = [];
		const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
		for (let i = 0; i < values.length; i += perStatement) {
			const chunk = values.slice(i, i + perStatement);
			let n = 0;
			const rows = chunk.map((row) => `(${row.map(() => `$${++n}`).join(', ')})`).join(', ');
			const out = await db.executeQuery(CompiledQuery.raw(`${into} values ${rows}${conflict}${hasId ? ' returning id' : ''}`, chunk.flat()));
			for (const r of out.rows as { id: number }[]) ids.push(Number(r.id));
		}
		// identity values are drawn in the order of the rows
		return hasId ? ids.sort((a, b) => a - b) : [];
	}
	const sqlite = engines.get(db)?.sqlite;
	if (sqlite) {
		// One prepared statement on the connection (SQLite has one; the transaction is on it):
		// building a Kysely query of 70,000 values (a seed writes ~7,000 rows) costs more than
		// writing them.
		const prepared = sqlite.prepare(`${into} values (${columns.map(() => '?').join(', ')})${conflict}`);
		return values.map((v) => Number(prepared.run(v).lastInsertRowid));
	}
	// A transaction not begun by inTransaction: one statement whose rows travel as one JSON
	// parameter, each row an array, each cell read by position (half the cost of by name).
	// ("where true" lets SQLite tell the upsert's ON CONFLICT from a join's ON.)
	const q = sql<{ rowid: number }>`${sql.raw(into)}
		select ${sql.join(columns.map((_, i) => sql`value ->> ${sql.lit(i)}`))} from json_each(${JSON.stringify(values)}) where true
		${sql.raw(conflict)} returning rowid`;
	return (await q.execute(db)).rows.map((r) => r.rowid);
}

const idColumns = new Map<string, Promise<boolean>>();

/** Whether a table's key is an integer `id` (the schema is the same for every database of this app). */
function hasIdColumn(db: Kysely<any>, table: string): Promise<boolean> {
	let known = idColumns.get(table);
	if (!known) {
		known = sql`select 1 from information_schema.columns where table_schema = current_schema() and table_name = ${table} and column_name = 'id' and data_type in ('bigint', 'integer')`
			.execute(db)
			.then((r) => r.rows.length > 0);
		idColumns.set(table, known);
		known.catch(() => idColumns.delete(table));
	}
	return known;
}

/**
 * Runs `fn` holding a session advisory lock (`key`: one bigint, or two ints) on a connection kept
 * for it: waiting for the lock, or — `wait` false — not running at all (null) when it is taken.
 */
function holding<T>(db: Kysely<any>, key: RawBuilder<unknown>[], wait: boolean, fn: () => Promise<T>): Promise<T | null> {
	const keys = sql.join(key);
	return db.connection().execute(async (conn) => {
		if (wait) await sql`select pg_advisory_lock(${keys})`.execute(conn);
		else if (!(await sql<{ got: boolean }>`select pg_try_advisory_lock(${keys}) as got`.execute(conn)).rows[0]?.got) return null;
		try {
			return await fn();
		} finally {
			await sql`select pg_advisory_unlock(${keys})`.execute(conn);
		}
	});
}

/** Runs `fn` with the setup lock held (migrations and the seed): once, whichever instance comes first. */
export async function underSetupLock<T>(db: Kysely<any>, fn: () => Promise<T>): Promise<T> {
	if (kindOf(db) !== 'postgres') return fn();
	return (await holding(db, [sql.lit(SETUP_LOCK)], true, fn)) as T;
}

/**
 * Runs `fn` unless another instance on the database is running the same `task` (a mail round, a
 * refresh round: once per database, not once per instance); null when one is. SQLite has one
 * server: it runs.
 */
export async function exclusively<T>(db: Kysely<any>, task: string, fn: () => Promise<T>): Promise<T | null> {
	if (kindOf(db) !== 'postgres') return fn();
	return holding(db, [sql.lit(TASK_LOCKS), sql`hashtext(${task})`], false, fn);
}

/**
 * What is wrong with the database's collation, if anything: PostgreSQL's text should sort by code
 * point as SQLite's does (C or C.UTF-8); another locale changes the order of names the database
 * sorts (lists of participants, aliases in data:export) — not wrong, but not the record's order.
 */
export async function collationProblem(db: Kysely<any>): Promise<string | null> {
	if (kindOf(db) !== 'postgres') return null;
	const { rows } = await sql<{ collate: string }>`select datcollate as collate from pg_database where datname = current_database()`.execute(db);
	const collate = rows[0]?.collate ?? '';
	return /^(C|POSIX|C\.UTF-?8)$/i.test(collate)
		? null
		: `the database sorts text by the locale ${collate}, not by code point as SQLite does: lists the database sorts will be in that order (create it with --locale=C.UTF-8 --template=template0; docs/deploying.md)`;
}

/** What the health check says of the database: SQLite's journal mode, PostgreSQL's version. */
export async function describeEngine(db: Kysely<any>): Promise<Record<string, string | null>> {
	if (kindOf(db) === 'postgres') {
		const { rows } = await sql<{ server_version: string }>`show server_version`.execute(db);
		return { engine: 'postgresql', version: rows[0]?.server_version ?? null };
	}
	const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
	return { engine: 'sqlite', journalMode: rows[0]?.journal_mode ?? null };
}

// ---------------------------------------------------------------------------------------------
// For the migrations (which must not import the app; the database layer is not the app)

/** A column's default: the time of the write as ISO 8601 UTC with milliseconds ('2026-12-07T06:07:08.123Z'). */
export function nowIso(db: Kysely<any>): RawBuilder<string> {
	return kindOf(db) === 'postgres'
		? sql<string>`(to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`
		: sql<string>`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
}

/** Refuses `ops` on `table` (append-only tables: the log, acts, their versions). */
export async function appendOnly(db: Kysely<any>, table: string, ops: ('update' | 'delete')[]): Promise<void> {
	if (kindOf(db) === 'postgres') {
		await sql
			.raw(
				`create or replace function append_only() returns trigger language plpgsql as $$ begin raise exception '% is append-only', tg_table_name; end $$`
			)
			.execute(db);
		for (const op of ops) await sql.raw(`create trigger ${table}_no_${op} before ${op} on ${quoted(table)} for each row execute function append_only()`).execute(db);
		return;
	}
	for (const op of ops) {
		await sql.raw(`create trigger ${table}_no_${op} before ${op} on ${quoted(table)} begin select raise(abort, '${table} is append-only'); end`).execute(db);
	}
}

/** Drops what `appendOnly` made for `op` on `table`. */
export async function dropAppendOnly(db: Kysely<any>, table: string, op: 'update' | 'delete'): Promise<void> {
	if (kindOf(db) === 'postgres') await sql.raw(`drop trigger if exists ${table}_no_${op} on ${quoted(table)}`).execute(db);
	else await sql.raw(`drop trigger if exists ${table}_no_${op}`).execute(db);
}

/** A check that `column` holds only characters of the class `chars` ('0-9a-z-'). */
export function onlyCharacters(db: Kysely<any>, column: string, chars: string): RawBuilder<boolean> {
	return kindOf(db) === 'postgres' ? sql<boolean>`${sql.ref(column)} !~ ${sql.lit(`[^${chars}]`)}` : sql<boolean>`${sql.ref(column)} not glob ${sql.lit(`*[^${chars}]*`)}`;
}

/** Makes record_meta announce each move of the revisions (PostgreSQL; SQLite is read each time). */
export async function announceRevisions(db: Kysely<any>): Promise<void> {
	if (kindOf(db) !== 'postgres') return;
	await sql
		.raw(
			`create or replace function announce_revisions() returns trigger language plpgsql as $$ begin
				perform pg_notify('${CHANNEL}', json_build_object('revision', new.revision, 'public_revision', new.public_revision, 'public_at', new.public_at)::text);
				return new; end $$`
		)
		.execute(db);
	await sql.raw(`create trigger record_meta_announce after update on record_meta for each row execute function announce_revisions()`).execute(db);
}

/**
 * After rows were copied in with their own ids (db/copy): the next id drawn comes after them.
 * SQLite's AUTOINCREMENT follows explicit ids by itself; a PostgreSQL identity column's sequence
 * does not, and would hand out ids the copied rows already hold.
 */
export async function afterBulkCopy(db: Kysely<any>, table: string): Promise<void> {
	if (kindOf(db) !== 'postgres' || !(await hasIdColumn(db, table))) return;
	// only an identity id has a sequence (not sources' text ids, nor record_meta's one row)
	const { rows } = await sql<{ seq: string | null }>`select pg_get_serial_sequence(${quoted(table)}, 'id') as seq`.execute(db);
	const seq = rows[0]?.seq;
	if (!seq) return;
	await sql`select setval(${seq}::regclass, coalesce(max(id), 1), max(id) is not null) from ${sql.table(table)}`.execute(db);
}
