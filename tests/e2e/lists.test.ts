// Lists for advocates: who has not joined an instrument, filtered with a plain GET form (so
// with JavaScript off too), downloadable as CSV, printable on one page; exports and feeds.
import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const output = (name: string) => fileURLToPath(new URL(`output/${name}`, import.meta.url));
const LIST = '/instruments/trafficking-protocol/non-parties?asOf=2008-06-03';

test('the instrument page links to its non-parties', async ({ page }) => {
	await page.goto('/instruments/trafficking-protocol?asOf=2008-06-03');
	await page.locator('a[data-link="non-parties"]').click();
	await expect(page).toHaveURL(/\/instruments\/trafficking-protocol\/non-parties\?asOf=2008-06-03$/);
	await expect(page.locator('h1')).toHaveText('Who has not joined the Trafficking in Persons Protocol?');
	await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute('href', '/feed.atom');
});

test('non-parties: India signed in 2002 and had not ratified; the region filter narrows the list', async ({ page }) => {
	await page.goto(LIST);
	const count = page.locator('[data-count="non-parties"]');
	// 78: South Sudan (a State from 2011) is no non-party in 2008.
	await expect(count).toHaveText('78');
	await expect(page.locator('ul.signed li[data-code="IND"]')).toHaveText('India (since 2002 — 5 years)');
	await expect(page.locator('#h-signed')).toHaveText('Signed, not ratified (26)');
	await expect(page.locator('#h-not-signed')).toHaveText('Not signed (52)');
	await expect(page.locator('li[data-code="SSD"]')).toHaveCount(0);

	await page.locator('select[name="region"]').selectOption('europe');
	await page.getByRole('button', { name: 'Show' }).click();
	await page.waitForURL(/region=europe/);
	await expect(count).toHaveText('8');
	await expect(page.locator('ul.signed li[data-code="CZE"]')).toBeVisible();
	await expect(page.locator('li[data-code="IND"]')).toHaveCount(0);
	await expect(page.locator('select[name="region"]')).toHaveValue('europe');
	await expect(page.locator('meta[property="og:title"]')).toHaveAttribute(
		'content',
		'8 non-parties of the Trafficking in Persons Protocol in Europe as of 3 June 2008'
	);

	await page.locator('select[name="group"]').selectOption('european-union');
	await page.getByRole('button', { name: 'Show' }).click();
	await page.waitForURL(/group=european-union/);
	await expect(count).toHaveText(String(await page.locator('.lists li').count()));
	await expect(page.locator('.headline')).toContainText('in Europe among members of the European Union');
});

test('after the record ends, no one is known not to have joined: the headline says how many had not, and when', async ({ page }) => {
	// UNTOC's record is the depositary's table of 27 January 2014; asked about today, every
	// participant short of consent is unknown, listed apart — none is counted as a non-party
	await page.goto('/instruments/untoc/non-parties');
	const headline = page.locator('p.headline');
	await expect(headline.locator('[data-count="non-parties"]')).toHaveText('0');
	await expect(headline).toContainText('participants are known not to have joined UNTOC');
	const stale = Number(await headline.locator('[data-count="stale-sum"]').textContent());
	expect(stale).toBeGreaterThan(0);
	await expect(headline).toContainText('had not joined when the record last knew (27 January 2014), and may have since.');
	await expect(headline).not.toContainText('more had not joined');
	await expect(page.locator('#h-stale')).toContainText(`(${stale})`);
});

test('the CSV link downloads the rows the page counts', async ({ page }) => {
	await page.goto(`${LIST}&region=africa`);
	const count = Number(await page.locator('[data-count="non-parties"]').textContent());
	expect(count).toBeGreaterThan(0);
	const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-csv]').click()]);
	expect(download.suggestedFilename()).toBe('non-parties-trafficking-protocol-2008-06-03-africa.csv');
	const text = readFileSync((await download.path())!, 'utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff);
	const lines = text.slice(1).split('\r\n').filter(Boolean);
	expect(lines[0]).toMatch(/^code,name,status,signature,/);
	expect(lines.length - 1).toBe(count);
	const pageCodes = await page.locator('.lists li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-code')));
	expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(pageCodes);
});

test('an unknown region is named, and the list is shown without it; the API refuses it', async ({ page, request }) => {
	await page.goto(`${LIST}&region=atlantis&group=council-of-europe`);
	await expect(page.locator('[data-not-found]')).toContainText('There is no region “atlantis”');
	const filtered = await page.locator('[data-count="non-parties"]').textContent();
	await page.goto(`${LIST}&group=council-of-europe`);
	await expect(page.locator('[data-count="non-parties"]')).toHaveText(filtered!);

	const res = await request.get('/api/v1/instruments/trafficking-protocol/non-parties?region=atlantis&group=nowhere');
	expect(res.status()).toBe(400);
	const { error } = await res.json();
	expect(error).toContain('"atlantis"');
	expect(error).toContain('"nowhere"');
	expect((await request.get('/api/v1/instruments/no-such-treaty/non-parties')).status()).toBe(404);
});

test('an instrument without data says so instead of listing everyone; a partial one warns', async ({ page }) => {
	await page.goto('/instruments/ilo-c181/non-parties');
	await expect(page.locator('.empty')).toContainText('No data yet');
	await expect(page.locator('.lists')).toHaveCount(0);
	await page.goto('/instruments/cets-197/non-parties?asOf=2016-01-01');
	await expect(page.locator('[data-caveat="partial"]')).toContainText('Partial record');
	// who the partial record says nothing of is listed apart, and not counted as a non-party
	const unknown = page.locator('section.unknown');
	await expect(unknown.getByRole('heading', { name: /Not in our record/ })).toBeVisible();
	await expect(unknown.locator('li[data-code="EST"]')).toHaveCount(1);
	await expect(page.locator('section[aria-labelledby="h-not-signed"] li[data-code="EST"]')).toHaveCount(0);
});

