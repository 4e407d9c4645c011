// Signing in and out, in Chromium, with JavaScript on and off.
import { expect, test } from '@playwright/test';
import { PASSWORD, signIn, USERS } from './users';

test('sign in, see who you are, sign out', async ({ page }) => {
	await signIn(page, 'editor');
	await expect(page.locator('header .account')).toContainText('Editor of the record');
	const cookies = await page.context().cookies();
	const session = cookies.find((c) => c.name === 'session')!;
	expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.locator('header .account')).toContainText('Sign in');
	expect((await page.context().cookies()).find((c) => c.name === 'session')).toBeUndefined();
});

test('a wrong password says so, by the field; five of them make the account wait, saying how long', async ({ page }, info) => {
	const account = USERS[info.project.name === 'js' ? 'throttled-js' : 'throttled-no-js'];
	await page.goto('/login');
	// each answer awaited before the next try (the message of the one before reads the same)
	const submit = () => Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'), page.getByRole('button', { name: 'Sign in' }).click()]);
	for (let i = 0; i < 5; i++) {
		await page.getByLabel('Email').fill(account.email);
		await page.getByLabel('Password').fill(`not the password ${i}`);
		await submit();
		await expect(page.getByText('That email and password do not match an account.')).toBeVisible();
	}
	await page.getByLabel('Email').fill(account.email);
	await page.getByLabel('Password').fill(PASSWORD);
	await submit();
	await expect(page.getByRole('alert')).toContainText(/Too many failed sign-ins: try again in \d+ minutes?\./);
});
