// What outside checkers found (issue 8): the Nu HTML checker on every kind of page, sections
// named by their headings, and error answers that say what went wrong.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVERY_KIND_OF_PAGE } from './pages';

test('the home page sections are named by their headings', async ({ page }) => {
	await page.goto('/?asOf=2008-06-03');
	for (const name of [
		'The Trafficking in Persons Protocol on the map',
		'United Nations treaties',
		'Regional treaties',
		'ILO conventions',
		'Regional plans and declarations (non-binding)'
	]) {
		const section = page.getByRole('region', { name, exact: true });
		await expect(section, `a section named "${name}"`).toHaveCount(1);
		await expect(section.getByRole('heading', { level: 2 })).toHaveText(name);
	}
	await expect(page.getByRole('region', { name: 'United Nations treaties' }).locator('tr[data-slug="trafficking-protocol"]')).toBeVisible();
});

const PAGES = EVERY_KIND_OF_PAGE;

type VnuMessage = { type: string; subType?: string; url?: string; message: string; lastLine?: number; extract?: string };

// @java: scripts/e2e.js installs Java, or asks for it, when a run includes this test.
test('the HTML of every kind of page passes the Nu HTML checker', { tag: '@java' }, async ({ request }, info) => {
	test.skip(info.project.name !== 'js', 'the server sends the same HTML to both projects; once is enough');
	const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
	expect(
		java.error,
		`The Nu HTML checker (vnu-jar) needs Java, and \`java\` could not be run (${java.error?.message}). Install it, as root, or with sudo: ` +
			'`apt-get install -y --no-install-recommends default-jre-headless` (Debian/Ubuntu), then run the tests again.'
	).toBeUndefined();
	const jar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');

	const dir = mkdtempSync(join(tmpdir(), 'vnu-'));
	try {
		const files = new Map<string, string>();
		for (const [n, path] of PAGES.entries()) {
			const res = await request.get(path);
			expect(res.headers()['content-type'], path).toContain('text/html');
			const file = join(dir, `page-${n}.html`);
			writeFileSync(file, await res.text());
			files.set(`file:${file}`, path);
		}
		const run = spawnSync('java', ['-jar', jar, '--format', 'json', '--stdout', ...[...files.keys()].map((f) => f.slice(5))], {
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024
		});
		expect(run.error, 'running vnu.jar').toBeUndefined();
		expect(run.stdout, `vnu.jar printed no report: ${run.stderr}`).not.toBe('');
		const { messages } = JSON.parse(run.stdout) as { messages: VnuMessage[] };
		const describe = (m: VnuMessage) => `${files.get(m.url ?? '') ?? m.url} line ${m.lastLine}: ${m.message} [${(m.extract ?? '').trim()}]`;
		for (const m of messages.filter((m) => m.type === 'info' && m.subType === 'warning')) {
			info.annotations.push({ type: 'vnu warning', description: describe(m) });
		}
		const errors = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error').map(describe);
		expect(errors).toEqual([]);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

test('a group picker holds nothing but options: no stray comments inside <select>', async ({ request }) => {
	for (const path of ['/instruments/trafficking-protocol/non-parties', '/map/trafficking-protocol', '/compare']) {
		const html = await (await request.get(path)).text();
		const selects = html.match(/<select[^]*?<\/select>/g) ?? [];
		expect(selects.length, path).toBeGreaterThan(0);
		for (const s of selects) expect(s, path).not.toContain('<!>');
	}
});

test.describe('error answers say what went wrong', () => {
	test('a malformed address is a 400 page that says so', async ({ page }) => {
		const res = await page.goto('/instruments/%E0%A4%A');
		expect(res?.status()).toBe(400);
		await expect(page.locator('.message')).toContainText('malformed');
		await expect(page.locator('main')).not.toContainText('Internal error');
	});

	test('POST to a page is a 405 that says the method is not allowed, with Allow: GET', async ({ request }) => {
		const html = await request.post('/', { headers: { accept: 'text/html' } });
		expect(html.status()).toBe(405);
		expect(html.headers()['allow']).toBe('GET');
		const text = await html.text();
		expect(text).toContain('POST is not allowed');
		expect(text).not.toContain('Internal error');
		const json = await request.post('/', { headers: { accept: 'application/json' } });
		expect(json.status()).toBe(405);
		expect(json.headers()['allow']).toBe('GET');
		expect(JSON.stringify(await json.json())).toContain('POST is not allowed');
	});

	test('the SVG map and the feeds answer errors as JSON { error } with the right status', async ({ request }) => {
		for (const [path, status, words] of [
			['/map/nope.svg', 404, 'nope'],
			['/map/untoc.svg?group=atlantis', 400, 'atlantis'],
			['/map/untoc.svg?asOf=2008-13-45', 400, 'asOf'],
			['/instruments/nope/feed.atom', 404, 'nope']
		] as const) {
			const res = await request.get(path);
			expect(res.status(), path).toBe(status);
			const body = await res.json();
			expect(Object.keys(body), path).toEqual(['error']);
			expect(body.error, path).toContain(words);
		}
	});

	test('a very long asOf is not echoed back whole', async ({ page, request }) => {
		const long = '2008-06-03' + 'x'.repeat(8990);
		const res = await page.goto(`/instruments/untoc?asOf=${long}`);
		expect(res?.status()).toBe(400);
		const message = (await page.locator('.message').textContent())!;
		expect(message).toContain('asOf must be a date in the form YYYY-MM-DD');
		expect(message).toContain(`got "2008-06-03${'x'.repeat(30)}…"`);
		expect(message.length).toBeLessThan(200);
		const api = await request.get(`/api/v1/instruments?asOf=${long}`);
		expect(api.status()).toBe(400);
		const { error } = await api.json();
		expect(error).toContain('asOf');
		expect(error.length).toBeLessThan(200);
	});

	test('/sources and /participants refuse a malformed asOf, naming it', async ({ page }) => {
		for (const path of ['/sources?asOf=2008-13-45', '/participants?asOf=yesterday']) {
			const res = await page.goto(path);
			expect(res?.status(), path).toBe(400);
			await expect(page.locator('.message'), path).toContainText('asOf must be a date in the form YYYY-MM-DD');
		}
	});
});

test('every page has its own description for search engines and shared links', async ({ page }) => {
	for (const path of ['/sources', '/api', '/participants']) {
		await page.goto(path);
		const description = page.locator('meta[name="description"]');
		await expect(description, path).toHaveCount(1);
		expect((await description.getAttribute('content'))?.length ?? 0, path).toBeGreaterThan(50);
	}
});

test('one participant compared is "1 participant"', async ({ page }) => {
	await page.goto('/compare?codes=THA&asOf=2008-06-03');
	await expect(page).toHaveTitle(/^1 participant compared, as of 3 June 2008/);
	await expect(page.locator('table.matrix caption')).toContainText('1 participant compared');
	await page.goto('/compare?codes=THA,FRA&asOf=2008-06-03');
	await expect(page).toHaveTitle(/^2 participants compared/);
});
