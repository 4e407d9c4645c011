// The six official languages of the UN: which one a request is in, and the names, numbers,
// dates and links that follow from it. The language is the address's first segment alone
// (/fr/…, /ar/…; English without one) on the server (src/hooks.server.ts runs every request in
// its language) and in the browser alike: no cookie, no Accept-Language, so a public answer is
// the same for everyone who asks for its address. Messages: `m` from $lib/paraglide/messages
// (messages/<area>/<locale>.json, see README "Translations").
import { getLocale, localizeHref, deLocalizeHref, locales, baseLocale, type Locale } from '$lib/paraglide/runtime';
import UN from './un-names.json';

export { locales, baseLocale, type Locale };

/** The language of the request (server) or of the page's address (browser). */
export function locale(): Locale {
	return getLocale();
}

/** Each language by its own name, in the UN's order (Arabic, Chinese, English, French, Russian, Spanish). */
export const LANGUAGES: readonly { code: Locale; name: string; dir: 'ltr' | 'rtl' }[] = [
	{ code: 'ar', name: 'العربية', dir: 'rtl' },
	{ code: 'zh', name: '中文', dir: 'ltr' },
	{ code: 'en', name: 'English', dir: 'ltr' },
	{ code: 'fr', name: 'Français', dir: 'ltr' },
	{ code: 'ru', name: 'Русский', dir: 'ltr' },
	{ code: 'es', name: 'Español', dir: 'ltr' }
];

export function dir(l: Locale = locale()): 'ltr' | 'rtl' {
	return l === 'ar' ? 'rtl' : 'ltr';
}

/** The locale Intl formats with: English reads as it always has here (25 December 2003). */
export function intlLocale(l: Locale = locale()): string {
	return l === 'en' ? 'en-GB' : l === 'zh' ? 'zh-Hans' : l;
}

/**
 * A path of this site in the request's language ("/instruments/untoc" → "/fr/instruments/untoc");
 * anything else (another site, "#top", "?asOf=…", "mailto:") is returned as it is.
 */