test('the non-parties page prints as a one-page handout', async ({ page, browserName }, info) => {
	test.skip(info.project.name !== 'js' || browserName !== 'chromium', 'page.pdf() needs headless Chromium; once is enough');
	await page.goto(LIST);
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('header.site')).toBeHidden();
	await expect(page.locator('form.filters')).toBeHidden();
	const onePage = async (name: string) => {
		for (const format of ['A4', 'Letter'] as const) {
			const pdf = await page.pdf({ format, printBackground: true });
			writeFileSync(output(`${name}-${format}.pdf`), pdf);
			const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? [];
			expect(pages, `${name}, ${format}: pages`).toHaveLength(1);
		}
	};
	await onePage('non-parties');
	// A long list: just after entry into force, when most States had not yet joined.
	await page.goto('/instruments/trafficking-protocol/non-parties?asOf=2003-12-25');
	expect(Number(await page.locator('[data-count="non-parties"]').textContent())).toBeGreaterThan(120);
	await onePage('non-parties-long');
});

test('screenshots of the non-parties page, desktop and phone', async ({ page }, info) => {
	test.skip(info.project.name !== 'no-js', 'the page as it is without JavaScript');
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto(`${LIST}&region=europe`);
	await page.screenshot({ path: output('non-parties-desktop.png'), fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto(LIST);
	await page.screenshot({ path: output('non-parties-phone.png'), fullPage: true });
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
});

test.describe('exports and feeds', () => {
	test('CSV and JSON exports of the participant table agree', async ({ request }) => {
		const csv = await request.get('/instruments/trafficking-protocol/export.csv?asOf=2008-06-03');
		expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
		expect(csv.headers()['content-disposition']).toBe('attachment; filename="trafficking-protocol-2008-06-03.csv"');
		const json = await (await request.get('/instruments/trafficking-protocol/export.json?asOf=2008-06-03')).json();
		const lines = (await csv.text()).slice(1).split('\r\n').filter(Boolean);
		expect(lines.length - 1).toBe(json.rows.length);
		expect(json.source.recordedOn).toBe('2022-11-04');
		expect((await request.get('/instruments/trafficking-protocol/export.csv?asOf=2008-13-01')).status()).toBe(400);
	});

	test('the Atom feeds and the home page’s recent events', async ({ page, request }) => {
		const feed = await request.get('/feed.atom');
		expect(feed.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
		expect((await feed.text()).match(/<entry>/g)).toHaveLength(100);
		const one = await (await request.get('/instruments/trafficking-protocol/feed.atom')).text();
		expect(one).toContain('Pakistan acceded to the Trafficking in Persons Protocol on 4 November 2022.');
		await page.goto('/');
		await expect(page.locator('.recent li')).toHaveCount(10);
		await page.goto('/?asOf=2022-11-30');
		await expect(page.locator('.recent')).toContainText('Pakistan acceded to the Trafficking in Persons Protocol');
	});

	test('the OpenAPI document lists the endpoints, and the built server answers as it says', async ({ request }) => {
		const doc = await (await request.get('/api/v1/openapi.json')).json();
		expect(doc.openapi).toBe('3.1.0');
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining(['/api/v1/instruments/{slug}/non-parties', '/api/v1/compare', '/feed.atom', '/instruments/{slug}/export.csv'])
		);
		// Public and read-only: no security requirement; the licence points at the sources.
		expect(doc.security).toEqual([]);
		expect(doc.info.license.url).toBe('/sources');
		// The production build does not check its bodies against the schemas (the unit tests do):
		// check a few of its real answers against the document it serves.
		const ajv = new Ajv2020({ allErrors: true, strict: false });
		addFormats(ajv, ['date']);
		ajv.addSchema({ ...doc, $id: 'openapi.json' });
		const answers: [string, string][] = [
			['/api/v1/participants/EST?asOf=2016-01-01', 'Participant'],
			['/api/v1/instruments/saarc-convention', 'InstrumentDetail'],
			['/api/v1/instruments/cets-197/non-parties?asOf=2016-01-01&group=council-of-europe', 'NonParties'],
			['/api/v1/instruments/no-such-treaty', 'Error']
		];
		for (const [url, schema] of answers) {
			const body = await (await request.get(url)).json();
			const validate = ajv.getSchema(`openapi.json#/components/schemas/${schema}`)!;
			expect(validate(body) ? [] : validate.errors, url).toEqual([]);
		}
	});
});

test('printed, a name that wraps is indented under itself, so it reads as one entry', async ({ page }) => {
	// About the width of an A4 page inside its margins.
	await page.setViewportSize({ width: 703, height: 1000 });
	await page.goto('/instruments/trafficking-protocol/non-parties?asOf=2003-12-25');
	await page.emulateMedia({ media: 'print' });
	for (const code of ['PRK', 'FSM']) {
		const lines = await page.locator(`li[data-code="${code}"] a`).evaluate((a) => [...a.getClientRects()].map((r) => Math.round(r.left)));
		expect(lines.length, `${code}'s name wraps at this width`).toBeGreaterThan(1);
		expect(lines[1], `${code}'s second line starts to the right of its first`).toBeGreaterThan(lines[0] + 4);
		const li = await page.locator(`li[data-code="${code}"]`).evaluate((el) => {
			const s = getComputedStyle(el);
			return { indent: parseFloat(s.textIndent), padding: parseFloat(s.paddingLeft) };
		});
		expect(li.indent).toBeLessThan(0);
		expect(li.padding).toBeCloseTo(-li.indent, 0);
	}
});
