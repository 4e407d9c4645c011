// Building the database from data/. Two parts, two rules:
// - the reference (sources catalogue, participants, groups and memberships, instruments) is
//   shipped configuration: brought in when the database is built, and again whenever its files
//   change (they are upserted; nothing of the record depends on a row they drop);
// - the record (participation acts, data/record/acts.csv) is seeded once, through the one write
//   path, when the database has never been seeded. After that the database is the record: a
//   changed file in data/ is brought in with `npm run import`, and `npm run data:export` writes
//   the record back to data/record/ for review.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db';
import { inTransaction } from '../../db';
import * as audit from '../../audit/log';
import * as imports from '../imports';
import * as participation from '../../record/participation';
import { read as readActs } from '../readers/tracker-csv';
import * as articles from './articles';
import type { LoadContext } from './context';
import { LoadError } from '../../text/errors';
import * as instruments from './instruments';
import * as memberships from './memberships';
import * as participants from './participants';
import * as policyEvents from './policy-events';
import * as reviewMechanisms from './review-mechanisms';
import * as sources from './sources';
import * as totals from './totals';
import { readTable, readText, requireColumns } from '../../text/table';
import { normaliseName } from '../../text/names';

export { LoadError } from '../../text/errors';
export { normaliseName } from '../../text/names';

export const SEED_ACTOR = 'seed data';
/** The record as data/ ships it: every act's current version, with its source and line. */
export const ACTS_FILE = 'record/acts.csv';

export interface LoadReport {
	summary: string;
	counts: Record<string, number>;
	warnings: string[];
}

/**
 * A fingerprint of the reference files: the catalogue and every file it names that is not a
 * status table, plus instruments.json. When it changes, the reference is brought in again.
 */
export function referenceHash(dataDir: string): string {
	const hash = createHash('sha256');
	const catalogue = sources.readCatalogue(dataDir);
	const files = ['sources.json', 'instruments.json', ...[...catalogue.values()].filter((s) => s.file && !s.table_of && !s.added_by).map((s) => s.file!)];
	for (const f of files.sort()) hash.update(f).update('\0').update(readFileSync(join(dataDir, f))).update('\0');
	return hash.digest('hex');
}

/** Upserts the reference from dataDir inside a transaction. */
async function loadReference(ctx: LoadContext): Promise<number> {
	await sources.load(ctx);
	const people = await participants.load(ctx);
	const inserted = await memberships.load(ctx, people);
	await instruments.load(ctx);
	await articles.load(ctx);
	await totals.load(ctx);
	await policyEvents.load(ctx);
	await reviewMechanisms.load(ctx);
	return inserted;
}

function context(trx: LoadContext['trx'], dataDir: string, warnings: string[]): LoadContext {
	return { trx, dataDir, sources: sources.readCatalogue(dataDir), warn: (m) => warnings.push(m) };
}

/**
 * Brings the reference files in again (the acts are left as they are). When they changed, it is
 * a change to the treaty record, audited as the seed data: the record's and the public state's
 * revisions move, so a server running while a command (`npm run import`, `draw`, `user:create`)
 * opened the database and brought a changed data/ in builds its record and its pages again.
 */
export async function syncReference(db: Db, { dataDir }: { dataDir: string }): Promise<LoadReport> {
	const warnings: string[] = [];
	const hash = referenceHash(dataDir);
	const inserted = await inTransaction(db, async (trx) => {
		const was = (await trx.selectFrom('record_meta').select('reference_hash').where('id', '=', 1).executeTakeFirstOrThrow()).reference_hash;
		const n = await loadReference(context(trx, dataDir, warnings));
		if (was === hash) return n;
		await trx.updateTable('record_meta').set({ reference_hash: hash }).where('id', '=', 1).execute();
		await audit.write(trx, [
			{
				actor: SEED_ACTOR,
				action: 'sync',
				entity: 'reference',
				entityId: hash.slice(0, 16),
				summary: `the reference files (sources, participants, groups, instruments, articles, published totals, policy events, review mechanisms) brought in again: ${n} membership${n === 1 ? '' : 's'} new`,
				before: { reference_hash: was },
				after: { reference_hash: hash },
				sourceId: null,
				reason: 'the reference files in data/ changed'
			}
		]);
		return n;
	});
	return report(db, dataDir, { memberships: inserted, acts: 0 }, warnings);
}

/**
 * Builds a never-seeded database from dataDir in one transaction: the reference, then every act
 * of data/record/acts.csv recorded through the write path as `seed data`. A bad row stops it
 * with a LoadError (file, line, field) and leaves the database as it was.
 */