export function l(href: string, to: Locale = locale()): string {
	if (!href.startsWith('/') || href.startsWith('//')) return href;
	// "/fr", not "/fr/" (which answers with a redirect to "/fr")
	return localizeHref(href, { locale: to }).replace(/^(\/[a-z]{2})\/(?=$|[?#])/, '$1');
}

/** The path without its language ("/fr/instruments/untoc" → "/instruments/untoc"). */
export function unlocalized(path: string): string {
	return deLocalizeHref(path);
}

const un = UN as { iso2: Record<string, string>; names: Record<string, Record<string, string>> };
const displayNames = new Map<string, Intl.DisplayNames>();

/**
 * A participant's short name in the request's language: the UN's own (UNTERM) where it differs
 * from CLDR, else CLDR's (Intl.DisplayNames), else the record's English name. English keeps the
 * record's name. `code` is the participant's code (ISO 3166 alpha-3, "EUU" for the EU).
 */
export function stateName(code: string, english: string, to: Locale = locale()): string {
	if (to === 'en') return english;
	const own = un.names[to]?.[code];
	if (own) return own;
	const two = un.iso2[code] ?? (code === 'EUU' ? 'EU' : undefined);
	if (!two) return english;
	let names = displayNames.get(to);
	if (!names) displayNames.set(to, (names = new Intl.DisplayNames([intlLocale(to)], { type: 'region', fallback: 'none' })));
	return names.of(two) ?? english;
}

const collators = new Map<string, Intl.Collator>();

/** Compares two texts as the request's language sorts them (for lists sorted by name). */
export function collate(a: string, b: string, to: Locale = locale()): number {
	let c = collators.get(to);
	if (!c) collators.set(to, (c = new Intl.Collator(intlLocale(to), { sensitivity: 'base', numeric: true })));
	return c.compare(a, b);
}

/** 12,345 · 12 345 · 12.345 — the request's language's digits and grouping. */
export function number(n: number, to: Locale = locale()): string {
	return n.toLocaleString(intlLocale(to));
}

/** 62 % · 62 % · 62% — a share (0–1) as the request's language writes a percentage. */
export function percent(share: number, to: Locale = locale()): string {
	return share.toLocaleString(intlLocale(to), { style: 'percent', maximumFractionDigits: 0 });
}

/**
 * A table of labels read in the request's language each time one is read: each key's value is
 * its message, called on access (`STATUS_LABELS.party` → "Partie (en vigueur)" under /fr/).
 * Spreading such a table copies the words of the moment: compose tables with `translated` again.
 */
export function translated<K extends string>(messages: Record<K, () => string>): Readonly<Record<K, string>> {
	const table = {} as Record<K, string>;
	for (const key of Object.keys(messages) as K[]) Object.defineProperty(table, key, { get: messages[key], enumerable: true });
	return table;
}

import TITLES from './titles.json';

/** A name in the request's language, or the English one where no source gives it (`lang: 'en'`, marked on the page). */
export interface Named {
	text: string;
	/** the language the text is in: the request's, or 'en' when shown in English for want of a source */
	lang: Locale;
}

const titles = TITLES as {
	instruments: Record<string, Partial<Record<Locale, { title: string; short?: string }>>>;
	organisations: Record<string, Partial<Record<Locale, string>>>;
	m49: Record<string, Partial<Record<Locale, string>>>;
};

/**
 * An instrument's name for lists, tables and maps: the short title a source gives in the
 * request's language, else the full title it gives there, else the record's English short
 * title (marked). data/i18n/instrument-titles.csv names each title's source.
 */
export function instrumentName(slug: string, englishShort: string, to: Locale = locale()): Named {
	if (to === 'en') return { text: englishShort, lang: 'en' };
	const t = titles.instruments[slug]?.[to];
	return t ? { text: t.short ?? t.title, lang: to } : { text: englishShort, lang: 'en' };
}

/** An instrument's full title in the request's language where a source gives it, else the English (marked). */
export function instrumentTitle(slug: string, englishTitle: string, to: Locale = locale()): Named {
	if (to === 'en') return { text: englishTitle, lang: 'en' };
	const t = titles.instruments[slug]?.[to];
	return t ? { text: t.title, lang: to } : { text: englishTitle, lang: 'en' };
}

/**
 * A group's or organisation's name in the request's language: where a source gives it
 * (organisation-names.csv), or CLDR's name of an M49 region or sub-region ("Europe" → "Европа");
 * else the English (marked).
 */
export function groupLabel(slug: string, english: string, to: Locale = locale()): Named {
	if (to === 'en') return { text: english, lang: 'en' };
	const t = titles.organisations[slug]?.[to];
	if (t) return { text: t, lang: to };
	const cldr = titles.m49[slug]?.[to];
	return cldr ? { text: cldr, lang: to } : { text: english, lang: 'en' };
}

/** Is this name shown in English on a page in another language (no source gives it there)? */
export function untranslated(n: Named, to: Locale = locale()): boolean {
	return n.lang !== to;
}

/**
 * The language of the record's own words (its notes, source titles, configured names — English)
 * for an element holding them: 'en' on a page in another language, so that a screen reader reads
 * them as English and a reader knows they are not translated; nothing on an English page.
 */
export function dataLang(to: Locale = locale()): 'en' | undefined {
	return to === 'en' ? undefined : 'en';
}

// A message with markup inside it (a link, a bold count, a <time>): the message is called with
// `slot(name)` for each such placeholder and cut there by `parts`, so that no markup goes into a
// message and each language keeps its word order. Private-use characters: no message, name or date holds them.
const OPEN = '\uE000';
const CLOSE = '\uE001';

/** What to pass for a placeholder that markup renders: `parts` finds it again. */
export function slot(name: string): string {
	return `${OPEN}${name}${CLOSE}`;
}

export type Part = { text: string; slot: null } | { text: ''; slot: string };

/** A sentence cut at its slots, in its order: its words, and `{ slot }` where markup renders a value. */
export function parts(sentence: string): Part[] {
	const out: Part[] = [];
	sentence.split(/[\uE000\uE001]/).forEach((piece, i) => {
		if (i % 2) out.push({ text: '', slot: piece });
		else if (piece) out.push({ text: piece, slot: null });
	});
	return out;
}
