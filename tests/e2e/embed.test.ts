// The map on someone else's page: every link leaves the frame (the SVG's country links too),
// the host sizes it, and it can list who has not joined. Driven inside a real iframe.
import { expect, test, type Page } from '@playwright/test';

const EMBED = '/embed/map/trafficking-protocol?asOf=2008-06-03';

/** A campaign's article with the embed code pasted in, as a host page would have it. */
async function host(page: Page, baseURL: string | undefined, src: string, height = 600) {
	await page.setContent(`<!doctype html><title>A campaign</title><h1>Our campaign</h1><iframe src="${baseURL}${src}" title="The map" width="900" height="${height}" style="border:0"></iframe>`);
	const frame = page.frameLocator('iframe');
	await expect(frame.locator('svg.status-map')).toBeVisible();
	return frame;
}

test('a country clicked in an embedded map opens in a new tab; the frame keeps the map', async ({ page, baseURL }) => {
	const frame = await host(page, baseURL, EMBED);
	const popup = page.waitForEvent('popup');
	await frame.locator('svg a[data-code="BRA"]').click();
	const opened = await popup;
	await expect(opened).toHaveURL(/\/participants\/BRA\?asOf=2008-06-03$/);
	await expect(opened.locator('h1')).toHaveText('Brazil');
	// The host's frame was not navigated: it still shows the map, not a refused page.
	expect(page.frames()[1].url()).toContain('/embed/map/trafficking-protocol');
	await expect(frame.locator('svg a[data-code="BRA"]')).toBeVisible();
});

test('the credit link opens the full map in a new tab, and every link in the embed leaves the frame', async ({ page, baseURL }) => {
	const frame = await host(page, baseURL, EMBED);
	const links = frame.locator('a[href]');
	expect(await links.count()).toBeGreaterThan(150);
	// SVG links do not follow <base target>: each one says where it opens.
	const staying = await frame.locator('svg a').evaluateAll((as) => as.filter((a) => a.getAttribute('target') !== '_blank' || a.getAttribute('rel') !== 'noopener').length);
	expect(staying).toBe(0);
	const popup = page.waitForEvent('popup');
	await frame.getByRole('link', { name: 'Treaty Tracker' }).click();
	const opened = await popup;
	await expect(opened).toHaveURL(/\/map\/trafficking-protocol\?asOf=2008-06-03$/);
	await expect(opened.locator('h1')).toHaveText('Trafficking in Persons Protocol on the map');
});

test('the embed is one main landmark with its heading', async ({ page }) => {
	await page.goto(EMBED);
	await expect(page.getByRole('main')).toHaveCount(1);
	await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('Trafficking in Persons Protocol: status on 3 June 2008');
});

test('?height= fits the map, its key and credit into a frame of that height', async ({ page, baseURL }) => {
	for (const height of [360, 700]) {
		const frame = await host(page, baseURL, `${EMBED}&height=${height}`, height);
		const fits = await frame.locator('body').evaluate((b) => {
			const bottom = (selector: string) => b.querySelector(selector)!.getBoundingClientRect().bottom;
			return { scroll: b.ownerDocument.documentElement.scrollHeight, inner: window.innerHeight, legend: bottom('.legend'), credit: bottom('.credit') };
		});
		// Nothing to scroll, and the key and the credit inside the frame.
		expect(fits.scroll, `${height} px`).toBeLessThanOrEqual(fits.inner);
		expect(fits.legend, `${height} px`).toBeLessThanOrEqual(fits.inner);
		expect(fits.credit, `${height} px`).toBeLessThanOrEqual(fits.inner);
	}
	const bad = await page.goto(`${EMBED}&height=tall`);
	expect(bad?.status()).toBe(400);
	await expect(page.locator('body')).toContainText('height');
});

test('the embed can list who has not joined, picked out on the map: India had only signed in 2008, the UAE had done nothing', async ({ page, baseURL }) => {
	const frame = await host(page, baseURL, `${EMBED}&list=not-joined&height=900`, 900);
	const list = frame.getByRole('region', { name: /Who has not joined on 3 June 2008/ });
	await expect(list.locator('li[data-code="IND"]')).toContainText('India (2002)');
	await expect(list.locator('li[data-code="ARE"]')).toContainText('United Arab Emirates');
	await expect(list.locator('li[data-code="FRA"]')).toHaveCount(0);
	// Who has not joined in strong colours (orange: signed, vermillion: no action); the parties pale.
	await expect(frame.locator('svg a[data-code="IND"] path').first()).toHaveAttribute('fill', '#e69f00');
	await expect(frame.locator('svg a[data-code="ARE"] > *').first()).toHaveAttribute('fill', '#d55e00');
	await expect(frame.locator('svg a[data-code="FRA"] path').first()).toHaveAttribute('fill', '#d9e2ea');
	const popup = page.waitForEvent('popup');
	await list.getByRole('link', { name: 'India', exact: true }).click();
	await expect(await popup).toHaveURL(/\/participants\/IND\?asOf=2008-06-03$/);
});
