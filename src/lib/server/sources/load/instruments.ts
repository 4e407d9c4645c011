import type { Insertable } from 'kysely';
import { z } from 'zod';
import type { InstrumentsTable } from '../../db/schema';
import { eifRule } from '../../record/rules';
import type { LoadContext } from './context';
import { isIsoDate } from '../../../dates';
import { LoadError } from '../../text/errors';
import { readJson } from '../../text/table';
import { FORMATS } from '../readers';

const FILE = 'instruments.json';

const isoDate = z.string().refine(isIsoDate, 'not a date (YYYY-MM-DD)');

/** One entry of data/instruments.json: everything the app needs to know of an instrument. */
const entry = z.strictObject({
	slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a slug is lower-case words joined by hyphens'),
	sort_order: z.number().int().default(0),
	title: z.string().min(1),
	short_title: z.string().min(1),
	kind: z.enum(['convention', 'protocol', 'plan']),
	body: z.string().min(1),
	depositary: z.string().nullish(),
	reference: z.string().nullish(),
	adopted: isoDate.nullish(),
	// what the text is dated by when it is not its adoption: CETS 197 was opened for signature
	opened_for_signature: isoDate.nullish(),
	parent_slug: z.string().nullish(),
	prerequisite_slug: z.string().nullish(),
	eif_rule: eifRule,
	// Who may join: members of some groups on the date (null: any State), participants named
	// although not members, and whether a regional economic integration organisation may.
	open_to: z.strictObject({
		text: z.string().min(1),
		members_of: z.array(z.string()).min(1).nullable(),
		named: z.array(z.string()),
		organisations: z.boolean()
	}),
	binding: z.boolean().default(true),
	source_url: z.string().url().nullish(),
	// the depositary's page of parties that `npm run refresh` fetches, and the reader of its format
	status_page: z.strictObject({ url: z.string().url(), format: z.enum(FORMATS as [string, ...string[]]) }).nullish(),
	// the United Nations Treaty Series reference, with the source and line it was read from
	treaty_series: z
		.strictObject({ registration: z.string().regex(/^\d+$/), volume: z.number().int().positive(), page: z.number().int().positive(), source: z.string(), line: z.number().int().positive() })
		.nullish(),
	recorded_entry_into_force: z.strictObject({ date: isoDate, source: z.string() }).nullish(),
	note: z.string().nullish()
});
type Entry = z.infer<typeof entry>;

/** "instrument "cets-197": eif_rule.threshold: Too small…": the field that is wrong, by its path. */
function problem(slug: string, error: z.ZodError): string {
	const first = error.issues[0];
	const path = first.path.join('.');
	return `instrument "${slug}": ${path || '(entry)'}: ${first.message}`;
}

/**
 * Reads and checks data/instruments.json, then writes the instruments. Every entry is checked
 * against the schema, entry-into-force rule included, so a rule that does not parse stops the
 * load naming the file and the field, never a page request later. References between
 * instruments, to groups, participants and sources must resolve.
 */
