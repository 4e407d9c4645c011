// The six official languages of the UN, as a reader of each meets them (JavaScript on and off):
// the page's language and direction, its words from that language's catalogue — none of the
// English catalogue left on it —, State names as the UN writes them there, links that keep the
// language, a switcher that keeps the page and its query, and the address alone deciding (a
// crawler's request gets the same French as a browser's).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { signIn } from './users';

const root = fileURLToPath(new URL('../..', import.meta.url));
const output = (name: string) => fileURLToPath(new URL(`output/${name}`, import.meta.url));

type Lang = 'ar' | 'zh' | 'fr' | 'ru' | 'es';
const LANGS: Lang[] = ['ar', 'zh', 'fr', 'ru', 'es'];
// Germany, as UNTERM writes it in each language (data/i18n/state-short-names.csv)
const GERMANY: Record<Lang, string> = { ar: 'ألمانيا', zh: '德国', fr: 'Allemagne', ru: 'Германия', es: 'Alemania' };

const PAGES = [
	'',
	'/instruments/untoc',
	'/participants/DEU',
	'/map/trafficking-protocol?asOf=2008-06-03',
	'/instruments/trafficking-protocol/non-parties?asOf=2008-06-03',
	'/reviews'
];

/** Every text of a message: a plain string, or each variant of a plural. */
function texts(message: unknown): string[] {
	if (typeof message === 'string') return [message];
	return JSON.stringify(message).match(/"(?:[^"\\]|\\.)*"/g)?.map((s) => JSON.parse(s) as string).filter((s) => !/^(input|local) |=/.test(s)) ?? [];
}

/**
 * Instruments' English titles: data, not messages. Where no source gives one in a language the
 * page shows the English (marked where markup can carry it), so a message that names an
 * instrument in English is no leftover when the same words appear as such a title.
 */
const TITLES: string[] = (JSON.parse(readFileSync(`${root}/data/instruments.json`, 'utf8')).instruments as { title: string; short_title: string }[])
	.flatMap((i) => [i.short_title, i.title])
	.filter(Boolean);

/**
 * The English catalogue's words that a page in `lang` must not show: each English message's
 * runs of text between placeholders, of two words or more, that the language's own message
 * does not also hold (names such as "Treaty Tracker" stay as they are in every language).
 */
function englishLeftovers(lang: Lang): string[] {
	const found = new Set<string>();
	const dir = `${root}/messages`;
	for (const area of readdirSync(dir)) {
		const en = JSON.parse(readFileSync(`${dir}/${area}/en.json`, 'utf8'));
		const other = JSON.parse(readFileSync(`${dir}/${area}/${lang}.json`, 'utf8'));
		for (const key of Object.keys(en)) {
			if (key === '$schema') continue;
			const theirs = texts(other[key]).join('\n');
			for (const text of texts(en[key])) {
				for (const run of text.split(/\{\w+\}/)) {
					const words = run.trim().replace(/^[\s,.;:()—–-]+|[\s,.;:()—–-]+$/g, '');
					if (words.split(/\s+/).length >= 2 && words.length >= 8 && !theirs.includes(words) && !TITLES.some((t) => t.includes(words))) found.add(words);
				}
			}
		}
	}
	return [...found];
}

/** The page's text a reader gets in its language: leaving out what is marked as English (a title no source gives in the language, the record's own notes). */
async function translatedText(page: Page): Promise<string> {
	return page.evaluate(() => {
		const body = document.body.cloneNode(true) as HTMLElement;
		for (const el of body.querySelectorAll('[lang="en"], script, style, template')) el.remove();
		// innerText of a detached node ignores layout: textContent, with the spaces collapsed
		return (body.textContent ?? '').replace(/\s+/g, ' ');
	});
}

