// Editing the record in Chromium, with JavaScript on and off: an editor corrects a date with its
// source, sees it on the public page, in the act's history and in the audit log, and signs out;
// a focal point reaching an editing page gets the 403 page saying what it lacks; a signed-out
// visitor is sent to sign in and brought back.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, signIn, USERS } from './users';

/** The depositary's own page of an instrument, as data/instruments.json gives it. */
const instruments: { slug: string; source_url: string }[] = JSON.parse(readFileSync(new URL('../../data/instruments.json', import.meta.url), 'utf8')).instruments;
const depositaryPage = (slug: string) => instruments.find((i) => i.slug === slug)!.source_url;

// One act per project: the two run against one database. Each correction follows from what
// the record itself holds, by the instrument's own entry-into-force article; no date from
// outside the record.
const CASES = {
	// The Swiss table dates Germany's ratification of C189 20 September 2012 and its entry into
	// force 20 September 2014, which C189 art. 21(3) puts twelve months after the registration;
	// the record flags the two as inconsistent, and notes that WIEGO lists Germany under 2013.
	js: {
		code: 'DEU',
		name: 'Germany',
		slug: 'ilo-c189',
		link: /^Correct ratification/,
		day: '2013-09-20',
		shown: '20 September 2013',
		reason: 'In force for Germany on 20 September 2014, twelve months after the registration (C189 art. 21(3)): the registration was on 20 September 2013, as WIEGO\'s listing under 2013 says.',
		clearFlag: true,
		warned: null
	},
	// The record has Bhutan's accession to the Trafficking Protocol only as "by 22 March 2023",
	// the day it entered into force for Bhutan (Dutch treaty database); art. 17(2) brings it into
	// force on the thirtieth day after the deposit: 20 February 2023. The record's UNTOC table ends
	// in 2014, before Bhutan's consent to the Convention: the art. 37 warning, confirmed.
	'no-js': {
		code: 'BTN',
		name: 'Bhutan',
		slug: 'trafficking-protocol',
		link: /^Correct accession/,
		day: '2023-02-20',
		shown: '20 February 2023',
		reason: 'In force for Bhutan on 22 March 2023, the thirtieth day after the deposit (art. 17(2)): deposited on 20 February 2023.',
		clearFlag: false,
		warned: 'UNTOC art. 37(2)'
	}
} as const;

test('an editor corrects a date with its source, sees it on the public page, in the history and the audit log, and signs out', async ({ page }, info) => {
	const c = CASES[info.project.name as keyof typeof CASES];
	const source = depositaryPage(c.slug);
	await signIn(page, 'editor');
	await page.goto(`/participants/${c.code}`);
	const row = page.locator(`tr[data-slug="${c.slug}"]`);
	await row.getByRole('link', { name: c.link }).click();
	await expect(page).toHaveURL(/\/record\/acts\/\d+$/);
	const actPage = new URL(page.url()).pathname;
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`${c.name} · `);

	await page.getByLabel('Date').fill(c.day);
	if (c.clearFlag) await page.getByLabel(/^Flag/).fill('');
	await page.locator('#source').fill(source);
	await page.locator('#reason').fill(c.reason);
	await page.getByRole('button', { name: 'Save the correction' }).click();
	if (c.warned) {
		await expect(page.getByRole('alert').filter({ hasText: c.warned })).toBeVisible();
		await page.getByLabel('Record it anyway').check();
		await page.getByRole('button', { name: 'Save the correction' }).click();
	}

	// back on the public page, with the confirmation and the new date
	await expect(page).toHaveURL(`/participants/${c.code}`);
	await expect(page.getByRole('status').filter({ hasText: 'Corrected:' })).toContainText(`${c.shown} (version 2)`);
	await expect(row.locator('td[data-label="Consent to be bound"]')).toContainText(c.shown);

	// the act's history: the new version, by whom and why, over the seeded one
	await page.goto(actPage);
	const history = page.getByRole('region', { name: 'History' });
	const latest = history.locator('[data-version="2"]');
	await expect(latest).toContainText(USERS.editor.email);
	await expect(latest).toContainText(c.reason);
	await expect(latest).toContainText(c.shown);
	await expect(history.locator('[data-version="1"]')).toContainText('seed data');
	// the source given joined the catalogue with the change
	await expect(latest.getByRole('link', { name: /^web-/ })).toHaveAttribute('href', /^\/sources#web-/);

	// the audit log has it, with who and why
	await page.goto(`/audit?participant=${c.code}`);
	await expect(page.locator('tbody tr').filter({ hasText: c.reason }).first()).toContainText(USERS.editor.email);

	await page.getByRole('button', { name: 'Sign out' }).click();
	await page.goto(`/participants/${c.code}`);
	await expect(row.locator('td[data-label="Consent to be bound"]')).toContainText(c.shown);
	await expect(page.getByRole('link', { name: /^Correct / })).toHaveCount(0);
	await expect(page.getByRole('status').filter({ hasText: 'Corrected:' })).toHaveCount(0);
});