export async function seed(db: Db, { dataDir }: { dataDir: string }): Promise<LoadReport> {
	const warnings: string[] = [];
	const hash = referenceHash(dataDir);
	const inserted = await inTransaction(db, async (trx) => {
		const meta = await trx.selectFrom('record_meta').select('seeded_at').executeTakeFirstOrThrow();
		if (meta.seeded_at) throw new LoadError(`the record was already seeded on ${meta.seeded_at}; bring changes in with npm run import`, { file: ACTS_FILE });
		const ctx = context(trx, dataDir, warnings);
		const memberships = await loadReference(ctx);
		await seedAliases(trx, dataDir);
		const acts = await seedActs(trx, dataDir, ctx);
		await trx
			.updateTable('record_meta')
			.set({ seeded_at: new Date().toISOString(), seeded_from: dataDir, reference_hash: hash })
			.where('id', '=', 1)
			.execute();
		return { memberships, acts };
	});
	return report(db, dataDir, inserted, warnings);
}

/** data/record/aliases.csv: names mapped to participants in the app (during imports), written by data:export. */
export const ALIASES_FILE = 'record/aliases.csv';
export const ALIAS_COLUMNS = ['alias', 'code', 'note', 'added_by', 'added_at'] as const;

async function seedAliases(trx: LoadContext['trx'], dataDir: string): Promise<void> {
	if (!existsSync(join(dataDir, ALIASES_FILE))) return;
	const table = readTable(dataDir, ALIASES_FILE);
	requireColumns(table, [...ALIAS_COLUMNS]);
	const codes = new Set((await trx.selectFrom('participants').select('code').execute()).map((r) => r.code));
	for (const { line, cells } of table.rows) {
		const where = { file: ALIASES_FILE, line };
		if (!codes.has(cells.code)) throw new LoadError(`code: "${cells.code}" is not a participant`, { ...where, value: cells.code });
		const alias = normaliseName(cells.alias);
		if (!alias) throw new LoadError('alias: empty', where);
		const row = { alias, code: cells.code, note: cells.note || null, added_by: cells.added_by || null, added_at: cells.added_at || null };
		await trx.insertInto('participant_aliases').values(row).onConflict((oc) => oc.column('alias').doUpdateSet(row)).execute();
	}
}

async function seedActs(trx: LoadContext['trx'], dataDir: string, ctx: LoadContext): Promise<number> {
	if (!existsSync(join(dataDir, ACTS_FILE))) {
		ctx.warn(`${ACTS_FILE} is missing: the record starts empty`);
		return 0;
	}
	const text = readText(dataDir, ACTS_FILE);
	const read = readActs(text, { file: ACTS_FILE, codeOf: () => undefined });
	// The write path checks these too; checked here first so a bad row is named by its line.
	const known = {
		instruments: new Set((await trx.selectFrom('instruments').select('slug').execute()).map((r) => r.slug)),
		participants: new Set((await trx.selectFrom('participants').select('code').execute()).map((r) => r.code)),
		sources: new Set((await trx.selectFrom('sources').select('id').execute()).map((r) => r.id))
	};
	for (const a of read.acts) {
		const where = { file: ACTS_FILE, line: a.line };
		if (!known.instruments.has(a.instrument!)) throw new LoadError(`instrument: there is no instrument "${a.instrument}"`, { ...where, value: a.instrument });
		if (!known.participants.has(a.code!)) throw new LoadError(`participant: there is no participant "${a.code}"`, { ...where, value: a.code });
		if (!known.sources.has(a.sourceId!)) throw new LoadError(`source: there is no source "${a.sourceId}" in sources.json or ${sources.ADDED_FILE}`, { ...where, value: a.sourceId });
	}
	const { incoming } = imports.identify(read.acts, { file: ACTS_FILE, instrument: null, sourceId: null, codeOf: () => undefined });
	const diff = imports.diff(await participation.current(trx), incoming);
	try {
		const { written } = await participation.apply(trx, { actor: SEED_ACTOR, writes: imports.writes(diff) });
		return written;
	} catch (e) {
		if (e instanceof participation.WriteError) throw new LoadError(e.message, { file: ACTS_FILE });
		throw e;
	}
}

async function report(db: Db, dataDir: string, inserted: { memberships: number; acts: number }, warnings: string[]): Promise<LoadReport> {
	const counts: Record<string, number> = {};
	const tables = ['sources', 'participants', 'participant_aliases', 'groups', 'memberships', 'instruments', 'acts', 'act_versions', 'audit_log'] as const;
	for (const table of tables) {
		const { n } = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		counts[table] = Number(n);
	}
	counts['written acts'] = inserted.acts;
	counts['inserted memberships'] = inserted.memberships;
	const summary =
		`${counts.instruments} instruments, ${counts.participants} participants, ${counts.groups} groups, ` +
		`${counts.memberships} memberships and ${counts.acts} acts from ${dataDir} ` +
		`(${inserted.acts} acts written, ${inserted.memberships} memberships new)`;
	return { summary, counts, warnings };
}