for (const lang of LANGS) {
	const leftovers = englishLeftovers(lang);

	for (const path of PAGES) {
		test(`/${lang}${path}: in ${lang}, ${lang === 'ar' ? 'right to left' : 'left to right'}, no English message left`, async ({ page, javaScriptEnabled }) => {
			const response = await page.goto(`/${lang}${path}`);
			expect(response?.status()).toBe(200);
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
			// its links stay in the language (the switcher's links and other sites aside)
			const links = await page.locator('a[href^="/"]:not([hreflang])').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
			expect(links.filter((href) => !href.startsWith(`/${lang}/`) && href !== `/${lang}` && !href.startsWith(`/${lang}?`) && !href.startsWith(`/${lang}#`))).toEqual([]);
			const text = await translatedText(page);
			expect(leftovers.filter((words) => text.includes(words))).toEqual([]);
			if (path === '/participants/DEU') await expect(page.locator('h1')).toContainText(GERMANY[lang]);
			if (javaScriptEnabled) {
				const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
				expect(results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} — ${v.help}`)).toEqual([]);
			}
			if (lang === 'ar') await page.screenshot({ path: output(`ar${path.replace(/[/?&=]/g, '_') || '_home'}-${javaScriptEnabled ? 'js' : 'nojs'}.png`), fullPage: true });
		});
	}
}

test('the address alone decides: a request without a browser’s headers gets French at /fr/…, English where it always was, no redirect', async ({ request }) => {
	const fr = await request.get('/fr/instruments/untoc', { headers: { accept: '*/*' }, maxRedirects: 0 });
	expect(fr.status()).toBe(200);
	expect(await fr.text()).toMatch(/<html lang="fr" dir="ltr">/);
	expect(fr.headers()['content-language']).toBe('fr');
	const en = await request.get('/instruments/untoc', { headers: { accept: 'text/html', 'accept-language': 'fr' }, maxRedirects: 0 });
	expect(en.status()).toBe(200);
	expect(await en.text()).toMatch(/<html lang="en" dir="ltr">/);
	// a cookie does not choose the language either
	const cookie = await request.get('/', { headers: { cookie: 'PARAGLIDE_LOCALE=fr' }, maxRedirects: 0 });
	expect(await cookie.text()).toMatch(/<html lang="en"/);
	// the page's data for client navigation is in the language of its address
	const data = await (await request.get('/es/participants/DEU/__data.json')).text();
	expect(data).toContain('Alemania');
});

test('hreflang alternates name every language; the switcher keeps the page and its query', async ({ page }) => {
	await page.goto('/fr/instruments/untoc?asOf=2008-06-03');
	const alternates = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((ls) => ls.map((l) => [l.getAttribute('hreflang'), new URL(l.getAttribute('href')!, location.href).pathname + new URL(l.getAttribute('href')!, location.href).search]));
	expect(alternates).toEqual([
		['ar', '/ar/instruments/untoc?asOf=2008-06-03'],
		['zh', '/zh/instruments/untoc?asOf=2008-06-03'],
		['en', '/instruments/untoc?asOf=2008-06-03'],
		['fr', '/fr/instruments/untoc?asOf=2008-06-03'],
		['ru', '/ru/instruments/untoc?asOf=2008-06-03'],
		['es', '/es/instruments/untoc?asOf=2008-06-03'],
		['x-default', '/instruments/untoc?asOf=2008-06-03']
	]);
	const switcher = page.getByRole('navigation', { name: 'Langue' });
	await expect(switcher.getByRole('link', { name: 'Français' })).toHaveAttribute('aria-current', 'true');
	await switcher.getByRole('link', { name: 'Español' }).click();
	await expect(page).toHaveURL(/\/es\/instruments\/untoc\?asOf=2008-06-03$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await page.getByRole('navigation', { name: 'Idioma' }).getByRole('link', { name: 'English' }).click();
	await expect(page).toHaveURL(/\/instruments\/untoc\?asOf=2008-06-03$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('a State page in Arabic reads right to left; dates and names in Arabic', async ({ page }) => {
	await page.goto('/ar/participants/DEU');
	await expect(page.locator('h1')).toContainText('ألمانيا');
	// the header's account links sit at the inline end: on the left in Arabic
	const header = await page.locator('header.site').boundingBox();
	const brand = await page.locator('header.site .brand').boundingBox();
	expect(brand!.x + brand!.width).toBeGreaterThan(header!.x + header!.width / 2);
});

// A review whose working language is each of the five: launched by the secretariat from the cycle
// page in that language (which offers it as the working language), its questionnaire and its
// Word report in it. States of the UNTOC cycle no other test launches, one set per project.
const UNDER_REVIEW: Record<string, Record<Lang, string>> = {
	js: { ar: 'CHL', zh: 'ZAF', fr: 'MEX', ru: 'KEN', es: 'NOR' },
	'no-js': { ar: 'ARG', zh: 'GHA', fr: 'PER', ru: 'NZL', es: 'SEN' }
};

function message(lang: Lang | 'en', key: string): string {
	return JSON.parse(readFileSync(`${root}/messages/reviews/${lang}.json`, 'utf8'))[key];
}

for (const lang of LANGS) {
	test(`a review in ${lang}: launched in ${lang}, its questionnaire and its Word report in ${lang}`, async ({ page, javaScriptEnabled }, info) => {
		const state = UNDER_REVIEW[info.project.name][lang];
		await signIn(page, 'secretariat');
		await page.goto(`/${lang}/reviews/cycles/untoc-1`);
		const launch = page.locator('form[action="?/launch"]');
		// the working language offered is the page's
		await expect(launch.locator('select[name="language"]')).toHaveValue(lang);
		await launch.locator(`tr[data-state="${state}"] input[type="checkbox"]`).check();
		await launch.locator('input[name="on"]').fill('2020-10-12');
		await launch.locator('button[type="submit"]:not([name])').click();
		await expect(launch.locator(`tr[data-state="${state}"] input[type="checkbox"]`)).toHaveCount(0);

		await page.goto('/reviews');
		const id = await page.locator(`tr[data-state="${state}"]`).first().getAttribute('data-review');
		expect(id).toMatch(/^\d+$/);
		await page.goto(`/${lang}/reviews/${id}`);
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
		// the questionnaire, in the review's working language
		const items = page.locator('article.item');
		expect(await items.count()).toBeGreaterThan(0);
		await expect(items.first().locator('h3')).toHaveAttribute('lang', lang);
		await expect(items.first().locator('p.q')).toHaveAttribute('lang', lang);
		const text = await translatedText(page);
		expect(englishLeftovers(lang).filter((words) => text.includes(words))).toEqual([]);
		if (javaScriptEnabled) {
			const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
			expect(results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} — ${v.help}`)).toEqual([]);
		}
		if (lang === 'ar') await page.screenshot({ path: output(`ar_review-${javaScriptEnabled ? 'js' : 'nojs'}.png`), fullPage: true });

		// the Word report: its words in the working language; Arabic paragraphs right to left
		const docx = await page.request.get(`/${lang}/reviews/${id}/report.docx`);
		expect(docx.status()).toBe(200);
		const xml = strFromU8(unzipSync(new Uint8Array(await docx.body()))['word/document.xml']);
		expect(xml).toContain(message(lang, 'reviews_docx_self_assessment').trim());
		expect(xml).not.toContain(message('en', 'reviews_docx_self_assessment').trim());
		if (lang === 'ar') expect(xml).toContain('<w:bidi');
		else expect(xml).not.toContain('<w:bidi');
	});
}