test('a focal point reaching the editing pages gets the 403 page saying what it lacks, and the API a 403 too', async ({ page }) => {
	await signIn(page, 'focal-point');
	const lacking = `To add, correct or retract an act of the record you need the secretariat or editor of the record role; you are signed in as ${USERS['focal-point'].email}, focal point of IND.`;
	for (const path of ['/record/new?instrument=untoc&participant=IND', '/record/acts/1']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(403);
		await expect(page.locator('.message')).toHaveText(lacking);
	}
	// no link to edit on the public pages either
	await page.goto('/participants/IND');
	await expect(page.getByRole('link', { name: /^(Correct|Add an act)/ })).toHaveCount(0);
	const api = await page.request.post('/api/v1/instruments/untoc/events', {
		data: { participant: 'IND', event: 'ratification', date: '2011-05-05', source: 'untc-xviii-12-2014' }
	});
	expect(api.status()).toBe(403);
	expect(await api.json()).toEqual({ error: lacking });
});

test('a signed-out visitor is sent to sign in, and back to the editing page after', async ({ page }) => {
	await page.goto('/record/new?instrument=untoc&participant=IRN');
	await expect(page).toHaveURL(/\/login\?next=/);
	await page.getByLabel('Email').fill(USERS.editor.email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL('/record/new?instrument=untoc&participant=IRN');
	await expect(page.getByLabel('Instrument')).toHaveValue('untoc');
	await expect(page.getByLabel('State or organisation')).toHaveValue('IRN');
	// what the record already holds of Iran in UNTOC, to correct rather than add again
	await expect(page.getByRole('link', { name: 'Signature' })).toHaveAttribute('href', /^\/record\/acts\/\d+$/);
});

test('the editing pages, with their errors and warnings shown, have no WCAG A/AA violations', async ({ page, javaScriptEnabled }) => {
	test.skip(!javaScriptEnabled, 'axe runs as a script in the page; the markup is the same server-rendered HTML');
	const axe = async (what: string) => {
		const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
		expect(results.violations.map((v) => `${what}: ${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} — ${v.help}`)).toEqual([]);
	};
	await signIn(page, 'editor');
	// Uganda signed the Trafficking Protocol and ratified UNTOC on 9 March 2005: a ratification of
	// the Protocol dated before that gives the art. 37 warning (nothing is saved here).
	await page.goto('/record/new?instrument=trafficking-protocol&participant=UGA');
	await axe('a new act');
	await page.getByLabel('Act', { exact: true }).selectOption('ratification');
	await page.getByLabel('Date').fill('2004-06-01');
	await page.locator('#source').fill(depositaryPage('trafficking-protocol'));
	await page.getByRole('button', { name: 'Record the act' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'UNTOC art. 37(2)' })).toBeVisible();
	await axe('a new act, with a warning');
	await openAct(page, 'untoc', 'IRN', 'signature');
	await page.getByRole('button', { name: 'Save the correction' }).click();
	await expect(page.locator('#reason-error')).toBeVisible();
	await axe('an act, with errors');
});

/** The act page of one act, found through the API as a script would. */
async function openAct(page: Page, instrument: string, participant: string, kind: string) {
	const res = await page.request.get(`/api/v1/instruments/${instrument}/events?participant=${participant}`);
	const act = (await res.json()).acts.find((a: { kind: string }) => a.kind === kind);
	await page.goto(`/record/acts/${act.id}`);
}
