import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadContext, SourceEntry } from './context';
import { isIsoDate } from '../../../dates';
import { LoadError } from '../../text/errors';
import { readJson, readTable, requireColumns } from '../../text/table';
import { isFormat } from '../readers';

const FILE = 'sources.json';
/** Sources added in the app (imports), written back by `npm run data:export`. */
export const ADDED_FILE = 'record/sources.csv';
export const ADDED_COLUMNS = [
	'id', 'title', 'file', 'origin', 'recorded_on', 'recorded_on_note', 'partial', 'licence', 'note', 'table_of', 'format', 'sha256', 'added_by'
] as const;

/**
 * Reads data/sources.json (the shipped catalogue) and data/record/sources.csv (sources added
 * in the app), and checks each entry: id, title and origin; a real date; a shipped file that
 * exists; a known reader.
 */
export function readCatalogue(dataDir: string): Map<string, SourceEntry> {
	const { sources } = readJson<{ sources: SourceEntry[] }>(dataDir, FILE);
	if (!Array.isArray(sources)) throw new LoadError('expected a "sources" list', { file: FILE });
	const byId = new Map<string, SourceEntry>();
	const add = (s: SourceEntry, where: { file: string; line?: number; value: string }) => {
		if (!s.id || !s.title || !s.origin) throw new LoadError(`source "${s.id}" needs id, title and origin`, where);
		if (byId.has(s.id)) throw new LoadError(`source "${s.id}" is listed twice`, where);
		if (s.recorded_on && !isIsoDate(s.recorded_on)) throw new LoadError(`source "${s.id}": recorded_on is not a date`, where);
		if (s.format && !isFormat(s.format)) throw new LoadError(`source "${s.id}": no reader for format "${s.format}"`, where);
		byId.set(s.id, s);
	};
	for (const s of sources) {
		if (s.file && !existsSync(join(dataDir, s.file))) {
			throw new LoadError(`source "${s.id}": file ${s.file} is missing`, { file: FILE, value: s.id });
		}
		add(s, { file: FILE, value: s.id });
	}
	if (existsSync(join(dataDir, ADDED_FILE))) {
		const table = readTable(dataDir, ADDED_FILE);
		requireColumns(table, [...ADDED_COLUMNS]);
		for (const { line, cells } of table.rows) {
			const v = (k: (typeof ADDED_COLUMNS)[number]) => cells[k] || null;
			add(
				{
					id: cells.id, title: cells.title, file: v('file'), origin: cells.origin, recorded_on: v('recorded_on'),
					recorded_on_note: v('recorded_on_note'), partial: cells.partial === '1', licence: v('licence'), note: v('note'),
					table_of: v('table_of'), format: v('format'), sha256: v('sha256'), added_by: v('added_by')
				},
				{ file: ADDED_FILE, line, value: cells.id }
			);
		}
	}
	return byId;
}

export async function load(ctx: LoadContext): Promise<void> {
	for (const s of ctx.sources.values()) {
		// A shipped status table is known by its content too: the same file imported under
		// another name is this source, not a new one.
		const sha256 = s.sha256 ?? (s.table_of && s.file ? createHash('sha256').update(readFileSync(join(ctx.dataDir, s.file))).digest('hex') : null);
		const row = {
			id: s.id,
			title: s.title,
			file: s.file ?? null,
			origin: s.origin,
			recorded_on: s.recorded_on ?? null,
			recorded_on_note: s.recorded_on_note ?? null,
			partial: s.partial ? 1 : 0,
			licence: s.licence ?? null,
			note: s.note ?? null,
			table_of: s.table_of ?? null,
			format: s.format ?? null,
			sha256,
			added_by: s.added_by ?? null
		};
		const { id, ...rest } = row;
		await ctx.trx
			.insertInto('sources')
			.values(row)
			.onConflict((oc) => oc.column('id').doUpdateSet(rest))
			.execute();
	}
}
