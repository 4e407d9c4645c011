// The accounts the end-to-end tests sign in with, one per role, made by global-setup.ts in the
// test server's own database (through `npm run user:create`, as a person would).
import type { Page } from '@playwright/test';

export const PASSWORD = 'e2e passphrase, long enough';

export const USERS = {
	secretariat: { email: 'secretariat@e2e.example.org', role: 'secretariat', participant: null },
	editor: { email: 'editor@e2e.example.org', role: 'editor', participant: null },
	'focal-point': { email: 'focal.point@e2e.example.org', role: 'focal-point', participant: 'IND' },
	reviewer: { email: 'reviewer@e2e.example.org', role: 'reviewer', participant: null },
	// for the throttling test only, one per project: a throttled account cannot sign in for 15 minutes
	'throttled-js': { email: 'throttled.js@e2e.example.org', role: 'reviewer', participant: null },
	'throttled-no-js': { email: 'throttled.nojs@e2e.example.org', role: 'reviewer', participant: null }
} as const;

export type Who = keyof typeof USERS;

/** Signs in through the form, as a person does (works with JavaScript on and off). */
export async function signIn(page: Page, who: Who): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('Email').fill(USERS[who].email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => url.pathname !== '/login');
}
