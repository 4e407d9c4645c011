// The treaty record in the browser: counts on the home page and an instrument page follow
// the "as of" date, with JavaScript on and off (both Playwright projects run every test).
import { expect, test, type Page } from '@playwright/test';

async function setAsOf(page: Page, date: string) {
	await page.locator('input[name="asOf"]').first().fill(date);
	await page.getByRole('button', { name: 'Show' }).click();
	await page.waitForURL(new RegExp(`asOf=${date}`));
}

test('home page counts follow the "as of" date', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('h1')).toHaveText(/trafficking in persons/i);
	const row = page.locator('tr[data-slug="trafficking-protocol"]');
	await setAsOf(page, '2008-03-31');
	await expect(row.locator('[data-count="signatories"]')).toHaveText('117');
	await expect(row.locator('[data-count="parties"]')).toHaveText('118');
	await setAsOf(page, '2003-12-31');
	const parties2003 = Number(await row.locator('[data-count="parties"]').textContent());
	expect(parties2003).toBeGreaterThanOrEqual(40);
	expect(parties2003).toBeLessThan(118);
	// Instruments with no data are listed, not hidden.
	await expect(page.locator('tr[data-slug="ilo-c181"]')).toContainText('No data yet');
});

test('instrument page: the participant table and counts follow the date', async ({ page }) => {
	await page.goto('/instruments/trafficking-protocol?asOf=2008-06-03');
	await expect(page.locator('h1')).toHaveText('Trafficking in Persons Protocol');
	await expect(page.locator('tr[data-code="IND"]')).toHaveAttribute('data-status', 'signed');
	await expect(page.locator('tr[data-code="COL"]')).toContainText('4 August 2004 Ratification');
	await page.goto('/instruments/cets-197?asOf=2008-06-03');
	await expect(page.locator('tr[data-code="BGR"]')).toContainText('ratified (date not recorded), by 1 February 2008');
	await page.goto('/instruments/trafficking-protocol?asOf=2008-06-03');
	const parties2008 = await page.locator('dd[data-count="parties"]').textContent();
	await setAsOf(page, '2010-06-03');
	await expect(page.locator('dd[data-count="parties"]')).not.toHaveText(parties2008!);
	await expect(page.locator('tr[data-code="ARE"]')).toHaveAttribute('data-status', 'party');
});

test('instrument page: sorting by consent date puts the earliest first', async ({ page }) => {
	await page.goto('/instruments/trafficking-protocol?asOf=2008-06-03');
	await page.locator('a[data-sort="consent"]').click();
	await expect(page.locator('th[aria-sort="ascending"]')).toContainText('Consent');
	// Every row with a consent comes before those without, in date order.
	const codes = await page.locator('table.participants tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
	const res = await page.request.get('/api/v1/instruments/trafficking-protocol?asOf=2008-06-03');
	const byCode = new Map((await res.json()).participants.map((p: { code: string; consent: { date: string } | null }) => [p.code, p.consent?.date ?? null]));
	const dates = codes.map((c) => byCode.get(c!) ?? null);
	const dated = dates.filter((d) => d !== null) as string[];
	expect(dates.slice(0, dated.length)).toEqual(dated);
	expect([...dated].sort()).toEqual(dated);
	expect(dated.length).toBeGreaterThan(100);
});

test('instrument page: what the depositary says, beside what this record holds', async ({ page }) => {
	// The UNTC header of the Smuggling Protocol (transcribed, raw/transcribed_2026_12/…unts_refs…csv
	// line 6): "STATUS AS AT : 26-04-2024 … Signatories : 112. Parties : 152 … vol. 2241, p. 507".
	await page.goto('/instruments/smuggling-protocol');
	const section = page.locator('section#depositary');
	await expect(section.getByRole('heading', { level: 2 })).toHaveText(/What the depositary says/);
	await expect(section.locator('[data-says="status-as-at"]')).toContainText('26 April 2024');
	await expect(section.locator('[data-says="signatories"]')).toHaveText('112');
	await expect(section.locator('[data-says="parties"]')).toHaveText('152');
	await expect(section.locator('[data-says="treaty-series"]')).toContainText('vol. 2241, p. 507; registration No. 39574');
	await expect(section.locator('[data-says="status-page"] a')).toHaveAttribute('href', /treaties\.un\.org.*XVIII-12-b/);
	// the record's own count on the depositary's day, and how far behind it is
	await expect(section.locator('[data-holds="parties"]')).toContainText('on 26 April 2024');
	await expect(section.locator('[data-holds="parties"] [data-missing]')).toBeVisible();
	// asked about 2010, before that status: the depositary's 2024 figures are not shown
	await page.goto('/instruments/smuggling-protocol?asOf=2010-01-01');
	await expect(section.locator('[data-says="parties"]')).toHaveText('—');
	await expect(section.locator('[data-says="treaty-series"]')).toContainText('vol. 2241, p. 507');
	// a Council of Europe treaty has no UN Treaty Series reference in the record: said, not made up
	await page.goto('/instruments/cets-197');
	await expect(page.locator('[data-says="treaty-series"]')).toContainText('not known to this record');
});

test('policy events: reached from the navigation; UN.GIFT launched in March 2007, both dated accounts shown with their sources', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policy' }).click();
	await expect(page).toHaveURL(/\/policy$/);
	await expect(page.locator('h1')).toHaveText('Policy events');
	await expect(page.locator('[data-event="ga-61-180"]')).toContainText('20 December 2006');
	const launch = page.locator('[data-event="un-gift-launch"]');
	await expect(launch).toContainText('26 March 2007, London');
	await expect(launch).toContainText('25 March 2007');
	await expect(launch).toContainText('The sources date it differently');
	// February 2008 was the Vienna Forum, not the launch
	expect((await launch.locator('time').allTextContents()).filter((t) => t.includes('2008'))).toEqual([]);
	await expect(page.locator('[data-event="vienna-forum"]')).toContainText('13 February 2008 – 15 February 2008, Vienna');
	await page.goto('/policy?asOf=2007-01-01');
	await expect(page.locator('[data-event]')).toHaveCount(1);
});

