// Participants: States and the European Union, with the names people type for them.
import type { Db } from '../db';
import { collate, locale, stateName } from '../../i18n';

/** The source of when a State entered the system of States (Correlates of War, state-year): a participant's existence label names it. */
export const COW_STATE_YEAR = 'cow-igo-v3-state-year';

export async function list(db: Db) {
	return db.selectFrom('participants').select(['code', 'name', 'kind', 'region', 'subregion', 'since']).orderBy('name').execute();
}

/** Every participant's name and the other names it is known by (old UNTC names, short forms). */
export async function names(db: Db): Promise<{ code: string; name: string; aliases: string[] }[]> {
	const [people, aliases] = await Promise.all([
		db.selectFrom('participants').select(['code', 'name']).orderBy('name').execute(),
		db.selectFrom('participant_aliases').select(['alias', 'code']).execute()
	]);
	const byCode = new Map<string, string[]>();
	for (const a of aliases) byCode.set(a.code, [...(byCode.get(a.code) ?? []), a.alias]);
	return people.map((p) => ({ ...p, aliases: byCode.get(p.code) ?? [] }));
}

/** Whether a participant has this code (ISO 3166-1 alpha-3, upper case; EUU for the European Union). */
export async function exists(db: Db, code: string): Promise<boolean> {
	return (await db.selectFrom('participants').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

/** Lower case without accents: "Côte d'Ivoire" and "cote d'ivoire" are one search. */
const folded = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/**
 * The participants a reader's search names, by name: a word of its name — in English or in the
 * request's language — or of another name it is known by (data/aliases.csv, the sources'
 * spellings: "uk", "south korea", "côte d'ivoire") that starts with the text, or its ISO code
 * (alpha-3 or alpha-2). "thai" finds Thailand; "korea" both Koreas; "gb" the United Kingdom;
 * "allemagne" Germany on a French page. Sorted by the name the request's language gives.
 */
export async function search(db: Db, q: string) {
	const text = folded(q).replace(/\s+/g, ' ');
	if (!text) return [];
	const [people, aliases] = await Promise.all([
		db.selectFrom('participants').select(['code', 'name', 'iso2', 'kind', 'region', 'subregion', 'since']).orderBy('name').execute(),
		db.selectFrom('participant_aliases').select(['alias', 'code']).where('code', 'is not', null).execute()
	]);
	const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	// at the start of the name or of one of its words (after a space, hyphen, apostrophe or bracket)
	const word = new RegExp(`(^|[\\s\\-'(])${escaped}`);
	// the language's own names: Arabic words may begin with the article (الـ), Chinese has no spaces between words
	const to = locale();
	const own = to === 'zh' ? { test: (s: string) => s.includes(text) } : to === 'ar' ? new RegExp(`(^|[\\s\\-'(])(ال)?${escaped}`) : word;
	const named = new Set(aliases.filter((a) => word.test(folded(a.alias))).map((a) => a.code));
	const upper = text.toUpperCase();
	const shown = (p: { code: string; name: string }) => stateName(p.code, p.name, to);
	return people
		.filter((p) => p.code === upper || p.iso2 === upper || word.test(folded(p.name)) || own.test(folded(shown(p))) || named.has(p.code))
		.sort((a, b) => collate(shown(a), shown(b), to))
		.map(({ iso2: _, ...p }) => p);
}
