// The six languages' groundwork: the message catalogue complete, names and dates in each
// language, links kept in the reader's language.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkMessages } from '../../scripts/i18n-check.js';
import { unNames, titles } from '../../scripts/i18n-names.js';
import { collate, instrumentName, instrumentTitle, l, number, stateName, unlocalized } from '../../src/lib/i18n';
import { formatDate } from '../../src/lib/dates';
import { consent, dated } from '../../src/lib/format';
import { STATUS_LABELS } from '../../src/lib/status';
import { inLocale } from './locale';

describe('the message catalogue', () => {
	it('is complete: every message in every language, with the same placeholders, each used by the code', () => {
		const { problems, counts } = checkMessages();
		expect(problems).toEqual([]);
		expect(counts.common).toBeGreaterThan(50);
	});

	function project(messages: Record<string, Record<string, unknown>>, code: string) {
		const root = mkdtempSync(join(tmpdir(), 'i18n-'));
		mkdirSync(join(root, 'project.inlang'));
		writeFileSync(
			join(root, 'project.inlang/settings.json'),
			JSON.stringify({ baseLocale: 'en', locales: ['en', 'fr'], 'plugin.inlang.messageFormat': { pathPattern: ['./messages/x/{locale}.json'] } })
		);
		mkdirSync(join(root, 'messages/x'), { recursive: true });
		for (const [loc, m] of Object.entries(messages)) writeFileSync(join(root, `messages/x/${loc}.json`), JSON.stringify(m));
		mkdirSync(join(root, 'src'));
		writeFileSync(join(root, 'src/page.svelte'), `<script>import { m } from '$lib/paraglide/messages';</script>\n${code}`);
		return checkMessages({ root });
	}

	it('fails on a message missing in one language, an empty one, a placeholder lost, an unused one and an unknown one', () => {
		const { problems } = project(
			{
				en: { a: 'States', b: 'Hello {name}', c: 'Unused', d: 'Shown' },
				fr: { a: 'États', b: 'Bonjour', c: 'Inutilisé', d: ' ' }
			},
			'{m.a()} {m.b({ name })} {m.d()} {m.e()}'
		);
		expect(problems).toEqual([
			'messages/x/fr.json: b has placeholders {}, English has {name}',
			'messages/x/fr.json: d is empty',
			'messages/x: c is not used in src',
			'm.e: no such message'
		]);
		expect(project({ en: { a: 'States' }, fr: {} }, '{m.a()}').problems).toEqual(['messages/x/fr.json: a is missing']);
	});
});

describe('names', () => {
	it('Germany in each language (UNTERM, as the UN writes it)', () => {
		expect(['ar', 'zh', 'en', 'fr', 'ru', 'es'].map((to) => stateName('DEU', 'Germany', to as never))).toEqual([
			'ألمانيا',
			'德国',
			'Germany',
			'Allemagne',
			'Германия',
			'Alemania'
		]);
	});
	it("the UN's short name where it differs from CLDR's: Bolivia, the Republic of Korea, Türkiye", () => {
		expect(stateName('BOL', 'Bolivia (Plurinational State of)', 'fr')).toBe('Bolivie (État plurinational de)');
		expect(stateName('KOR', 'Republic of Korea', 'es')).toBe('República de Corea');
		expect(stateName('TUR', 'Türkiye', 'ru')).toBe('Турция');
	});
	it('the European Union, which UNTERM does not list, from CLDR; an unknown code keeps the English', () => {
		expect(stateName('EUU', 'European Union', 'fr')).toBe('Union européenne');
		expect(stateName('XXX', 'Somewhere', 'fr')).toBe('Somewhere');
	});
	it('instrument titles from data/i18n where a source gives them, the English (marked as English) where none does', () => {
		expect(instrumentTitle('cets-197', 'Council of Europe Convention on Action against Trafficking in Human Beings', 'fr')).toEqual({
			text: "Convention du Conseil de l'Europe sur la lutte contre la traite des êtres humains",
			lang: 'fr'
		});
		expect(instrumentName('untoc', 'UNTOC', 'es')).toEqual({ text: 'Convención contra la Delincuencia Organizada', lang: 'es' });
		expect(instrumentName('ilo-c029', 'ILO C029 Forced Labour', 'ar')).toEqual({ text: 'ILO C029 Forced Labour', lang: 'en' });
	});
	it('the JSON the pages read is what data/i18n says (run `node scripts/i18n-names.js` after changing it)', () => {
		expect(JSON.parse(readFileSync('src/lib/i18n/un-names.json', 'utf8'))).toEqual(unNames());
		expect(JSON.parse(readFileSync('src/lib/i18n/titles.json', 'utf8'))).toEqual(titles());
	});
});

