// db:copy (db/copy.ts): a whole database into an empty one — SQLite into SQLite always; into
// PostgreSQL and back when TEST_DATABASE_URL names a server whose role may create databases.
// Every table and every row arrives with its id; the copy then takes new writes with ids of its
// own; a target that holds a record, and a source that is not a Treaty Tracker database, are
// refused without a write.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as identity from '../../src/lib/server/accounts/identity';
import { createSession } from '../../src/lib/server/accounts/sessions';
import * as users from '../../src/lib/server/accounts/users';
import { copyDatabase, OWN_REFERENCES, REFERENCES, TABLES } from '../../src/lib/server/db/copy';
import { createDb, redacted, sqliteOf, type Db } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import * as editing from '../../src/lib/server/record/editing';
import * as participation from '../../src/lib/server/record/participation';
import * as files from '../../src/lib/server/sources/import-files';
import { openDatabase } from '../../src/lib/server/sources/open';
import { scratchPostgres } from '../../scripts/server-process.js';

const DATA_DIR = resolve(__dirname, '../../data');
const INSTRUMENTS: { slug: string; source_url: string }[] = JSON.parse(readFileSync(join(DATA_DIR, 'instruments.json'), 'utf8')).instruments;
const C189_PAGE = INSTRUMENTS.find((i) => i.slug === 'ilo-c189')!.source_url;
const TIP_PAGE = INSTRUMENTS.find((i) => i.slug === 'trafficking-protocol')!.source_url;
/** The UNTC table of the Trafficking Protocol, kept as an import's file: bytes in a blob column. */
const TIP_TABLE = 'raw/crba_etl_2023_normlex_untc/untc_XVIII-12-a_X-4.csv';

let dir: string;
/** A database file seeded from data/, then written to as people do: an account, a session, a correction, a kept file. */
let source: string;
let editor: identity.SignedIn;
const ADDRESS = '203.0.113.7';

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'treaty-tracker-copy-'));
	source = join(dir, 'source.db');
	const db = await openDatabase(source, { dataDir: DATA_DIR });
	try {
		editor = await users.createUser(db, { email: 'editor@example.org', role: 'editor', actor: 'a test' });
		await createSession(db, { userId: editor.id, address: ADDRESS, userAgent: 'a test' });
		// Germany's C189 ratification, corrected to the day NORMLEX gives (editing.test.ts)
		const act = (await participation.find(db, { instrument: 'ilo-c189', participant: 'DEU', kind: 'consent', seq: 1 }))!;
		const corrected = await editing.correct(db, {
			id: act.id,
			basedOn: act.version,
			changes: { date: '2013-09-20' },
			source: C189_PAGE,
			reason: 'NORMLEX registers the ratification on 20 September 2013.',
			actor: identity.actorOf(editor, ADDRESS)
		});
		expect(corrected.ok).toBe(true);
		await files.keep(db, { name: 'untc_XVIII-12-a_X-4.csv', text: readFileSync(join(DATA_DIR, TIP_TABLE), 'utf8'), actor: identity.actorOf(editor, ADDRESS) });
	} finally {
		await db.destroy();
	}
}, 120_000);

afterAll(() => {
	rmSync(dir, { recursive: true, force: true });
});

/** A table's rows, each as one comparable line (bytes as hex), sorted: two databases holding the same rows read the same. */
async function rowsOf(db: Db, table: string): Promise<string[]> {
	const rows = await (db as Db).selectFrom(table as 'sources').selectAll().execute();
	const line = (row: Record<string, unknown>) =>
		JSON.stringify(Object.keys(row).sort().map((k) => [k, Buffer.isBuffer(row[k]) ? (row[k] as Buffer).toString('hex') : row[k]]));
	return rows.map(line).sort();
}

/** Every table of `copy` holds exactly the rows of `original`, ids and bytes included. */
async function expectSameRows(original: string, copy: string) {
	const [a, b] = [createDb(original), createDb(copy)];
	try {
		for (const table of TABLES) expect.soft(await rowsOf(b, table), table).toEqual(await rowsOf(a, table));
		const kept = await b.selectFrom('import_files').select('content').executeTakeFirstOrThrow();
		expect(Buffer.from(kept.content).equals(readFileSync(join(DATA_DIR, TIP_TABLE)))).toBe(true);
	} finally {
		await Promise.all([a.destroy(), b.destroy()]);
	}
}