test('participant page: status of every instrument and the event timeline', async ({ page }) => {
	await page.goto('/participants/ARE?asOf=2008-06-03');
	await expect(page.locator('h1')).toHaveText(/United Arab Emirates/);
	await expect(page.locator('tr[data-slug="untoc"]')).toHaveAttribute('data-status', 'party');
	await expect(page.locator('tr[data-slug="trafficking-protocol"]')).toHaveAttribute('data-status', 'none');
	await expect(page.locator('ol.timeline')).toContainText('7 May 2007');
});

test('a stale record says so', async ({ page }) => {
	await page.goto('/instruments/untoc?asOf=2025-01-01');
	await expect(page.locator('.stale').first()).toContainText('may be incomplete');
});

test('a malformed date is a 400 that names the parameter', async ({ page }) => {
	const res = await page.goto('/instruments/untoc?asOf=2008-13-45');
	expect(res?.status()).toBe(400);
	await expect(page.locator('body')).toContainText('asOf must be a date in the form YYYY-MM-DD');
});

test.describe('JSON API', () => {
	test('instruments with counts as of a date', async ({ request }) => {
		const res = await request.get('/api/v1/instruments?asOf=2008-03-31');
		expect(res.status()).toBe(200);
		const body = await res.json();
		expect(body.asOf).toBe('2008-03-31');
		const tip = body.instruments.find((i: { slug: string }) => i.slug === 'trafficking-protocol');
		expect(tip).toMatchObject({ entryIntoForce: '2003-12-25', counts: { signatories: 117, parties: 118 } });
	});
	test('unknown slug and code are JSON 404s; a bad date is a 400 naming asOf', async ({ request }) => {
		const a = await request.get('/api/v1/instruments/no-such-treaty');
		expect(a.status()).toBe(404);
		expect((await a.json()).error).toMatch(/no-such-treaty/);
		const b = await request.get('/api/v1/participants/XXX');
		expect(b.status()).toBe(404);
		expect((await b.json()).error).toMatch(/XXX/);
		const c = await request.get('/api/v1/instruments?asOf=03-06-2008');
		expect(c.status()).toBe(400);
		expect((await c.json()).error).toMatch(/asOf.*YYYY-MM-DD/);
	});
	test('a participant with its groups', async ({ request }) => {
		const body = await (await request.get('/api/v1/participants/IND?asOf=2008-06-03')).json();
		expect(body).toMatchObject({ code: 'IND', iso2: 'IN', numeric: '356', region: 'Asia' });
		expect(body.groups.map((g: { kind: string }) => g.kind)).toEqual(expect.arrayContaining(['un-regional-group', 'region']));
		expect(body.instruments.find((i: { slug: string }) => i.slug === 'trafficking-protocol').status).toBe('signed');
	});
});

test('shared links preview with the headline number', async ({ page }) => {
	await page.goto('/instruments/trafficking-protocol?asOf=2008-06-03');
	const og = await page.locator('meta[property="og:title"]').getAttribute('content');
	expect(og).toMatch(/^Trafficking in Persons Protocol: 119 parties, \d+ non-parties, as of 3 June 2008$/);
	await page.goto('/participants/IND?asOf=2008-06-03');
	expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toMatch(/^India: joined \d+ of \d+ instruments/);
});

test('a lower-case code is redirected to the canonical address', async ({ page }) => {
	await page.goto('/participants/ind?asOf=2008-06-03');
	await expect(page).toHaveURL(/\/participants\/IND\?asOf=2008-06-03$/);
	await expect(page.locator('h1')).toHaveText('India');
});

test('a download with an unknown filter is refused, naming it', async ({ request }) => {
	const res = await request.get('/instruments/trafficking-protocol/non-parties.csv?group=zzz');
	expect(res.status()).toBe(400);
	expect((await res.json()).error).toContain('zzz');
});

test('security headers: scripts only from the site; only embed pages may be framed elsewhere', async ({ request }) => {
	const home = await request.get('/');
	// SvelteKit's inline scripts by their hashes (not a nonce: public pages are stored and reused)
	expect(home.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
	expect(home.headers()['x-frame-options']).toBe('SAMEORIGIN');
	const embed = await request.get('/embed/map/trafficking-protocol');
	expect(embed.headers()['x-frame-options']).toBeUndefined();
});
