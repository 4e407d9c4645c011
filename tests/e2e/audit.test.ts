// The audit log, in Chromium with JavaScript on and off: an editor browses it and narrows it to
// one State; a correction made through the API shows there with who, role, source and reason;
// the public State page says it was changed by an editor, never by whom; a focal point is told
// what it lacks; a signed-out reader is sent to sign in and brought back.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn, USERS } from './users';

// One State per project, so that the two projects' corrections do not meet on one act.
const STATE = { js: { code: 'URY', name: 'Uruguay' }, 'no-js': { code: 'PRY', name: 'Paraguay' } } as const;
const stateOf = (project: string) => STATE[project as keyof typeof STATE];

/** Narrows the log to one participant through the form, as a person does. */
async function filterTo(page: Page, name: string) {
	await page.getByLabel('Participant').selectOption({ label: name });
	await page.getByRole('button', { name: 'Filter' }).click();
}

test('an editor sees every change, narrows the log to one State, and pages through it', async ({ page }, info) => {
	const state = stateOf(info.project.name);
	await signIn(page, 'editor');
	await page.getByRole('link', { name: 'Audit log' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
	// the record's changes only: accounts and reviews are the secretariat's (an editor cannot ask for them)
	const accounts = await page.goto('/audit?entity=user');
	expect(accounts!.status()).toBe(400);
	await expect(page.locator('main')).toContainText('entity: "user" is not a kind of thing the log records');
	await page.goto('/audit');
	for (const entity of await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-entity')))) expect(['act', 'source', 'alias', 'import']).toContain(entity);
	const ids = await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-entry'))));
	expect(ids).toEqual([...ids].sort((a, b) => b - a));

	await page.getByRole('link', { name: 'Older changes →' }).click();
	await expect(page).toHaveURL(/[?&]before=\d+$/);
	const older = await page.locator('tbody tr').first().getAttribute('data-entry');
	expect(Number(older)).toBeLessThan(ids.at(-1)!);
	await page.getByRole('link', { name: '← Newer changes' }).click();
	await expect(page).toHaveURL(/[?&]after=\d+$/);
	// the same page as before, even if someone wrote meanwhile: pages are keyed on entry ids
	await expect(page.locator('tbody tr').first()).toHaveAttribute('data-entry', String(ids[0]));

	await filterTo(page, `${state.name} (${state.code})`);
	await expect(page).toHaveURL(new RegExp(`[?&]participant=${state.code}(&|$)`));
	const rows = page.locator('tbody tr');
	await expect(rows.first()).toBeVisible();
	for (const summary of await rows.locator('td[data-label="What"] > a').allTextContents()) expect(summary).toMatch(new RegExp(`^${state.code} · `));
	await expect(rows.filter({ hasText: `${state.code} · untoc · consent` })).toContainText('seed data');
	await expect(page.getByLabel('Participant')).toHaveValue(state.code);
	await expect(page.locator('p.count')).toContainText('match these filters');

	const csv = await page.request.get(`/audit/export.csv?participant=${state.code}`);
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	// a byte-order mark first, for spreadsheets (trim() would take it off with the last line break)
	const text = await csv.text();
	expect(text.charCodeAt(0)).toBe(0xfeff);
	const lines = text.slice(1).replace(/\r\n$/, '').split('\r\n');
	expect(lines[0]).toBe('id,at,actor,role,address,action,entity,entity_id,participant,instrument,summary,source_id,reason,revision,changes,before,after');
	expect(lines.length - 1).toBe(Number(await page.locator('p.count').getAttribute('data-total')));
});

test('a correction through the API is in the log with who, role, source and reason; the public page names the role, not the person', async ({ page, browser }, info) => {
	const state = stateOf(info.project.name);
	await signIn(page, 'editor');
	await page.goto(`/audit?participant=${state.code}&instrument=untoc`);
	const seeded = page.locator('tbody tr').filter({ hasText: `${state.code} · untoc · consent` });
	const href = await seeded.locator('td[data-label="What"] > a').getAttribute('href');
	const id = /^\/record\/acts\/(\d+)$/.exec(href ?? '')?.[1];
	expect(id, `the act's link: ${href}`).toBeTruthy();

	const reason = `the note <b>checked</b> against the depositary (${info.project.name})`;
	const response = await page.request.post(`/api/v1/acts/${id}/corrections`, {
		data: { basedOn: 1, changes: { note: 'ratification checked against UNTC' }, source: 'transcribed-facts-2026', reason }
	});
	expect(response.status(), await response.text()).toBe(201);

	await page.goto(`/audit?participant=${state.code}`);
	const entry = page.locator('tbody tr').first();
	await expect(entry).toHaveAttribute('data-action', 'correct');
	await expect(entry.locator('td[data-label="Who"]')).toContainText(USERS.editor.email);
	await expect(entry.locator('td[data-label="Who"]')).toContainText('Editor of the record');
	// the address a change came from is the secretariat's to read
	await expect(entry.locator('td[data-label="Who"]')).not.toContainText(/from \S+/);
	await expect(entry.locator('td.changes')).toContainText('note');
	await expect(entry.locator('td.changes')).toContainText('ratification checked against UNTC');
	// the reason is text, never markup
	await expect(entry.locator('.reason')).toHaveText(`“${reason}”`);
	await expect(entry.locator('.reason b')).toHaveCount(0);
	await expect(entry.getByRole('link', { name: 'transcribed-facts-2026' })).toHaveAttribute('href', '/sources#transcribed-facts-2026');

	// signed in as an editor: the person, and the way to the log
	await page.goto(`/participants/${state.code}`);
	const mine = page.locator('p.last-changed');
	await expect(mine).toContainText(/Last changed on \d{1,2} \w+ \d{4} by an editor of the record/);
	await expect(mine).toContainText(USERS.editor.email);
	await mine.getByRole('link', { name: 'Every change in the audit log' }).click();
	await expect(page).toHaveURL(`/audit?participant=${state.code}`);

	// the public: the role and the day, not the email
	const visitor = await browser.newContext({ javaScriptEnabled: info.project.use.javaScriptEnabled });
	const pub = await visitor.newPage();
	await pub.goto(`/participants/${state.code}`);
	await expect(pub.locator('p.last-changed')).toHaveText(/^Last changed on \d{1,2} \w+ \d{4}\s+by an editor of the record\.$/);
	expect(await pub.content()).not.toContain(USERS.editor.email);
	await expect(pub.locator('p.last-changed a')).toHaveCount(0);
	await visitor.close();
});

test('the seed reads as such on a public page', async ({ page }) => {
	await page.goto('/participants/IND');
	await expect(page.locator('p.last-changed')).toHaveText(/^Last changed on \d{1,2} \w+ \d{4},\s+seeded from the data files\.$/);
});

test('a focal point gets the 403 page saying what it lacks; a signed-out reader signs in and comes back', async ({ page }) => {
	await signIn(page, 'focal-point');
	const refused = await page.goto('/audit');
	expect(refused?.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not for your account');
	await expect(page.locator('.message')).toHaveText(
		`To read the audit log of the treaty record you need the secretariat or editor of the record role; you are signed in as ${USERS['focal-point'].email}, focal point of IND.`
	);
	await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
	expect((await page.request.get('/audit/export.csv')).status()).toBe(403);

	await page.getByRole('button', { name: 'Sign out' }).click();
	await page.goto('/audit?participant=COL');
	await expect(page).toHaveURL(/\/login\?next=/);
	// typed before the sign-in page has hydrated, the email would be reset
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Email').fill(USERS.secretariat.email);
	await page.getByLabel('Password').fill('e2e passphrase, long enough');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL('/audit?participant=COL');
	await expect(page.getByLabel('Participant')).toHaveValue('COL');
});

test('a bad filter answers 400 naming the field', async ({ page }) => {
	await signIn(page, 'secretariat');
	for (const [query, message] of [
		['participant=XXX', 'participant: there is no participant with the code "XXX"'],
		['from=2026-02-30', 'from: must be a date in the form YYYY-MM-DD'],
		['before=abc', 'before: must be the number of an entry']
	]) {
		const response = await page.goto(`/audit?${query}`);
		expect(response?.status(), query).toBe(400);
		await expect(page.locator('.message')).toContainText(message);
	}
});

test('no WCAG A/AA violations on the audit log', async ({ page, javaScriptEnabled }) => {
	test.skip(!javaScriptEnabled, 'axe runs as a script in the page; the markup is the same server-rendered HTML');
	await signIn(page, 'editor');
	await page.goto('/audit?participant=COL');
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	expect(results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} — ${v.help}`)).toEqual([]);
});