describe('dates, numbers, labels, sorting', () => {
	it('a date in each language; English as it always was', () => {
		expect(formatDate('2003-12-25', 'en')).toBe('25 December 2003');
		expect(formatDate('2003-12-25', 'fr')).toBe('25 décembre 2003');
		expect(formatDate('2003-12-25', 'es')).toBe('25 de diciembre de 2003');
		expect(formatDate('2003-12-25', 'zh')).toBe('2003年12月25日');
		expect(formatDate('2015-11', 'fr')).toBe('novembre 2015');
		expect(formatDate('2011', 'ru')).toBe('2011');
	});
	it('numbers with each language’s grouping', () => {
		expect(number(12345, 'en')).toBe('12,345');
		expect(number(12345, 'es')).toBe('12.345');
		expect(number(12345, 'fr')).toBe('12\u202f345');
	});
	it('a request in French reads the labels and the unknown day in French', async () => {
		await inLocale('fr', () => {
			expect(STATUS_LABELS.party).toBe('Partie (en vigueur)');
			expect(dated({ date: null })).toBe('(date non enregistrée)');
			expect(consent({ kind: 'ratification', date: null, precision: 'year', knownBy: '2011-12-31' })).toBe('ratifié (date non enregistrée), au plus tard en 2011');
			expect(formatDate('2004-08-04')).toBe('4 août 2004');
		});
		expect(STATUS_LABELS.party).toBe('Party (in force)');
	});
	it('sorts by each language’s collation: Spanish Ñ after N, French accented letters with their base letters', () => {
		expect(['Ñandú', 'Oso', 'Nube'].sort((a, b) => collate(a, b, 'es'))).toEqual(['Nube', 'Ñandú', 'Oso']);
		expect(['Égypte', 'Zambie', 'Équateur', 'Espagne'].sort((a, b) => collate(a, b, 'fr'))).toEqual(['Égypte', 'Équateur', 'Espagne', 'Zambie']);
	});
});

describe('links', () => {
	it("keep the reader's language; English has no prefix; other sites, anchors and queries are left alone", () => {
		expect(l('/instruments/untoc?asOf=2008-06-03', 'fr')).toBe('/fr/instruments/untoc?asOf=2008-06-03');
		expect(l('/', 'ar')).toBe('/ar');
		expect(l('/?asOf=2008-06-03', 'ar')).toBe('/ar?asOf=2008-06-03');
		expect(l('/participants', 'en')).toBe('/participants');
		expect(l('https://treaties.un.org/', 'fr')).toBe('https://treaties.un.org/');
		expect(l('#main', 'fr')).toBe('#main');
		expect(l('//evil.example/x', 'fr')).toBe('//evil.example/x');
		expect(unlocalized('/zh/map/untoc')).toBe('/map/untoc');
		expect(unlocalized('/map/untoc')).toBe('/map/untoc');
	});
});

describe('group names', () => {
	it('an organisation as its source names it; an M49 region as CLDR does; a group no source names stays English (marked)', async () => {
		const { groupLabel } = await import('../../src/lib/i18n');
		expect(groupLabel('council-of-europe', 'Council of Europe', 'fr')).toEqual({ text: "Conseil de l'Europe", lang: 'fr' });
		expect(groupLabel('europe', 'Europe', 'ru')).toEqual({ text: 'Европа', lang: 'ru' });
		expect(groupLabel('southern-europe', 'Southern Europe', 'es')).toEqual({ text: 'Europa meridional', lang: 'es' });
		expect(groupLabel('african-group', 'African Group', 'zh')).toEqual({ text: 'African Group', lang: 'en' });
	});
});
