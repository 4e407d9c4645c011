// The treaties' texts in the browser: an instrument page lists its articles by chapter, each
// article has its own linkable page with its title, text, neighbours and source, with
// JavaScript on and off (both Playwright projects run every test).
import { expect, test } from '@playwright/test';

test('instrument page lists the articles by chapter and links to each', async ({ page }) => {
	await page.goto('/instruments/trafficking-protocol');
	const section = page.getByRole('region', { name: 'Articles' });
	await expect(section.getByRole('heading', { level: 3 })).toHaveText([
		'I — General Provisions',
		'II — Protection of victims of trafficking in persons',
		'III — Prevention, cooperation and other measures',
		'IV — Final provisions'
	]);
	await expect(section.locator('a[data-article]')).toHaveCount(20);
	const art6 = section.locator('li', { has: page.locator('a[data-article="6"]') });
	await expect(art6).toContainText('Assistance to and protection of victims of trafficking in persons');
	await art6.getByRole('link', { name: 'Article 6' }).click();
	await expect(page).toHaveURL(/\/instruments\/trafficking-protocol\/articles\/6$/);
	await expect(page.locator('h1')).toHaveText(/Article 6\s+Assistance to and protection of victims of trafficking in persons/);
});

test('article page: title, chapter, numbered text, neighbours and source', async ({ page }) => {
	await page.goto('/instruments/trafficking-protocol/articles/6');
	await expect(page).toHaveTitle(/Trafficking in Persons Protocol, Article 6: Assistance to and protection of victims of trafficking in persons/);
	await expect(page.locator('.kicker')).toContainText('II — Protection of victims of trafficking in persons');
	const paragraphs = page.locator('[data-article="6"] p');
	await expect(paragraphs).toHaveCount(12); // 6 numbered paragraphs, 2 + 4 lettered sub-items
	await expect(paragraphs.first()).toContainText('1. In appropriate cases and to the extent possible under its domestic law');
	await expect(paragraphs.nth(5)).toHaveText('a) Appropriate housing;');
	await expect(page.locator('[data-source="laws-markdown-trafficking-protocol"]')).toHaveAttribute('href', '/sources#laws-markdown-trafficking-protocol');
	await expect(page.locator('.provenance')).toContainText('data/raw/treaty_texts_laws_markdown/tip_protocol_BWBV0001749.md, line 69');

	await page.locator('a[rel="next"]').click();
	await expect(page).toHaveURL(/\/articles\/7$/);
	await expect(page.locator('h1')).toContainText('Status of victims of trafficking in persons in receiving States');
	await page.locator('a[rel="prev"]').click();
	await expect(page).toHaveURL(/\/articles\/6$/);
	await page.locator('a[data-step="all"]').click();
	await expect(page).toHaveURL(/\/instruments\/trafficking-protocol#articles$/);
});

test('the first and last articles have one neighbour; an Annex article is named with its Annex', async ({ page }) => {
	await page.goto('/instruments/trafficking-protocol/articles/1');
	await expect(page.locator('a[rel="prev"]')).toHaveCount(0);
	await expect(page.locator('a[rel="next"]')).toContainText('Article 2: Statement of purpose');
	await page.goto('/instruments/trafficking-protocol/articles/20');
	await expect(page.locator('a[rel="next"]')).toHaveCount(0);
	await expect(page.locator('[data-article="20"]')).not.toContainText('IN WITNESS WHEREOF');
	await page.goto('/instruments/ilo-c097/articles/23');
	await expect(page.locator('a[rel="next"]')).toContainText('Annex I, Article 1');
	await page.goto('/instruments/ilo-c097/articles/annex-i-1');
	await expect(page.locator('h1')).toHaveText('Annex I, Article 1');
});

test('an article the text does not have, or a malformed number, is a 404 that says so', async ({ page }) => {
	let res = await page.goto('/instruments/trafficking-protocol/articles/21');
	expect(res?.status()).toBe(404);
	await expect(page.locator('.message')).toHaveText('Trafficking in Persons Protocol has no Article 21: its text has 20 articles, Article 1 to Article 20.');
	res = await page.goto('/instruments/trafficking-protocol/articles/six');
	expect(res?.status()).toBe(404);
	await expect(page.locator('.message')).toContainText('"six" is not an article number');
	res = await page.goto('/instruments/actip/articles/1');
	expect(res?.status()).toBe(404);
	await expect(page.locator('.message')).toContainText('The text of ACTIP is not in the record');
});

test('an instrument without its text says so instead of listing articles', async ({ page }) => {
	await page.goto('/instruments/actip');
	const section = page.getByRole('region', { name: 'Articles' });
	await expect(section.locator('[data-articles="none"]')).toHaveText('The text of ACTIP is not in the record, so its articles are not listed here.');
	await expect(section.locator('a[data-article]')).toHaveCount(0);
});

test('an article prints without navigation, with its source and address', async ({ page }) => {
	await page.goto('/instruments/cets-197/articles/4');
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('h1')).toContainText('Definitions');
	await expect(page.locator('nav.steps')).toBeHidden();
	await expect(page.locator('header.site')).toBeHidden();
	await expect(page.locator('.provenance')).toContainText('cets197_BWBV0004138.md, line 37');
	await expect(page.locator('.provenance .print-only')).toBeVisible();
});

test('an article reads on a phone without sideways scrolling', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('/instruments/ilo-c097/articles/6');
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	await expect(page.locator('[data-article="6"] p').first()).toBeVisible();
});
