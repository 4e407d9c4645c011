// Delegations compare: typed names become a shareable URL that reproduces the same matrix.
import { expect, test, type Page } from '@playwright/test';
import { csvParse } from 'd3-dsv';

async function addByName(page: Page, name: string, code: string) {
	const input = page.locator('#add');
	await input.fill(name);
	await input.press('Enter');
	await page.waitForURL(new RegExp(`codes=[A-Z,]*${code}`));
	await expect(page.locator(`tr[data-code="${code}"]`)).toBeVisible();
}

async function matrixText(page: Page) {
	return page.locator('table.matrix tbody tr').evaluateAll((rows) =>
		rows.map((r) => [r.getAttribute('data-code'), ...[...r.querySelectorAll('td[data-status]')].map((td) => td.getAttribute('data-status'))].join(' '))
	);
}

test('build a comparison by typing names, then open its URL in a fresh page', async ({ page, browser, javaScriptEnabled }) => {
	await page.goto('/compare?asOf=2008-06-03');
	await addByName(page, 'France', 'FRA');
	await addByName(page, 'India', 'IND');
	await addByName(page, 'United Arab Emirates', 'ARE');
	expect(page.url()).toContain("codes=FRA,IND,ARE");
	expect(page.url()).toContain('asOf=2008-06-03');
	await expect(page.locator('tr[data-code="IND"] td[data-slug="trafficking-protocol"]')).toHaveAttribute('data-status', 'signed');
	await expect(page.locator('tr[data-code="ARE"] td[data-slug="untoc"]')).toHaveAttribute('data-status', 'party');
	const before = await matrixText(page);

	const fresh = await browser.newContext({ javaScriptEnabled });
	const other = await fresh.newPage();
	await other.goto(page.url());
	expect(await matrixText(other)).toEqual(before);
	await fresh.close();
});

test('a group fills the matrix; coverage sits in the last row', async ({ page }) => {
	await page.goto('/compare?group=asean&asOf=2015-01-01');
	await expect(page.locator('table.matrix tbody tr')).toHaveCount(10);
	const tip = await page.locator('td[data-coverage="trafficking-protocol"]').textContent();
	const parties = await page.locator('tbody td[data-slug="trafficking-protocol"][data-status="party"], tbody td[data-slug="trafficking-protocol"][data-status="pending"]').count();
	expect(Number(tip)).toBe(parties);
});

test('unknown codes and groups are named, the rest is shown', async ({ page, request }) => {
	await page.goto('/compare?codes=FRA,XXX&group=atlantis');
	await expect(page.locator('.notfound')).toContainText('XXX');
	await expect(page.locator('.notfound')).toContainText('atlantis');
	await expect(page.locator('tr[data-code="FRA"]')).toBeVisible();
	const res = await request.get('/api/v1/compare?codes=FRA,XXX&group=atlantis');
	expect(res.status()).toBe(400);
	const body = await res.json();
	expect(body.error).toContain('XXX');
	expect(body.error).toContain('atlantis');
});

test('participant page: gaps against its regional peers first, and the reader can switch the group', async ({ page }) => {
	await page.goto('/participants/IND?asOf=2008-06-03');
	await expect(page.locator('#h-gaps')).toBeVisible();
	await expect(page.locator('[data-peers]')).toHaveAttribute('data-peers', 'saarc');
	await expect(page.locator('.gaps li[data-slug="ilo-c182"]')).toContainText('4 of 5 other South Asian Association for Regional Cooperation members');
	await page.locator('select#peers').selectOption('asia-pacific-group');
	await page.getByRole('button', { name: 'Compare', exact: true }).click();
	await expect(page).toHaveURL(/peers=asia-pacific-group/);
	await expect(page.locator('[data-peers]')).toHaveAttribute('data-peers', 'asia-pacific-group');
	await expect(page.locator('.gaps')).toContainText('chosen');
});

