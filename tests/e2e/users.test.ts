// Accounts in Chromium, JavaScript on and off: the secretariat invites someone, whose link sets
// a password and signs them in; an editor is refused the accounts page, told what is lacking;
// a personal API token is shown once, works as a bearer token, and stops working when revoked.
// And the security basics the built server must show: the origin check, no stack traces.
import AxeBuilder from '@axe-core/playwright';
import { expect, request as http, test, type Page } from '@playwright/test';
import { signIn, USERS } from './users';

test('the secretariat invites an editor; the link sets a password, once, and signs them in', async ({ page, browser, baseURL }, info) => {
	const email = `invited.editor.${info.project.name}@e2e.example.org`;
	// A name is text, never markup.
	const name = `<b>Ada</b> & Co (${info.project.name})`;
	await signIn(page, 'secretariat');
	await page.getByRole('link', { name: 'Accounts' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accounts');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Name (optional)').fill(name);
	await page.getByLabel('Role').selectOption('editor');
	await page.getByRole('button', { name: 'Invite' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(email);
	await expect(page.locator('dd', { hasText: name })).toHaveText(name);
	const link = await page.getByLabel('Invitation link').inputValue();
	expect(link).toMatch(new RegExp(`^${baseURL}/invitation/[\\w-]{43}$`));
	// shown once: not after a reload
	await page.reload();
	await expect(page.getByLabel('Invitation link')).toHaveCount(0);
	await expect(page.getByText(/Invited; the link works until/)).toBeVisible();

	// The invitee, in a browser of their own.
	const context = await browser.newContext({ javaScriptEnabled: info.project.use.javaScriptEnabled });
	const invitee = await context.newPage();
	await invitee.goto(link);
	await expect(invitee.getByText(`You were invited to Treaty Tracker as ${email}`)).toContainText('editor of the record');
	await invitee.getByLabel('Password', { exact: true }).fill('too short');
	await invitee.getByLabel('Password, again').fill('too short');
	await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
	await expect(invitee.locator('#password-error')).toHaveText('A password needs at least 12 characters.');
	await invitee.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
	await invitee.getByLabel('Password, again').fill('correct horse battery stable');
	await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
	await expect(invitee.locator('#confirm-error')).toHaveText('The two passwords differ: type the same one twice.');
	await invitee.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
	await invitee.getByLabel('Password, again').fill('correct horse battery staple');
	await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
	await invitee.waitForURL(/\/account\?welcome$/);
	await expect(invitee.getByRole('status')).toHaveText('Welcome: your password is set and you are signed in.');
	await expect(invitee.locator('header .account')).toContainText('Editor of the record');
	expect((await context.cookies()).find((c) => c.name === 'session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
	// the link is spent
	await invitee.goto(link);
	await expect(invitee.getByRole('alert')).toHaveText('This invitation has been used already: sign in with your password.');
	await context.close();

	await page.goto('/users');
	await expect(page.locator(`tr[data-email="${email}"]`)).toContainText('Active');
});

test('two tabs change one account: the second save is refused, showing what changed; nothing is lost', async ({ page, context }, info) => {
	const email = `changed.twice.${info.project.name}@e2e.example.org`;
	await signIn(page, 'secretariat');
	await page.goto('/users');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Role').selectOption('editor');
	await page.getByRole('button', { name: 'Invite' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(email);
	const address = page.url();
	const other = await context.newPage();
	await other.goto(address);
	await page.goto(address);
	await page.getByLabel('Role').selectOption('secretariat');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toHaveText(`Saved: ${email} is now as shown below.`);
	await other.getByLabel('Name (optional)').fill('Grace');
	await other.getByRole('button', { name: 'Save' }).click();
	const conflict = other.locator('.conflict');
	await expect(conflict).toContainText('Someone changed this account while you were editing it');
	await expect(conflict.locator('tr', { hasText: 'Role' })).toHaveText(/Role\s*Secretariat\s*Editor of the record/);
	await expect(conflict.locator('tr', { hasText: 'Name' })).toHaveText(/Name\s*\(none\)\s*Grace/);
	await expect(other.locator('dd').nth(1)).toHaveText('Secretariat');
	// saving again applies the form, over the account as it now is
	await other.getByRole('button', { name: 'Save' }).click();
	await expect(other.getByRole('status')).toHaveText(`Saved: ${email} is now as shown below.`);
	await expect(other.locator('dd').first()).toHaveText('Grace');
});

test('an editor cannot reach the accounts: the 403 page says what is lacking; the public is sent to sign in', async ({ page }) => {
	const response = await page.goto('/users');
	expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/login?next=%2Fusers');
	expect(response!.status()).toBe(200);
	await signIn(page, 'editor');
	await expect(page.locator('header').getByRole('link', { name: 'Accounts' })).toHaveCount(0);
	const refused = await page.goto('/users');
	expect(refused!.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not for your account');
	await expect(page.locator('main')).toContainText(
		`To invite people and manage accounts you need the secretariat role; you are signed in as ${USERS.editor.email}, editor of the record.`
	);
	await expect(page.getByRole('link', { name: 'sign in as someone else' })).toHaveAttribute('href', '/login?next=%2Fusers');
	await expect(page.getByRole('link', { name: 'the home page' })).toHaveAttribute('href', '/');
	// and a form post to it, made by hand, is refused the same way
	const post = await page.request.post('/users?/invite', {
		headers: { origin: new URL(page.url()).origin },
		form: { email: 'sneaky@e2e.example.org', role: 'secretariat' }
	});
	expect(post.status()).toBe(403);
});

test('a personal API token: shown once, a bearer token for the API, refused once revoked', async ({ page, baseURL }, info) => {
	const name = `laptop script (${info.project.name})`;
	await signIn(page, 'reviewer');
	await page.locator('header').getByRole('link', { name: 'Reviewer' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
	await page.getByLabel('Name of a new token').fill(name);
	await page.getByRole('button', { name: 'Create token' }).click();
	await expect(page.getByRole('heading', { name: `Your new token “${name}”` })).toBeVisible();
	const token = await page.getByLabel('Token', { exact: true }).inputValue();
	expect(token).toMatch(/^tt_[\w-]{43}$/);
	await expect(page.locator('pre')).toHaveText(`curl -H "Authorization: Bearer ${token}" ${baseURL}/api/v1/me`);
	await page.reload();
	await expect(page.getByLabel('Token', { exact: true })).toHaveCount(0);
	const row = page.locator('tr', { has: page.getByRole('rowheader', { name }) });
	await expect(row).toContainText('never');

	// A script, with no cookie: only the token says who it is.
	const script = await http.newContext({ baseURL });
	const me = await script.get('/api/v1/me', { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
	expect(me.status()).toBe(200);
	expect(await me.json()).toEqual({ email: USERS.reviewer.email, name: null, role: 'reviewer', participant: 'FRA' });
	expect((await script.get('/api/v1/me')).status()).toBe(401);
	await page.reload();
	await expect(row).not.toContainText('never');

	await row.getByRole('button', { name: `Revoke the token “${name}”` }).click();
	await expect(page.getByRole('status')).toHaveText(`The token “${name}” is revoked: requests with it are refused from now on.`);
	await expect(row).toContainText('Revoked');
	const after = await script.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
	expect(after.status()).toBe(401);
	expect(after.headers()['www-authenticate']).toMatch(/^Bearer /);
	expect((await after.json()).error).toBe('To see and change one’s own account you need an account: sign in first.');
	await script.dispose();
});

test('signing in replaces whatever session cookie the browser had: a planted value is never signed in', async ({ page, context, baseURL }) => {
	await context.addCookies([{ name: 'session', value: 'planted-by-someone-else', url: baseURL! }]);
	await signIn(page, 'focal-point');
	const session = (await context.cookies()).find((c) => c.name === 'session')!;
	expect(session.value).not.toBe('planted-by-someone-else');
	// the value from before signing in opens nothing
	const other = await http.newContext({ baseURL, extraHTTPHeaders: { cookie: 'session=planted-by-someone-else' } });
	expect((await other.get('/api/v1/me')).status()).toBe(401);
	await other.dispose();
});

test.describe('the built server', () => {
	// Requests made by hand: the same with JavaScript on and off, so made once.
	test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'no browser involved');

	test('refuses a form posted from another site (SvelteKit’s origin check)', async ({ request, baseURL }) => {
		const form = { email: USERS.editor.email, password: 'whatever it is' };
		const cross = await request.post('/login', { headers: { origin: 'https://attacker.example' }, form, maxRedirects: 0 });
		expect(cross.status()).toBe(403);
		expect(await cross.text()).toBe('Cross-site POST form submissions are forbidden');
		const none = await request.post('/logout', { form: {}, maxRedirects: 0 }); // no Origin header at all
		expect(none.status()).toBe(403);
		// from this site, as a browser posts it: read, and answered (a wrong password)
		const same = await request.post('/login', { headers: { origin: baseURL!, accept: 'text/html' }, form, maxRedirects: 0 });
		expect(same.status()).toBe(400);
		expect(await same.text()).toContain('That email and password do not match an account.');
	});

	test('answers a crash with "Internal error", never a stack trace', async ({ request, baseURL }) => {
		// A multipart body that is not one: reading the form throws inside the action. As a
		// browser posts it (the error page), and as use:enhance does (JSON).
		for (const accept of ['text/html', 'application/json']) {
			const crash = await request.post('/login', {
				headers: { origin: baseURL!, accept, 'content-type': 'multipart/form-data; boundary=nothing-like-it' },
				data: 'this is not multipart',
				maxRedirects: 0
			});
			const body = await crash.text();
			if (accept === 'text/html') {
				expect(crash.status()).toBe(500);
				expect(body).toContain('<h1>Something went wrong</h1>');
			} else {
				expect(JSON.parse(body)).toMatchObject({ type: 'error', error: { message: 'Internal error' } });
			}
			expect(body).toContain('Internal error');
			expect(body, 'nothing of the server’s insides').not.toMatch(/TypeError|FormData|at [\w.<>]+ \(|node_modules|\.js:\d+/);
		}
	});
});

test('no WCAG A/AA violations on the account pages, the invitation and the 403 page', async ({ page, browser, javaScriptEnabled }) => {
	test.skip(!javaScriptEnabled, 'axe runs as a script in the page; the markup is the same server-rendered HTML');
	const violations = async (p: Page) => {
		const results = await new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
		return results.violations.map((v) => `${new URL(p.url()).pathname}: ${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} — ${v.help}`);
	};
	await signIn(page, 'secretariat');
	await page.goto('/users');
	// with every message showing
	await page.getByRole('button', { name: 'Invite' }).click();
	await expect(page.locator('#role-error')).toBeVisible();
	const found = await violations(page);
	await page.getByLabel('Email').fill('axe.check@e2e.example.org');
	await page.getByLabel('Role').selectOption('focal-point');
	await page.getByLabel(/^Participant/).selectOption('IND');
	await page.getByRole('button', { name: 'Invite' }).click();
	const link = await page.getByLabel('Invitation link').inputValue();
	found.push(...(await violations(page)));
	await page.goto('/account');
	await page.getByLabel('Name of a new token').fill('axe');
	await page.getByRole('button', { name: 'Create token' }).click();
	await expect(page.getByLabel('Token', { exact: true })).toBeVisible();
	found.push(...(await violations(page)));
	const context = await browser.newContext();
	const invitee = await context.newPage();
	await invitee.goto(link);
	await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
	await expect(invitee.locator('#password-error')).toBeVisible();
	found.push(...(await violations(invitee)));
	await context.close();
	await signIn(page, 'reviewer');
	await page.goto('/users');
	found.push(...(await violations(page)));
	expect(found).toEqual([]);
});
