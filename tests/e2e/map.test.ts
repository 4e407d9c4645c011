// Advocates' map: who has joined, at any date, printable, downloadable, embeddable.
import { expect, test } from '@playwright/test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readFile } from 'node:fs/promises';

const MAP = '/map/trafficking-protocol?asOf=2008-06-03';

test('India had signed, the UAE had not, on 3 June 2008; the legend agrees with the API', async ({ page, request }) => {
	await page.goto(MAP);
	await expect(page.locator('svg [data-code="IND"]')).toHaveAttribute('data-status', 'signed');
	await expect(page.locator('svg [data-code="ARE"]')).toHaveAttribute('data-status', 'none');
	await expect(page.locator('svg [data-code="IND"] title')).toContainText('India');
	const api = await (await request.get('/api/v1/instruments/trafficking-protocol?asOf=2008-06-03')).json();
	await expect(page.locator('.legend [data-count="parties"]').first()).toHaveText(String(api.counts.parties));
	await expect(page.locator('.legend [data-count="inForce"]').first()).toHaveText(String(api.counts.inForce));
	// The European Union has no shape: it is listed under the map.
	await expect(page.getByText('Not a place on the map')).toBeVisible();
});

test('moving through time changes the legend counts', async ({ page, javaScriptEnabled }) => {
	await page.goto(MAP);
	const parties = page.locator('.legend [data-count="parties"]').first();
	await expect(parties).toHaveText('119');
	if (javaScriptEnabled) {
		const slider = page.locator('input#year');
		await slider.focus();
		for (let i = 0; i < 4; i++) await slider.press('ArrowRight');
		await expect(parties).not.toHaveText('119');
		await expect(page).toHaveURL(/asOf=2012-/);
	} else {
		// Without JavaScript the slider is a form that reloads.
		await page.locator('input[name="asOf"]').first().fill('2012-06-03');
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(parties).toHaveText('148');
	}
});

test('the SVG download is a valid standalone SVG', async ({ page }) => {
	await page.goto(MAP);
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download SVG' }).click();
	const file = await (await download).path();
	const svg = await readFile(file, 'utf8');
	expect(XMLValidator.validate(svg)).toBe(true);
	const doc = new XMLParser({ ignoreAttributes: false }).parse(svg);
	expect(doc.svg['@_xmlns']).toBe('http://www.w3.org/2000/svg');
	expect(svg).toContain('data-code="IND"');
});

test('the PNG download is a PNG image', async ({ page, javaScriptEnabled }) => {
	test.skip(!javaScriptEnabled, 'PNG is drawn in the browser');
	await page.goto(MAP);
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download PNG' }).click();
	const bytes = await readFile(await (await download).path());
	expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	expect(bytes.length).toBeGreaterThan(10_000);
});

test('the embed page renders alone, with a credit link', async ({ page }) => {
	await page.goto('/embed/map/trafficking-protocol?asOf=2008-06-03');
	await expect(page.locator('header.site')).toHaveCount(0);
	await expect(page.locator('nav')).toHaveCount(0);
	await expect(page.locator('h1')).toHaveText('Trafficking in Persons Protocol: status on 3 June 2008');
	await expect(page.locator('svg [data-code="IND"]')).toHaveAttribute('data-status', 'signed');
	await expect(page.locator('a[href*="/map/trafficking-protocol"]').first()).toBeVisible();
});

test('a region view counts only its members', async ({ page }) => {
	await page.goto('/map/trafficking-protocol?asOf=2008-06-03&group=asean');
	const counts = await page.locator('.legend [data-count]').evaluateAll((els) =>
		Object.fromEntries(els.map((e) => [e.getAttribute('data-count'), Number(e.textContent)]))
	);
	expect(counts.party + counts.pending + counts.signed + counts.none + counts.denounced).toBe(10);
	const bad = await page.goto('/map/trafficking-protocol?group=atlantis');
	expect(bad?.status()).toBe(400);
	await expect(page.locator('body')).toContainText('atlantis');
});

test('a State not yet in existence is drawn as background and not counted: South Sudan on the C029 map of 1950', async ({ page }) => {
	await page.goto('/map/ilo-c029?asOf=1950-06-01');
	const ssd = page.locator('svg a[data-code="SSD"]');
	await expect(ssd).toHaveAttribute('data-not-yet', '');
	await expect(ssd.locator('title')).toHaveText('South Sudan — not yet a State on this date (COW: in system from 2011)');
	await expect(page.locator('svg a[data-code="FRA"]')).not.toHaveAttribute('data-not-yet');
	const counts = await page.locator('.legend [data-count]').evaluateAll((els) =>
		Object.fromEntries(els.map((e) => [e.getAttribute('data-count'), Number(e.textContent)]))
	);
	const notYet = await page.locator('svg a[data-not-yet]').count();
	const notOpen = await page.locator('svg a[data-not-open]').count();
	const drawn = await page.locator('svg a[data-code]').count();
	expect(notYet).toBeGreaterThan(50);
	// Everyone drawn is counted once, except the States not yet in existence and those outside
	// the ILO (the EU, which may not join an ILO convention, is not listed either).
	expect(counts.party + counts.pending + counts.signed + counts.none + counts.denounced).toBe(drawn - notYet - notOpen);
	await expect(page.getByText('Not a place on the map')).toHaveCount(0);
});

