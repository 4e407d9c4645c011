import type { Insertable } from 'kysely';
import type { DataStatus, InstrumentKind, InstrumentsTable } from '../db/schema';
import type { LoadContext, SourceEntry } from './context';
import { isoDate } from './dates';
import { LoadError } from './errors';
import { readJson } from './table';

const FILE = 'instruments.json';
const KINDS: InstrumentKind[] = ['convention', 'protocol', 'plan'];

interface InstrumentEntry {
	slug: string;
	sort_order?: number;
	/** ids in sources.json of the files holding this instrument's participation events */
	events?: string[];
	title: string;
	short_title: string;
	kind: InstrumentKind;
	body: string;
	depositary?: string | null;
	reference?: string | null;
	adopted?: string | null;
	parent_slug?: string | null;
	prerequisite_slug?: string | null;
	eif_rule: { kind: string } & Record<string, unknown>;
	open_to?: string | null;
	source_url?: string | null;
	recorded_entry_into_force?: { date: string; source: string } | null;
	note?: string | null;
}

export interface InstrumentSources {
	slug: string;
	sources: (SourceEntry & { file: string; format: string })[];
}

/**
 * Loads data/instruments.json. How complete an instrument's data is follows from its event
 * sources: none → 'none', any transcribed partial source → 'partial', else 'complete'.
 * Returns each instrument with its event sources, for the event loaders.
 */
export async function load(ctx: LoadContext): Promise<InstrumentSources[]> {
	const { instruments } = readJson<{ instruments: InstrumentEntry[] }>(ctx.dataDir, FILE);
	const slugs = new Set(instruments.map((i) => i.slug));
	const out: InstrumentSources[] = [];
	// a parent must be written before the instruments that refer to it
	const refersToAnother = (i: InstrumentEntry) => Number(Boolean(i.parent_slug || i.prerequisite_slug));
	const ordered = [...instruments].sort((a, b) => refersToAnother(a) - refersToAnother(b));
	for (const i of ordered) {
		const where = { file: FILE, value: i.slug };
		if (!i.slug || !i.title || !i.short_title || !i.body) throw new LoadError(`instrument "${i.slug}" lacks slug, title, short_title or body`, where);
		if (!KINDS.includes(i.kind)) throw new LoadError(`instrument "${i.slug}": unknown kind "${i.kind}"`, where);
		if (!i.eif_rule?.kind) throw new LoadError(`instrument "${i.slug}": eif_rule needs a kind`, where);
		for (const ref of [i.parent_slug, i.prerequisite_slug]) {
			if (ref && !slugs.has(ref)) throw new LoadError(`instrument "${i.slug}" refers to unknown "${ref}"`, where);
		}
		const sources = (i.events ?? []).map((id) => {
			const s = ctx.sources.get(id);
			if (!s?.file || !s.format) throw new LoadError(`instrument "${i.slug}": "${id}" is not an event source in sources.json`, where);
			return s as SourceEntry & { file: string; format: string };
		});
		const newest = [...sources].sort((a, b) => (a.recorded_on ?? '').localeCompare(b.recorded_on ?? '')).at(-1);
		const status: DataStatus = sources.length === 0 ? 'none' : sources.some((s) => s.partial) ? 'partial' : 'complete';
		const eif = i.recorded_entry_into_force;
		if (eif && !ctx.sources.has(eif.source)) throw new LoadError(`instrument "${i.slug}": unknown source "${eif.source}"`, where);

		const row: Insertable<InstrumentsTable> = {
			slug: i.slug,
			title: i.title,
			short_title: i.short_title,
			kind: i.kind,
			body: i.body,
			depositary: i.depositary ?? null,
			reference: i.reference ?? null,
			adopted: i.adopted ? isoDate(i.adopted, where) : null,
			parent_slug: i.parent_slug ?? null,
			prerequisite_slug: i.prerequisite_slug ?? null,
			eif_rule: JSON.stringify(i.eif_rule),
			open_to: i.open_to ?? null,
			source_url: i.source_url ?? null,
			data_source_id: newest?.id ?? null,
			data_status: status,
			recorded_entry_into_force: eif ? isoDate(eif.date, where) : null,
			recorded_entry_into_force_source_id: eif?.source ?? null,
			sort_order: i.sort_order ?? 0,
			note: i.note ?? null
		};
		const { slug, ...rest } = row;
		await ctx.trx.insertInto('instruments').values(row).onConflict((oc) => oc.column('slug').doUpdateSet(rest)).execute();
		out.push({ slug: i.slug, sources });
	}
	return out;
}
