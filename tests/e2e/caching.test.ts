// The public's answers are rendered once per state of what they show: the same page twice is the
// same bytes with the same ETag; a browser holding it gets a 304 without a render; a change it
// shows (here, the secretariat confirming a setting of the review mechanism, on the cycle's
// public page) gives a new ETag. The CSP names SvelteKit's inline scripts by their hashes, so a
// stored page is still the page. (Which answers a write reaches and which it leaves stored:
// invalidation.test.ts, on a server of its own.)
import { expect, test, type APIResponse } from '@playwright/test';
import { signIn } from './users';

// a hydrated page: its CSP names its inline scripts by their hashes
const PAGE = '/map/untoc';
const CYCLE = '/reviews/cycles/untoc-1';
// one setting per project, so that the two projects' changes do not meet
const SETTING = { js: 'Two States do not review each other', 'no-js': 'No cap on how many reviews one State performs' } as const;

test('a public page: the same bytes and ETag twice, 304 when held, a new ETag after a change', async ({ playwright, page, baseURL }, info) => {
	const pub = await playwright.request.newContext({ baseURL });
	let first!: APIResponse;
	let etag = '';
	// one state of the database twice: the other project's tests write to it meanwhile (each write
	// rightly makes a new ETag), so a pair that a write fell between is asked again
	await expect(async () => {
		first = await pub.get(PAGE);
		etag = first.headers()['etag'];
		const again = await pub.get(PAGE);
		expect(again.headers()['etag']).toBe(etag);
		expect(await again.body()).toEqual(await first.body());
		const held = await pub.get(PAGE, { headers: { 'if-none-match': etag } });
		expect(held.status()).toBe(304);
		expect((await held.body()).length).toBe(0);
	}).toPass({ timeout: 20_000 });
	expect(etag).toMatch(/^W\/"[\w-]+"$/);
	expect(first.headers()['cache-control']).toBe('public, max-age=0, must-revalidate');
	expect(first.headers()['last-modified']).toMatch(/GMT$/);
	expect(first.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
	expect(first.headers()['content-security-policy']).not.toContain('nonce-');

	// a page's data (what a client-side navigation fetches) is its own answer, never the page's
	const data = await pub.get(`${PAGE}/__data.json?x-sveltekit-invalidated=11`);
	expect(data.headers()['content-type']).toContain('application/json');
	const html = await pub.get(PAGE, { headers: { accept: 'text/html' } });
	expect(html.headers()['content-type']).toContain('text/html');
	expect(html.headers()['etag']).not.toBe(data.headers()['etag']);

	// a change the cycle's page shows: the secretariat confirms a setting of the mechanism
	const cycle = (await pub.get(CYCLE)).headers()['etag'];
	await signIn(page, 'secretariat');
	await page.goto('/reviews/cycles/untoc-1');
	const row = page.locator('tr', { hasText: SETTING[info.project.name as keyof typeof SETTING] });
	await row.getByRole('button', { name: /^Confirm/ }).click();
	await expect(row).toContainText('yes');
	// signed in, nothing is shared or stored
	const mine = await page.request.get(PAGE);
	expect(mine.headers()['cache-control']).toBe('private, no-store');
	expect(mine.headers()['etag']).not.toBe(etag);

	const after = await pub.get(CYCLE, { headers: { 'if-none-match': cycle } });
	expect(after.status()).toBe(200);
	expect(after.headers()['etag']).not.toBe(cycle);
	expect(await after.text()).toContain(SETTING[info.project.name as keyof typeof SETTING]);
	await pub.dispose();
});

test('the instrument page is sent without a script or its data again; reached by a link from a hydrated page, it is whole', async ({ page, playwright, baseURL }, info) => {
	const pub = await playwright.request.newContext({ baseURL });
	const html = await (await pub.get('/instruments/untoc', { headers: { accept: 'text/html' } })).text();
	expect(html).not.toContain('<script');
	// its ~200 rows once, in the table — not a second time as data for a script
	expect(html.match(/data-code="COL"/g)?.length ?? 0).toBeGreaterThan(0);
	expect(html).not.toContain('"participants":');
	await pub.dispose();

	// from the map page (hydrated, with JavaScript: a client-side navigation fetches its data)
	await page.goto('/map/untoc');
	// clicked before the map page has hydrated, the link is an ordinary one (a full load, no script)
	if (info.project.name === 'js') await page.waitForLoadState('networkidle');
	await page.getByRole('link', { name: /^UNTOC$|United Nations Convention against Transnational Organized Crime/ }).first().click();
	await expect(page).toHaveURL(/\/instruments\/untoc(\?|$)/);
	await expect(page.locator('table tbody tr').first()).toBeVisible();
	expect(await page.locator('tr', { hasText: 'Colombia' }).count()).toBeGreaterThan(0);
	await expect(page.locator('svg.status-map')).toBeVisible();
	if (info.project.name === 'js') expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBeGreaterThan(0);
});
