// data/review-mechanisms.json: review mechanisms, their settings, cycles, clusters and the
// articles in each, checked with a schema and written as reference data. Articles must be real
// articles of the instrument (loaded from the treaty texts); every fact names its line in the
// facts file it cites. A setting the secretariat confirmed in the app keeps its value when the
// file is brought in again.
import { z } from 'zod';
import type { LoadContext } from './context';
import { isIsoDate } from '../../../dates';
import { LoadError } from '../../text/errors';
import { readJson } from '../../text/table';
import { SETTING_KEYS, type SettingKey } from '../../reviews/config';

export const FILE = 'review-mechanisms.json';
/** The facts file every line number in the configuration points into. */
export const FACTS_SOURCE = 'review-mechanism-facts';
const CONFIG_SOURCE = 'treaty-tracker-review-mechanisms';

const isoDate = z.string().refine(isIsoDate, 'not a date (YYYY-MM-DD)');
const line = z.number().int().positive();
const span = z.strictObject({ earliest: isoDate, latest: isoDate, text: z.string().min(1), line });

const setting = z.strictObject({
	value: z.union([z.number(), z.boolean(), z.null()]),
	confirmed: z.boolean(),
	line,
	text: z.string().min(1)
});


const mechanism = z.strictObject({
	id: z.string().regex(/^[a-z0-9-]+$/),
	title: z.string().min(1),
	short_title: z.string().min(1),
	instruments: z.array(z.string()).min(1),
	instruments_note: z.string().nullish(),
	established: span,
	launched: span.nullish(),
	secretariat: z.strictObject({ text: z.string(), line }).nullish(),
	progress: z.array(z.strictObject({ as_of: isoDate, under_way: z.number().int(), not_started: z.number().int(), line, note: z.string().nullish() })).default([]),
	settings: z.strictObject(Object.fromEntries(SETTING_KEYS.map((k) => [k, setting])) as Record<SettingKey, typeof setting>)
});

const articles = z.strictObject({ confirmed: z.array(z.string()), proposed: z.array(z.string()) });

const cycle = z.strictObject({
	id: z.string().regex(/^[a-z0-9-]+$/),
	mechanism: z.string(),
	title: z.string().min(1),
	draft: z.boolean(),
	draft_note: z.string().nullish(),
	starts: isoDate,
	ends: isoDate,
	dates_line: line,
	phase_months: z.number().int().positive(),
	phase_line: line,
	start_groups: z.array(z.strictObject({ n: z.number().int().positive(), year: z.number().int(), size: z.number().int().positive(), line })).min(1),
	clusters: z
		.array(
			z.strictObject({
				n: z.number().int().positive(),
				title: z.string().min(1),
				title_confirmed: z.boolean(),
				line,
				/** Where the confirmed articles come from, when not the facts file (a source of sources.json, a line of its file). */
				articles_source: z.strictObject({ source: z.string(), line }).nullish(),
				articles: z.record(z.string(), articles)
			})
		)
		.min(1)
});

const file = z.strictObject({ about: z.string(), mechanisms: z.array(mechanism), cycles: z.array(cycle) });

function problem(error: z.ZodError): string {
	const first = error.issues[0];
	return `${first.path.join('.') || '(file)'}: ${first.message}`;
}

