// Writes the names the pages show in each language, from data/i18n (each row there names its source):
// - src/lib/i18n/un-names.json from state-short-names.csv (UNTERM short names): for each language,
//   the UN's own short name of each State where it differs from CLDR's (Intl.DisplayNames, which
//   the pages use otherwise), and each State's ISO 3166 alpha-2 code for Intl;
// - src/lib/i18n/titles.json from instrument-titles.csv and organisation-names.csv: the titles
//   and names a source gives in each language (the pages show the English, marked, where none does).
// Run after changing those files: `node scripts/i18n-names.js` (tests/unit/i18n.test.ts fails
// while the JSON is behind the CSV).
import { readFileSync, writeFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';

const CSV = 'data/i18n/state-short-names.csv';
const CODES = 'data/raw/reference_country_codes_datahub/country-codes.csv';
const OUT = 'src/lib/i18n/un-names.json';
const TITLES_OUT = 'src/lib/i18n/titles.json';
const LANGS = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];

/** "Bahamas (the)" → "Bahamas", "Afganistán (el)" → "Afganistán", "Holy See (the) *" → "Holy See". */
/** @param {string} name */
export function cleanUnterm(name) {
	return name
		.replace(/\*+/g, '')
		.replace(/\s*\((the|l'|le|la|les|el|los|las)\)\s*$/, '')
		.replace(/\s*\((the|l'|le|la|les|el|los|las)\)\s*$/, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** As the seed names groups (src/lib/server/sources/load/groups.ts). */
/** @param {string} name */
function slugify(name) {
	return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function unNames() {
	/** @type {Record<string, string>} */
	const iso2 = {};
	for (const row of csvParse(readFileSync(CODES, 'utf8'))) {
		if (row['ISO3166-1-Alpha-3'] && row['ISO3166-1-Alpha-2']) iso2[row['ISO3166-1-Alpha-3']] = row['ISO3166-1-Alpha-2'];
	}
	/** @type {Record<string, Record<string, string>>} */
	const names = Object.fromEntries(LANGS.map((l) => [l, {}]));
	// every State's alpha-2 code (Türkiye and Côte d'Ivoire have no UNTERM row there: CLDR names them)
	const codes = iso2;
	for (const row of csvParse(readFileSync(CSV, 'utf8'))) {
		const two = iso2[row.iso3];
		const un = cleanUnterm(row.name);
		const cldr = two ? new Intl.DisplayNames([row.lang], { type: 'region', fallback: 'none' }).of(two) : undefined;
		if (un !== cldr) names[row.lang][row.iso3] = un;
	}
	return {
		source: `${CSV} (UNTERM short names; each row names its source), cleaned as scripts/i18n-names.js says; only where they differ from CLDR`,
		iso2: Object.fromEntries(Object.entries(codes).sort()),
		names: Object.fromEntries(LANGS.map((l) => [l, Object.fromEntries(Object.entries(names[l]).sort())]))
	};
}

/** { instruments: { slug: { lang: { title, short? } } }, organisations: { code: { lang: name } } } — English rows left out (the record has them). */
export function titles() {
	/** @type {Record<string, Record<string, { title: string, short?: string }>>} */
	const instruments = {};
	for (const row of csvParse(readFileSync('data/i18n/instrument-titles.csv', 'utf8'))) {
		if (row.lang === 'en') continue;
		(instruments[row.slug] ??= {})[row.lang] = row.short_title ? { title: row.title, short: row.short_title } : { title: row.title };
	}
	/** @type {Record<string, Record<string, string>>} */
	const organisations = {};
	for (const row of csvParse(readFileSync('data/i18n/organisation-names.csv', 'utf8'))) {
		if (row.lang === 'en') continue;
		(organisations[row.code] ??= {})[row.lang] = row.name;
	}
	// the European Union where no source above names it: CLDR's name (its region code EU), as for States
	for (const l of LANGS) {
		if (l === 'en' || organisations['european-union']?.[l]) continue;
		const cldr = new Intl.DisplayNames([l === 'zh' ? 'zh-Hans' : l], { type: 'region', fallback: 'none' }).of('EU');
		if (cldr) (organisations['european-union'] ??= {})[l] = cldr;
	}
	// the groups the seed makes of UN M49 regions and sub-regions (src/lib/server/sources/load/groups.ts,
	// slug from the English name): CLDR's name of each in each language, written here from Node's
	// full ICU — browsers' ICU (Chromium's) has no names for M49 codes, and the page must read the same
	// once hydrated
	/** @type {Record<string, Record<string, string>>} */
	const m49 = {};
	for (const row of csvParse(readFileSync(CODES, 'utf8'))) {
		for (const [name, code] of [[row['Region Name'], row['Region Code']], [row['Sub-region Name'], row['Sub-region Code']]]) {
			if (!name || !code) continue;
			const m = code.padStart(3, '0');
			m49[slugify(name)] = Object.fromEntries(
				LANGS.filter((l) => l !== 'en').flatMap((l) => {
					const cldr = new Intl.DisplayNames([l === 'zh' ? 'zh-Hans' : l], { type: 'region', fallback: 'none' }).of(m);
					return cldr ? [[l, cldr]] : [];
				})
			);
		}
	}
	return {
		source: 'data/i18n/instrument-titles.csv and organisation-names.csv (each row names its source); m49: data/raw/reference_country_codes_datahub/country-codes.csv',
		instruments,
		organisations,
		m49: Object.fromEntries(Object.entries(m49).sort())
	};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	writeFileSync(OUT, JSON.stringify(unNames(), null, '\t') + '\n');
	writeFileSync(TITLES_OUT, JSON.stringify(titles(), null, '\t') + '\n');
	const n = unNames().names;
	console.log(`${OUT}: ${LANGS.map((l) => `${l} ${Object.keys(n[l]).length}`).join(', ')} UN names differ from CLDR`);
}
