// The attacks an outsider and each role tried, against the built server (started, as the README
// says, without ORIGIN): guesses sent at once, a redirect to another site after signing in, a
// request naming another host, a token outliving a password change, emails on public pages,
// public answers a shared cache could hand to a signed-in person. Each is tried once (project
// js): they attack the server, not the page in the browser, but for the redirect followed by a
// script. The rules themselves are unit-tested (auth.test.ts, security.test.ts).
import { request as http } from 'node:http';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { PASSWORD, REVIEW, signIn, USERS } from './users';

test.beforeEach(({}, info) => test.skip(info.project.name !== 'js', 'an attack on the server: once is enough'));

/** A sign-in posted as a form from this site (SvelteKit refuses cross-site form posts). */
function postSignIn(api: APIRequestContext, baseURL: string, email: string, password: string, next?: string) {
	return api.post(`/login${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`, {
		form: { email, password },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
}

test('sixty guesses sent at once, the right password last: none signs in', async ({ playwright, baseURL }) => {
	const api = await playwright.request.newContext({ baseURL });
	const guesses = Array.from({ length: 60 }, (_, i) => (i === 59 ? PASSWORD : `not the password, guess ${i}`));
	const answers = await Promise.all(guesses.map((password) => postSignIn(api, baseURL!, USERS.guessed.email, password)));
	const sessions = answers.filter((a) => (a.headers()['set-cookie'] ?? '').includes('session='));
	expect(sessions).toHaveLength(0);
	expect(answers.filter((a) => a.status() === 400)).toHaveLength(5);
	expect(answers.filter((a) => a.status() === 429)).toHaveLength(55);
	expect(await answers.at(-1)!.text()).toContain('Too many failed sign-ins: try again in');
});

test('after signing in, `next` never leads to another site', async ({ playwright, baseURL, page }) => {
	const api = await playwright.request.newContext({ baseURL });
	for (const next of ['/\\evil.example', '/\t/evil.example', '//evil.example', 'https://evil.example/', '/%5Cevil.example']) {
		const answer = await postSignIn(api, baseURL!, USERS.editor.email, PASSWORD, next);
		expect(answer.status(), next).toBe(303);
		const to = new URL(answer.headers()['location'], baseURL);
		expect(to.origin, next).toBe(new URL(baseURL!).origin);
	}
	const kept = await postSignIn(api, baseURL!, USERS.editor.email, PASSWORD, '/instruments/untoc?asOf=2010-01-01');
	expect(kept.headers()['location']).toBe('/instruments/untoc?asOf=2010-01-01');

	// in the browser, with its script following the redirect itself
	await page.goto('/login?next=/%5Cevil.example');
	await page.getByLabel('Email').fill(USERS.editor.email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => url.pathname !== '/login');
	expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});

/** A GET with the Host header an attacker chooses (Playwright's client would not send it). */
function getWithHost(baseURL: string, path: string, host: string): Promise<{ status: number; body: string }> {
	const { hostname, port } = new URL(baseURL);
	return new Promise((resolve, reject) => {
		const req = http({ hostname, port, path, headers: { host, accept: 'text/html' } }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode!, body }));
		});
		req.on('error', reject);
		req.end();
	});
}

test('a request naming another host does not change what everyone else is sent', async ({ playwright, baseURL }) => {
	const pub = await playwright.request.newContext({ baseURL });
	for (const path of ['/feed.atom', '/instruments/untoc/feed.atom', '/map/untoc?region=africa', '/instruments/untoc/non-parties', '/map/untoc.svg']) {
		const poisoned = await getWithHost(baseURL!, path, 'evil.example');
		expect(poisoned.body, path).not.toContain('evil.example');
		const everyone = await pub.get(path, { headers: { accept: path.endsWith('.atom') || path.endsWith('.svg') ? '*/*' : 'text/html' } });
		expect(everyone.status(), path).toBe(200);
		expect(await everyone.text(), path).not.toContain('evil.example');
	}
});

test('a token dies with a password change', async ({ page, playwright, baseURL }) => {
	await signIn(page, 'token-owner');
	await page.goto('/account');
	await page.getByLabel('Name of a new token').fill('nightly script');
	await page.getByRole('button', { name: 'Create token' }).click();
	const token = await page.getByLabel('Token', { exact: true }).inputValue();
	expect(token).toMatch(/^tt_/);
	const script = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
	expect((await script.get('/api/v1/me')).status()).toBe(200);
	await page.getByLabel('Current password').fill(PASSWORD);
	await page.getByLabel('New password', { exact: true }).fill(`${PASSWORD}, changed`);
	await page.getByLabel('New password, again').fill(`${PASSWORD}, changed`);
	await page.getByRole('button', { name: 'Change password' }).click();
	await expect(page.getByText(/1 API token was revoked/)).toBeVisible();
	expect((await script.get('/api/v1/me')).status()).toBe(401);
});

test('no public page or its data names anyone’s email; a public answer says it varies with the cookie', async ({ playwright, baseURL }) => {
	const pub = await playwright.request.newContext({ baseURL });
	const emails = [...Object.values(USERS).map((u) => u.email), REVIEW.focalPoint('js'), REVIEW.reviewingFocalPoint('js'), REVIEW.reviewingExpert('js')];
	for (const path of ['/', '/sources', '/sources/__data.json', '/instruments/untoc', '/instruments/untoc/__data.json', '/participants/IND', '/participants/IND/__data.json', '/reviews', '/reviews/__data.json', '/reviews/cycles/untoc-1', '/reviews/cycles/untoc-1/__data.json', '/feed.atom']) {
		const answer = await pub.get(path);
		expect(answer.status(), path).toBe(200);
		const body = await answer.text();
		for (const email of emails) expect(body, `${path} names ${email}`).not.toContain(email);
		expect(body, path).not.toMatch(/[\w.+-]+@e2e\.example\.org/);
		expect(answer.headers()['vary'], path).toMatch(/\bCookie\b/);
	}
});