export async function load(ctx: LoadContext): Promise<string[]> {
	const raw = readJson<{ instruments: unknown[] }>(ctx.dataDir, FILE);
	if (!Array.isArray(raw.instruments)) throw new LoadError('expected an "instruments" list', { file: FILE });
	const instruments: Entry[] = raw.instruments.map((x, i) => {
		const parsed = entry.safeParse(x);
		const slug = (x as { slug?: string })?.slug ?? `#${i + 1}`;
		if (!parsed.success) throw new LoadError(problem(slug, parsed.error), { file: FILE, value: slug });
		return parsed.data;
	});
	const slugs = new Set(instruments.map((i) => i.slug));
	const groups = new Set((await ctx.trx.selectFrom('groups').select('slug').execute()).map((g) => g.slug));
	const participants = new Set((await ctx.trx.selectFrom('participants').select('code').execute()).map((p) => p.code));

	// a parent must be written before the instruments that refer to it
	const refersToAnother = (i: Entry) => Number(Boolean(i.parent_slug || i.prerequisite_slug));
	for (const i of [...instruments].sort((a, b) => refersToAnother(a) - refersToAnother(b))) {
		const where = { file: FILE, value: i.slug };
		const fail = (field: string, message: string): never => {
			throw new LoadError(`instrument "${i.slug}": ${field}: ${message}`, where);
		};
		if (i.parent_slug && !slugs.has(i.parent_slug)) fail('parent_slug', `no instrument "${i.parent_slug}"`);
		if (i.prerequisite_slug && !slugs.has(i.prerequisite_slug)) fail('prerequisite_slug', `no instrument "${i.prerequisite_slug}"`);
		for (const g of i.open_to.members_of ?? []) if (!groups.has(g)) fail('open_to.members_of', `no group "${g}"`);
		for (const c of i.open_to.named) if (!participants.has(c)) fail('open_to.named', `no participant "${c}"`);
		if (i.binding !== (i.eif_rule.kind !== 'non-binding')) fail('binding', 'a non-binding instrument has the "non-binding" rule, and only it');
		if (i.eif_rule.kind === 'first-of-month' && !groups.has(i.eif_rule.memberGroup)) fail('eif_rule.memberGroup', `no group "${i.eif_rule.memberGroup}"`);
		const eif = i.recorded_entry_into_force;
		if (eif && !ctx.sources.has(eif.source)) fail('recorded_entry_into_force.source', `no source "${eif.source}"`);
		const unts = i.treaty_series;
		if (unts && !ctx.sources.has(unts.source)) fail('treaty_series.source', `no source "${unts.source}"`);
		if (i.adopted && i.opened_for_signature) fail('opened_for_signature', 'an instrument is dated by its adoption or by its opening for signature, not both');

		const row: Insertable<InstrumentsTable> = {
			slug: i.slug,
			title: i.title,
			short_title: i.short_title,
			kind: i.kind,
			body: i.body,
			depositary: i.depositary ?? null,
			reference: i.reference ?? null,
			// the day nothing can be signed before: its adoption, or its opening for signature (then said so: opened_for_signature)
			adopted: i.adopted ?? i.opened_for_signature ?? null,
			parent_slug: i.parent_slug ?? null,
			prerequisite_slug: i.prerequisite_slug ?? null,
			eif_rule: JSON.stringify(i.eif_rule),
			open_to: i.open_to.text,
			open_to_groups: i.open_to.members_of ? JSON.stringify(i.open_to.members_of) : null,
			open_to_named: JSON.stringify(i.open_to.named),
			open_to_organisations: i.open_to.organisations ? 1 : 0,
			binding: i.binding ? 1 : 0,
			source_url: i.source_url ?? null,
			recorded_entry_into_force: eif?.date ?? null,
			recorded_entry_into_force_source_id: eif?.source ?? null,
			sort_order: i.sort_order,
			note: i.note ?? null,
			opened_for_signature: i.opened_for_signature ?? null,
			status_page_url: i.status_page?.url ?? null,
			status_page_format: i.status_page?.format ?? null,
			unts_registration: unts?.registration ?? null,
			unts_volume: unts?.volume ?? null,
			unts_page: unts?.page ?? null,
			unts_source_id: unts?.source ?? null,
			unts_source_line: unts?.line ?? null
		};
		const { slug, ...rest } = row;
		await ctx.trx.insertInto('instruments').values(row).onConflict((oc) => oc.column('slug').doUpdateSet(rest)).execute();
	}
	for (const s of ctx.sources.values()) {
		if (s.table_of && !slugs.has(s.table_of)) {
			throw new LoadError(`source "${s.id}": table_of: no instrument "${s.table_of}"`, { file: 'sources.json', value: s.id });
		}
	}
	return instruments.map((i) => i.slug);
}