test('the compare matrix downloads as CSV and JSON with the same rows', async ({ request }) => {
	const q = 'codes=FRA,IND&asOf=2008-06-03';
	const csv = await request.get(`/compare/export.csv?${q}`);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const text = await csv.text();
	expect(text.charCodeAt(0)).toBe(0xfeff);
	const lines = text.slice(1).trim().split(/\r\n/);
	expect(lines[0]).toBe('code,name,instrument,status,open,signature,consent_date,consent_kind,consent_known_by,entry_into_force,denunciation,source,source_recorded_on');
	const json = await (await request.get(`/compare/export.json?${q}`)).json();
	expect(lines).toHaveLength(json.rows.length + 1);
	const ind = lines.find((l) => l.startsWith('IND,India,trafficking-protocol,'));
	expect(ind).toContain(',signed,true,2002-12-12,');
	// Round trip: the CSV read back with d3-dsv is the JSON export, field for field.
	const parsed = csvParse(text.slice(1));
	expect(parsed).toHaveLength(json.rows.length);
	parsed.forEach((row, n) => {
		for (const [k, v] of Object.entries(json.rows[n])) expect(row[k]).toBe(v === null ? '' : String(v));
	});
	expect((await request.get('/compare/export.csv?codes=ZZZ')).status()).toBe(400);
});

test('a State picked before it existed is shown with a note', async ({ page, request }) => {
	await page.goto('/compare?codes=SSD,FRA&asOf=2005-01-01');
	await expect(page.locator('tr[data-code="SSD"] th')).toContainText('not yet a State on this date (COW: in system from 2011)');
	await expect(page.locator('tr[data-code="FRA"] th')).not.toContainText('not yet a State');
	const body = await (await request.get('/api/v1/compare?codes=SSD&asOf=2005-01-01')).json();
	expect(body.participants[0].note).toBe('not yet a State on this date (COW: in system from 2011)');
});

test('at 1280 px the matrix scrolls sideways inside its own region, the names staying in view', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto('/compare?codes=FRA,DEU,IND,ARE,PRK,IRN,THA&asOf=2020-01-01');
	// A keyboard user can reach the scroll region and knows what it holds.
	const region = page.getByRole('region', { name: /participants compared/ });
	await expect(region).toHaveAttribute('tabindex', '0');
	await expect(region.locator('table.matrix')).toHaveCount(1);
	// The page itself does not scroll sideways: the matrix does, inside the region.
	expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
	// The last instrument's column (ACTIP once cut off here; the plans come after it now).
	const last = region.locator('thead th').last();
	await expect(last.getByRole('link')).toHaveText(/\S/);
	const name = region.locator('tr[data-code="THA"] th');
	const box = async (l: typeof last) => (await l.boundingBox())!;
	const regionBox = await box(region);
	const nameBefore = await box(name);

	await region.focus();
	for (let i = 0; i < 40 && (await box(last)).x + (await box(last)).width > regionBox.x + regionBox.width + 1; i++) {
		await page.keyboard.press('ArrowRight');
	}
	const lastBox = await box(last);
	expect(lastBox.x + lastBox.width, 'the last column reached by the keyboard').toBeLessThanOrEqual(regionBox.x + regionBox.width + 1);
	expect(lastBox.x).toBeGreaterThanOrEqual(regionBox.x);
	// Scrolled: the participant names have not moved, and no column is drawn over them.
	expect(await region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
	const nameAfter = await box(name);
	expect(nameAfter.x).toBeCloseTo(nameBefore.x, 0);
	const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('th')?.textContent?.trim(), {
		x: nameAfter.x + nameAfter.width / 2,
		y: nameAfter.y + nameAfter.height / 2
	});
	expect(hit).toBe('Thailand');
});

test('an instrument not open to a State is "not open to it" in the matrix, not "no action"', async ({ page, request }) => {
	await page.goto('/compare?codes=THA,BFA&asOf=2020-01-01');
	const tha = page.locator('tr[data-code="THA"] td[data-slug="ouagadougou-action-plan"]');
	await expect(tha).toHaveAttribute('data-open', 'false');
	await expect(tha.locator('button')).toHaveAttribute('aria-label', /Thailand, .*: not open to it on this date/);
	await expect(page.locator('tr[data-code="BFA"] td[data-slug="ouagadougou-action-plan"]')).not.toHaveAttribute('data-open', 'false');
	await expect(page.locator('ul.legend')).toContainText('not open to it on this date');
	const body = await (await request.get('/api/v1/compare?codes=THA&asOf=2020-01-01')).json();
	expect(body.cells.find((c: { slug: string }) => c.slug === 'ouagadougou-action-plan')).toMatchObject({ status: 'none', open: false });
});