test('a State that may not join is drawn as background, also as the slider moves: Germany, outside the ILO until 1955', async ({ page, javaScriptEnabled }) => {
	await page.goto('/map/ilo-c029?asOf=1950-06-01');
	const deu = page.locator('svg a[data-code="DEU"]');
	await expect(deu).toHaveAttribute('data-not-open', '');
	await expect(deu.locator('title')).toHaveText('Germany — not open to it');
	// Everyone drawn is counted once, except those not yet a State and those that may not join.
	const consistent = async () => {
		const counts = await page.locator('.legend [data-count]').evaluateAll((els) =>
			Object.fromEntries(els.map((e) => [e.getAttribute('data-count'), Number(e.textContent)]))
		);
		const aside = await page.locator('svg a[data-not-yet], svg a[data-not-open]').count();
		const drawn = await page.locator('svg a[data-code]').count();
		expect(counts.party + counts.pending + counts.signed + counts.none + counts.denounced).toBe(drawn - aside);
	};
	await consistent();
	if (javaScriptEnabled) {
		const slider = page.locator('input#year');
		await slider.focus();
		for (let i = 0; i < 6; i++) await slider.press('ArrowRight');
		await expect(page).toHaveURL(/asOf=1956-/);
	} else {
		await page.goto('/map/ilo-c029?asOf=1956-06-01');
	}
	await expect(deu).not.toHaveAttribute('data-not-open');
	await expect(deu.locator('title')).toHaveText(/^Germany: /);
	await consistent();
});

test.describe('on a phone (390 × 844)', () => {
	test.use({ viewport: { width: 390, height: 844 } });

	test('the map is the full width of the screen and wholly above the fold, with nothing spilling sideways', async ({ page }) => {
		await page.goto('/map/trafficking-protocol');
		const box = (await page.locator('svg.status-map').boundingBox())!;
		expect(box.x).toBe(0);
		expect(box.width).toBe(390);
		expect(box.y + box.height).toBeLessThanOrEqual(844);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
	});

	test('"who has not joined" picks them out, as a link that can be shared, and the printable list is one tap away', async ({ page }) => {
		await page.goto(MAP);
		await page.getByRole('link', { name: 'who has not joined', exact: true }).click();
		await expect(page).toHaveURL(/highlight=not-joined/);
		await expect(page).toHaveURL(/asOf=2008-06-03/);
		// India had signed only, the UAE had done nothing: strong colours; France, a party: pale.
		await expect(page.locator('svg a[data-code="IND"] path').first()).toHaveAttribute('fill', '#e69f00');
		await expect(page.locator('svg a[data-code="FRA"] path').first()).toHaveAttribute('fill', '#d9e2ea');
		await expect(page.locator('.legend li').first()).toHaveAttribute('data-status', 'none');
		// Shared, the link shows the same map (and without JavaScript, the same).
		await page.goto(page.url());
		await expect(page.locator('svg a[data-code="IND"] path').first()).toHaveAttribute('fill', '#e69f00');
		await page.getByRole('link', { name: 'The list of who has not joined (printable)' }).click();
		await expect(page).toHaveURL(/\/instruments\/trafficking-protocol\/non-parties\?asOf=2008-06-03/);
		await expect(page.locator('h1')).toContainText('Who has not joined');
	});
});

test('land that is no participant (Greenland) is a grey clearly apart from "No action"', async ({ page }) => {
	await page.goto(MAP);
	const background = await page.locator('svg.status-map path.background').getAttribute('fill');
	const noAction = await page.locator('svg a[data-code="ARE"] > *').first().getAttribute('fill');
	const luminance = (hex: string) => {
		const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const [a, b] = [luminance(background!), luminance(noAction!)].sort((x, y) => y - x);
	// WCAG's contrast ratio between the two fills: 1.3 or more is told apart at a glance (it was 1.19).
	expect((a + 0.05) / (b + 0.05)).toBeGreaterThan(1.3);
	const bad = await page.goto('/map/trafficking-protocol?highlight=everyone');
	expect(bad?.status()).toBe(400);
});

test('without ORIGIN a page names no picture (it would be a relative address), yet the picture answers', async ({ request }) => {
	const html = await (await request.get('/participants/IND')).text();
	expect(html).not.toContain('og:image');
	expect(html).toContain('<meta name="twitter:card" content="summary"');
	const png = await request.get('/map/trafficking-protocol.png?asOf=2008-06-03');
	expect(png.headers()['content-type']).toBe('image/png');
	expect((await png.body()).subarray(1, 4).toString()).toBe('PNG');
});
