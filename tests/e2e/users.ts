// The accounts the end-to-end tests sign in with, one per role, made by global-setup.ts in the
// test server's own database (through `npm run user:create`, as a person would).
import type { Page } from '@playwright/test';

export const PASSWORD = 'e2e passphrase, long enough';

export const USERS = {
	secretariat: { email: 'secretariat@e2e.example.org', role: 'secretariat', participant: null },
	editor: { email: 'editor@e2e.example.org', role: 'editor', participant: null },
	'focal-point': { email: 'focal.point@e2e.example.org', role: 'focal-point', participant: 'IND' },
	// a reviewer account is an expert of one State
	reviewer: { email: 'reviewer@e2e.example.org', role: 'reviewer', participant: 'FRA' },
	// for the throttling test only, one per project: a throttled account must wait
	'throttled-js': { email: 'throttled.js@e2e.example.org', role: 'editor', participant: null },
	'throttled-no-js': { email: 'throttled.nojs@e2e.example.org', role: 'editor', participant: null },
	// for the attacks of security.test.ts: guessed at in parallel; a token that must die with a password change
	guessed: { email: 'guessed@e2e.example.org', role: 'editor', participant: null },
	'token-owner': { email: 'token.owner@e2e.example.org', role: 'editor', participant: null }
} as const;

export type Who = keyof typeof USERS;

/**
 * The review journeys: cycle untoc-1 is drawn before the tests with this seed; each project
 * follows the review of its own State (one the drawn cycle puts under review), with a focal
 * point of that State and one of a State drawn to review it (global-setup.ts makes them).
 */
export const REVIEW = {
	cycle: 'untoc-1',
	seed: 2008,
	states: { js: 'IND', 'no-js': 'BRA' } as Record<string, string>,
	focalPoint: (project: string) => `focal.point.under.review.${project}@e2e.example.org`,
	reviewingFocalPoint: (project: string) => `focal.point.reviewing.${project}@e2e.example.org`,
	/** A reviewer account of the first State drawn to review the project's State (an expert belongs to one State). */
	reviewingExpert: (project: string) => `expert.reviewing.${project}@e2e.example.org`
};

/** Signs in with any account made for the tests. */
export async function signInAs(page: Page, email: string): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => url.pathname !== '/login');
}

/** Signs in through the form, as a person does (works with JavaScript on and off). */
export async function signIn(page: Page, who: Who): Promise<void> {
	await signInAs(page, USERS[who].email);
}
