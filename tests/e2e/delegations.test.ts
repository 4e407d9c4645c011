// A delegation's questions: what must we still join, where is our State, how do we stand in our group.
import { expect, test } from '@playwright/test';
import { signIn } from './users';
import { strFromU8, unzipSync } from 'fflate';

test('India is told to join the Forced Labour Protocol (P029), and not CETS 197, which is not open to it', async ({ page, request }) => {
	await page.goto('/participants/IND');
	const list = page.getByRole('region', { name: 'Still to join' });
	await expect(list.locator('li[data-slug="ilo-p029"]')).toContainText('ILO P029');
	await expect(list.locator('li[data-slug="ilo-p029"]')).toContainText(/open to it since 11 June 2014 \(\d+ years\)/);
	await expect(list.locator('li[data-slug="cets-197"]')).toHaveCount(0);
	// Nothing India has ratified: the Trafficking Protocol (2011) is not on it.
	await expect(list.locator('li[data-slug="trafficking-protocol"]')).toHaveCount(0);
	// The same in the API.
	const api = await (await request.get('/api/v1/participants/IND')).json();
	const slugs = api.toJoin.map((r: { slug: string }) => r.slug);
	expect(slugs).toContain('ilo-p029');
	expect(slugs).not.toContain('cets-197');
	// the P029 table is of 25 June 2023 (data/sources.json, normlex-p029-2023): today the record cannot vouch, and says what it last knew
	expect(api.toJoin.find((r: { slug: string }) => r.slug === 'ilo-p029')).toEqual({ slug: 'ilo-p029', status: 'unknown', lastKnown: { status: 'none', on: '2023-06-25' }, openSince: '2014-06-11' });
	await expect(list.locator('li[data-slug="ilo-p029"]')).toContainText('not joined when the record last knew (25 June 2023)');
});

test('Brazil too lacks P029, though its peers give no gap', async ({ page }) => {
	await page.goto('/participants/BRA');
	await expect(page.getByRole('region', { name: 'Still to join' }).locator('li[data-slug="ilo-p029"]')).toBeVisible();
});

test('/participants?q=thai finds Thailand alone; the search box does the same', async ({ page }) => {
	await page.goto('/participants?q=thai');
	await expect(page.locator('li[data-code]')).toHaveCount(1);
	await expect(page.locator('li[data-code="THA"]')).toHaveText('Thailand');
	// By ISO code, alpha-3 or alpha-2, and by another name the sources use.
	for (const [q, code] of [['THA', 'THA'], ['gb', 'GBR'], ['south korea', 'KOR'], ["cote d'ivoire", 'CIV']]) {
		await page.goto(`/participants?q=${encodeURIComponent(q)}`);
		await expect(page.locator(`li[data-code="${code}"]`), q).toBeVisible();
	}
	await page.goto('/participants');
	await page.getByLabel('Find a State').fill('thai');
	await page.getByRole('button', { name: 'Find' }).click();
	await expect(page).toHaveURL(/\/participants\?q=thai$/);
	await expect(page.locator('li[data-code]')).toHaveCount(1);
	await expect(page.getByRole('status')).toContainText('One of');
});

test('Thailand picked out in the ASEAN matrix, from its own page; sorting keeps it picked out', async ({ page }) => {
	await page.goto('/participants/THA');
	await page.getByRole('link', { name: 'Association of Southeast Asian Nations' }).first().click();
	await expect(page).toHaveURL(/\/compare\?group=asean&highlight=THA$/);
	await expect(page.locator('tr[data-code="THA"]')).toHaveAttribute('data-highlight', '');
	await expect(page.locator('tr[data-highlight]')).toHaveCount(1);
	await page.getByRole('link', { name: 'Joined', exact: true }).click();
	await expect(page).toHaveURL(/highlight=THA/);
	await expect(page.locator('tr[data-code="THA"]')).toHaveAttribute('data-highlight', '');
});

test.describe('on a phone (390 px)', () => {
	test.use({ viewport: { width: 390, height: 844 } });

	test("nothing spills sideways: India's page (its peer-group choice) and the freshness board", async ({ page }) => {
		await page.goto('/participants/IND');
		await expect(page.locator('select#peers')).toBeVisible();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
		await signIn(page, 'editor');
		await page.goto('/freshness');
		await expect(page.locator('h1')).toBeVisible();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
	});
});

test('the Ouagadougou plan, not open to Thailand, is "not open to it" in both of its tables', async ({ page }) => {
	await page.goto('/participants/THA');
	await expect(page.locator('tr[data-slug="ouagadougou-action-plan"] td[data-label="Status"]')).toHaveText('not open to it');
	await page.locator('details.parity summary').click();
	const standing = page.locator('details.parity tr', { has: page.getByRole('link', { name: 'Ouagadougou Action Plan' }) });
	await expect(standing.locator('td').first()).toHaveText('not open to it');
});

test("Thailand's briefing note: a printable page and a Word file that names Thailand and each instrument", async ({ page, request }) => {
	await page.goto('/participants/THA');
	await page.getByRole('link', { name: 'printable (one or two A4 pages)' }).click();
	await expect(page).toHaveURL(/\/participants\/THA\/briefing$/);
	await expect(page.locator('h1')).toHaveText('Thailand: instruments against trafficking in persons');
	const instruments = await page.locator('tbody th[scope="row"]').allTextContents();
	expect(instruments).toContain('Trafficking in Persons Protocol');
	expect(instruments).toContain('ILO P029 Forced Labour Protocol');
	// Printed on A4, it is one or two pages.
	const pdf = await page.pdf({ format: 'A4' }).catch(() => null);
	if (pdf) expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeLessThanOrEqual(2);

	const docx = await request.get('/participants/THA/briefing.docx');
	expect(docx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
	expect(docx.headers()['content-disposition']).toMatch(/attachment; filename="briefing-THA-\d{4}-\d{2}-\d{2}\.docx"/);
	const xml = strFromU8(unzipSync(new Uint8Array(await docx.body()))['word/document.xml']);
	expect(xml).toContain('Thailand');
	for (const name of instruments) expect(xml, name).toContain(name.replace(/&/g, '&amp;').replace(/'/g, '&apos;'));
	expect(xml).toContain('Still to join');
});

test('printed on A4 landscape, the compare matrix shows every column; a State page prints its folded standing table', async ({ browser, javaScriptEnabled }) => {
	// A4 landscape less 10 mm margins, in CSS pixels: 277 mm.
	const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1047, height: 740 } });
	const page = await context.newPage();
	await page.emulateMedia({ media: 'print' });
	await page.goto('/compare?codes=FRA,IND,ARE,THA,BRA&group=asean');
	const box = (await page.locator('table.matrix').boundingBox())!;
	expect(box.x + box.width).toBeLessThanOrEqual(1047);
	// the last column too
	const last = (await page.locator('table.matrix thead th').last().boundingBox())!;
	expect(last.x + last.width).toBeLessThanOrEqual(1047);
	await page.goto('/participants/THA');
	await expect(page.locator('details.parity table')).toBeVisible();
	await context.close();
});