export async function load(ctx: LoadContext): Promise<void> {
	const parsed = file.safeParse(readJson<unknown>(ctx.dataDir, FILE));
	if (!parsed.success) throw new LoadError(problem(parsed.error), { file: FILE });
	const { mechanisms, cycles } = parsed.data;
	for (const id of [FACTS_SOURCE, CONFIG_SOURCE]) if (!ctx.sources.has(id)) throw new LoadError(`no source "${id}" in sources.json`, { file: FILE });
	const trx = ctx.trx;
	const instruments = new Set((await trx.selectFrom('instruments').select('slug').execute()).map((i) => i.slug));
	const known = new Set((await trx.selectFrom('articles').select(['instrument_slug', 'number']).execute()).map((a) => `${a.instrument_slug}|${a.number}`));

	for (const m of mechanisms) {
		const fail = (field: string, message: string): never => {
			throw new LoadError(`mechanism "${m.id}": ${field}: ${message}`, { file: FILE, value: m.id });
		};
		for (const slug of m.instruments) if (!instruments.has(slug)) fail('instruments', `no instrument "${slug}"`);
		if (m.established.earliest > m.established.latest) fail('established', 'earliest is after latest');
		const row = {
			id: m.id,
			title: m.title,
			short_title: m.short_title,
			instruments: JSON.stringify(m.instruments),
			instruments_note: m.instruments_note ?? null,
			established_earliest: m.established.earliest,
			established_latest: m.established.latest,
			launched_earliest: m.launched?.earliest ?? null,
			launched_latest: m.launched?.latest ?? null,
			facts: JSON.stringify({ established: m.established, launched: m.launched ?? null, secretariat: m.secretariat ?? null, progress: m.progress }),
			source_id: FACTS_SOURCE
		};
		const { id, ...rest } = row;
		await trx.insertInto('review_mechanisms').values(row).onConflict((oc) => oc.column('id').doUpdateSet(rest)).execute();
		for (const key of SETTING_KEYS) {
			const s = m.settings[key];
			const values = { value: JSON.stringify(s.value), confirmed: s.confirmed ? 1 : 0, text: s.text, source_id: FACTS_SOURCE, source_line: s.line };
			await trx
				.insertInto('review_settings')
				.values({ mechanism_id: m.id, key, ...values, confirmed_by: null, confirmed_at: null })
				// a setting confirmed (or changed) by the secretariat in the app keeps its value
				.onConflict((oc) => oc.columns(['mechanism_id', 'key']).doUpdateSet(values).where('review_settings.confirmed_by', 'is', null))
				.execute();
		}
	}

	const mechanismIds = new Map(mechanisms.map((m) => [m.id, m]));
	for (const c of cycles) {
		const fail = (field: string, message: string): never => {
			throw new LoadError(`cycle "${c.id}": ${field}: ${message}`, { file: FILE, value: c.id });
		};
		const m = mechanismIds.get(c.mechanism) ?? fail('mechanism', `no mechanism "${c.mechanism}"`);
		if (c.starts > c.ends) fail('starts', 'after ends');
		const row = {
			id: c.id, mechanism_id: c.mechanism, title: c.title, draft: c.draft ? 1 : 0, draft_note: c.draft_note ?? null,
			starts: c.starts, ends: c.ends, phase_months: c.phase_months, start_groups: JSON.stringify(c.start_groups), source_id: FACTS_SOURCE
		};
		const { id, ...rest } = row;
		await trx.insertInto('review_cycles').values(row).onConflict((oc) => oc.column('id').doUpdateSet(rest)).execute();
		await trx.deleteFrom('review_cluster_articles').where('cycle_id', '=', c.id).execute();
		const seen = new Set<string>();
		let order = 0;
		for (const [i, k] of c.clusters.entries()) {
			if (k.n !== i + 1) fail(`clusters.${i}.n`, `clusters are numbered in order from 1 (found ${k.n})`);
			if (k.articles_source && !ctx.sources.has(k.articles_source.source)) fail(`clusters.${i}.articles_source`, `no source "${k.articles_source.source}" in sources.json`);
			const cl = { cycle_id: c.id, n: k.n, title: k.title, title_confirmed: k.title_confirmed ? 1 : 0, source_line: k.line };
			await trx.insertInto('review_clusters').values(cl).onConflict((oc) => oc.columns(['cycle_id', 'n']).doUpdateSet({ title: cl.title, title_confirmed: cl.title_confirmed, source_line: cl.source_line })).execute();
			for (const [slug, list] of Object.entries(k.articles)) {
				if (!m.instruments.includes(slug)) fail(`clusters.${i}.articles`, `"${slug}" is not an instrument of mechanism "${m.id}"`);
				for (const [confirmed, numbers] of [[1, list.confirmed], [0, list.proposed]] as const) {
					for (const number of numbers) {
						const key = `${slug}|${number}`;
						if (!known.has(key)) fail(`clusters.${i}.articles.${slug}`, `${slug} has no article ${number}`);
						if (seen.has(key)) fail(`clusters.${i}.articles.${slug}`, `article ${number} is placed in two clusters`);
						seen.add(key);
						await trx.insertInto('review_cluster_articles').values({ cycle_id: c.id, cluster_n: k.n, instrument_slug: slug, article_number: number, confirmed, sort_order: order++ }).execute();
					}
				}
			}
		}
	}
}