/** A new act written through the editing form's door after the copy: its act, version and audit entry take ids after the copied ones. */
async function expectFreshIds(target: string) {
	const db = createDb(target);
	try {
		const max = async (table: 'acts' | 'act_versions' | 'audit_log') => (await db.selectFrom(table).select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id as number;
		const before = { acts: await max('acts'), versions: await max('act_versions'), audit: await max('audit_log') };
		// Uganda signed the Trafficking Protocol; the record holds no consent of it (editing.test.ts)
		const saved = await editing.record(db, {
			instrument: 'trafficking-protocol',
			participant: 'UGA',
			values: { event: 'ratification', date: '2004-06-01' },
			source: TIP_PAGE,
			actor: identity.actorOf(editor, ADDRESS),
			confirmed: true
		});
		if (!saved.ok) throw new Error(`not recorded: ${JSON.stringify(saved)}`);
		expect(saved.act.id).toBe(before.acts + 1);
		const version = await db.selectFrom('act_versions').select('id').where('act_id', '=', saved.act.id).executeTakeFirstOrThrow();
		expect(version.id).toBe(before.versions + 1);
		const entries = await db.selectFrom('audit_log').select('id').where('id', '>', before.audit).orderBy('id').execute();
		expect(entries[0]?.id).toBe(before.audit + 1);
	} finally {
		await db.destroy();
	}
}

async function refusal(p: Promise<unknown>): Promise<string> {
	return p.then(
		() => 'not refused',
		(e: Error) => e.message
	);
}

describe('what it copies', () => {
	test('every table of a migrated database, each after the tables its references name', async () => {
		const db = createDb(':memory:');
		await migrateToLatest(db);
		const sqlite = sqliteOf(db)!;
		try {
			const tables = (await db.introspection.getTables()).filter((t) => !t.isView).map((t) => t.name);
			expect([...TABLES].sort()).toEqual(tables.sort());
			for (const table of TABLES) {
				const keys = sqlite.pragma(`foreign_key_list('${table}')`) as { table: string; from: string; to: string }[];
				expect([...new Set(keys.map((k) => k.table))].sort(), table).toEqual([...REFERENCES[table]].sort());
				for (const k of keys) {
					if (k.table !== table) expect(TABLES.indexOf(k.table as never), `${table} → ${k.table}`).toBeLessThan(TABLES.indexOf(table));
					// a row referencing its own table: by id (rows go in id order) or as OWN_REFERENCES orders them
					else if (k.to !== 'id') expect(OWN_REFERENCES[table]?.by, `${table}.${k.from}`).toContain(k.from);
				}
			}
		} finally {
			await db.destroy();
		}
	});
});

describe('SQLite into SQLite', () => {
	test('every row with its id and bytes; the counts checked; new writes take the next ids', async () => {
		const target = join(dir, 'copy.db');
		const lines: string[] = [];
		const report = await copyDatabase({ from: source, to: target, log: (l) => lines.push(l) });
		expect(report.problems).toEqual([]);
		expect(report.tables.map((t) => t.table)).toEqual(TABLES);
		const acts = report.tables.find((t) => t.table === 'acts')!;
		expect(acts.target).toBe(acts.source);
		expect(acts.source).toBeGreaterThan(2000);
		expect(report.revision.target).toBe(report.revision.source);
		expect(lines).toContain(`acts: ${acts.source} rows`);
		await expectSameRows(source, target);
		await expectFreshIds(target);
	});

	test('a target that holds a record is refused, named, and left as it was', async () => {
		const target = join(dir, 'held.db');
		await copyDatabase({ from: source, to: target });
		const auditOf = async () => {
			const db = createDb(target);
			return rowsOf(db, 'audit_log').finally(() => db.destroy());
		};
		const before = await auditOf();
		const message = await refusal(copyDatabase({ from: source, to: target }));
		expect(message).toContain(`${target} already holds a record (seeded on `);
		expect(message).toMatch(/rows: \d+ in acts, \d+ in act_versions, \d+ in audit_log, 1 in users/);
		expect(message).toMatch(/copies only into an empty database, never over one\. Give it a new SQLite file, or an empty PostgreSQL database/);
		expect(await auditOf()).toEqual(before);
	});

	test('a source that is not a Treaty Tracker database is refused before anything is written, the source untouched', async () => {
		const target = join(dir, 'never.db');
		// a missing file is not made
		const missing = join(dir, 'tracker.db');
		expect(await refusal(copyDatabase({ from: missing, to: target }))).toBe(`there is no database at ${missing}`);
		expect(existsSync(missing)).toBe(false);
		// a file of data/ that is not a database
		const json = join(dir, 'instruments.json');
		copyFileSync(join(DATA_DIR, 'instruments.json'), json);
		expect(await refusal(copyDatabase({ from: json, to: target }))).toBe(`cannot read ${json}: file is not a database`);
		expect(readFileSync(json)).toEqual(readFileSync(join(DATA_DIR, 'instruments.json')));
		// a SQLite database of something else: not migrated into a Treaty Tracker one
		const other = join(dir, 'other.db');
		const sqlite = new SQLite(other);
		sqlite.exec('create table notes (id integer primary key, text text)');
		sqlite.close();
		expect(await refusal(copyDatabase({ from: other, to: target }))).toBe(`${other} is not a Treaty Tracker database (it has no record_meta table)`);
		const after = new SQLite(other, { readonly: true });
		expect(after.prepare(`select name from sqlite_master where type = 'table'`).pluck().all()).toEqual(['notes']);
		after.close();
		expect(existsSync(target)).toBe(false);
	});
});

const ADMIN = process.env.TEST_DATABASE_URL;

// once per run: in the PostgreSQL leg of npm run test:unit (scripts/unit.js), not again in the SQLite one
describe.skipIf(!ADMIN || process.env.TEST_DATABASE === 'sqlite')('SQLite into PostgreSQL, and back', () => {
	let scratch: Awaited<ReturnType<typeof scratchPostgres>> | undefined;
	let url: string;
	beforeAll(async () => {
		scratch = await scratchPostgres(ADMIN!, `tt_copy_${Math.random().toString(36).slice(2, 10)}`);
		url = scratch.url;
	});
	// PostgreSQL 15 checkpoints to drop a database: seconds while the suite is making dozens
	afterAll(() => scratch?.remove(), 120_000);

	test('every row with its id and bytes; back into SQLite the same; new writes take the next ids; a second copy is refused', async () => {
		const report = await copyDatabase({ from: source, to: url });
		expect(report.problems).toEqual([]);
		expect(report.to).toBe(redacted(url));
		await expectSameRows(source, url);

		const back = join(dir, 'back.db');
		expect((await copyDatabase({ from: url, to: back })).problems).toEqual([]);
		await expectSameRows(source, back);

		// the identity sequences were set past the copied ids
		await expectFreshIds(url);

		const message = await refusal(copyDatabase({ from: source, to: url }));
		expect(message).toContain(`${redacted(url)} already holds a record (seeded on `);
		if (new URL(url).password) expect(message).not.toContain(url);
	});
});
