import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadContext, SourceEntry } from './context';
import { isIsoDate } from './dates';
import { LoadError } from './errors';
import { readJson } from './table';

const FILE = 'sources.json';

/** Reads data/sources.json and checks each entry names a file that exists. */
export function readCatalogue(dataDir: string): Map<string, SourceEntry> {
	const { sources } = readJson<{ sources: SourceEntry[] }>(dataDir, FILE);
	if (!Array.isArray(sources)) throw new LoadError('expected a "sources" list', { file: FILE });
	const byId = new Map<string, SourceEntry>();
	for (const s of sources) {
		const where = { file: FILE, value: s.id };
		if (!s.id || !s.title || !s.origin) throw new LoadError(`source "${s.id}" needs id, title and origin`, where);
		if (byId.has(s.id)) throw new LoadError(`source "${s.id}" is listed twice`, where);
		if (s.recorded_on && !isIsoDate(s.recorded_on)) {
			throw new LoadError(`source "${s.id}": recorded_on is not a date`, where);
		}
		if (s.file && !existsSync(join(dataDir, s.file))) {
			throw new LoadError(`source "${s.id}": file ${s.file} is missing`, where);
		}
		byId.set(s.id, s);
	}
	return byId;
}

export async function load(ctx: LoadContext): Promise<void> {
	for (const s of ctx.sources.values()) {
		const row = {
			id: s.id,
			title: s.title,
			file: s.file ?? null,
			origin: s.origin,
			recorded_on: s.recorded_on ?? null,
			recorded_on_note: s.recorded_on_note ?? null,
			partial: s.partial ? 1 : 0,
			licence: s.licence ?? null,
			note: s.note ?? null
		};
		const { id, ...rest } = row;
		await ctx.trx
			.insertInto('sources')
			.values(row)
			.onConflict((oc) => oc.column('id').doUpdateSet(rest))
			.execute();
	}
}
