// Keeping the record current from the browser, in Chromium with JavaScript on and off: an
// editor uploads a saved depositary page or pastes rows copied from one, confirms the columns,
// sees the preview with its counts, applies it, and finds the new acts on the instrument page,
// the freshness board, the import's own page and the audit log. The test server's record is
// data/ with these acts left out (tests/e2e/scenario.js); the files are the real ones they
// came from. Each project brings in its own instrument, so the two never meet.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { signIn, USERS } from './users';

const data = (path: string) => fileURLToPath(new URL(`../../data/${path}`, import.meta.url));
const OPSC_PAGE = data('raw/untc_mgaldino_2026/crc_op_sc.html');
const TIP_2023 = data('raw/crba_etl_2023_normlex_untc/untc_XVIII-12-a_X-4.csv');
const UNTOC_2014 = data('raw/untc_zmjones_untreaties/treaties/18-12.csv');
const SMUGGLING_2014 = data('raw/untc_zmjones_untreaties/treaties/18-12-b.csv');

async function noViolations(page: Page, what: string) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	expect(results.violations.map((v) => `${what}: ${v.id} — ${v.help} (${v.nodes[0]?.target.join(' ')})`)).toEqual([]);
}

/**
 * Rows of a UNTC table (semicolon- or comma-separated, quoted header) as a person copies them
 * from the page: tab-separated, the participant, signature and consent columns.
 */
function rowsOf(file: string, names: string[]): { header: string; rows: string[] } {
	const lines = readFileSync(file, 'utf8').trim().split('\n');
	const split = (l: string) => (l.includes(';') ? l.split(';') : l.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''))).slice(0, 3);
	const rows = names.map((n) => {
		const line = lines.find((l) => split(l)[0] === n);
		expect(line, `${n} is in ${file}`).toBeTruthy();
		return split(line!).join('\t');
	});
	return { header: split(lines[0]).join('\t'), rows };
}

/** Acts in rows: a non-empty signature cell and a non-empty consent cell are one act each. */
const actsIn = (rows: string[]) => rows.flatMap((r) => r.split('\t').slice(1).filter((c) => c.trim())).length;

test('an editor uploads the saved OPSC page, sees the preview with its counts, applies it, and finds it everywhere', async ({ page }, info) => {
	test.skip(info.project.name !== 'js', 'one upload of this page per run; the no-js project uploads the UNTOC table below');
	await signIn(page, 'editor');
	await page.getByRole('link', { name: 'Freshness', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Freshness of the record');
	const opsc = page.locator('tr[data-slug="opsc"]');
	await expect(opsc).toContainText('12 June 2023');
	await noViolations(page, 'freshness board');
	await opsc.getByRole('link', { name: /^Import a table/ }).click();
	await expect(page).toHaveURL(/\/import\?instrument=opsc$/);
	await expect(page.getByLabel('Instrument')).toHaveValue('opsc');
	await noViolations(page, 'import form');

	await page.getByLabel('Saved page', { exact: true }).setInputFiles(OPSC_PAGE);
	await page.getByRole('button', { name: 'Preview the changes' }).click();
	await expect(page.getByRole('heading', { level: 2 })).toHaveText('What crc_op_sc.html would change in Optional Protocol on the sale of children');
	const totals = page.locator('table.totals tbody tr');
	await expect(totals.nth(0)).toHaveText(/Stated by the source\s*122\s*178/);
	await expect(totals.nth(1)).toHaveText(/In its rows\s*122\s*178/);
	// without Singapore's signature, which the page of 3 February 2026 adds
	await expect(totals.nth(2)).toHaveText(/In the record on 3 February 2026\s*121\s*178/);
	await expect(page.locator('p.counts')).toContainText('1 new act, 0 changed acts, 299 acts unchanged');
	const added = page.getByRole('checkbox', { name: 'Add Singapore: Signature' });
	await expect(added).toBeChecked();
	await expect(page.locator('tr', { has: added })).toContainText('25 November 2025');
	await noViolations(page, 'preview');

	await page.getByRole('button', { name: 'Apply the ticked changes' }).click();
	await expect(page).toHaveURL(/\/imports\/\d+$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Optional Protocol on the sale of children: 1 act written');
	await expect(page.getByRole('status')).toContainText('Applied: 1 act written, and the file is now source crc-op-sc-');
	await expect(page.locator('ul.written li')).toHaveText(['added: Singapore, signature']);
	await noViolations(page, 'import page');
	// the file is kept as it was uploaded, and served only as a download
	const href = await page.getByRole('link', { name: 'crc_op_sc.html', exact: true }).getAttribute('href');
	const file = await page.request.get(href!);
	expect(file.headers()['content-disposition']).toBe('attachment; filename="crc_op_sc.html"');
	const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
	expect(sha(await file.body())).toBe(sha(readFileSync(OPSC_PAGE)));

	// a signatory on the page's date; later, the record cannot vouch for it: unknown, last known signed
	await page.goto('/instruments/opsc?asOf=2026-02-03');
	await expect(page.locator('tr[data-code="SGP"]')).toHaveAttribute('data-status', 'signed');
	await page.goto('/instruments/opsc?asOf=2026-12-01');
	await expect(page.locator('tr[data-code="SGP"]')).toHaveAttribute('data-status', 'unknown');
	await expect(page.locator('tr[data-code="SGP"]')).toContainText('last known signed, 3 February 2026');
	await page.goto('/freshness');
	await expect(page.locator('tr[data-slug="opsc"]')).toContainText('3 February 2026');
	await expect(page.locator('tr[data-slug="opsc"]')).toContainText(`imported by ${USERS.editor.email}`);
	await page.goto('/audit?entity=import');
	await expect(page.locator('tbody tr').filter({ hasText: 'opsc: 1 act written from crc_op_sc.html' })).toContainText(USERS.editor.email);
});

test('without JavaScript, an editor uploads the UNTC table of UNTOC and brings back the acts it has and the record lacks', async ({ page }, info) => {
	test.skip(info.project.name !== 'no-js', 'the js project uploads the OPSC page above');
	const names = ['Afghanistan', 'Albania', 'Andorra', 'Angola', 'Antigua and Barbuda', 'Argentina', 'Armenia', 'Australia', 'Austria', 'Azerbaijan'];
	const expected = actsIn(rowsOf(UNTOC_2014, names).rows);
	await signIn(page, 'editor');
	await page.goto('/import');
	await page.getByLabel('Instrument').selectOption('untoc');
	await page.getByLabel('Saved page', { exact: true }).setInputFiles(UNTOC_2014);
	await page.getByRole('button', { name: 'Preview the changes' }).click();
	await expect(page.locator('p.counts')).toContainText(`${expected} new acts, 0 changed acts`);
	for (const n of names) await expect(page.getByRole('checkbox', { name: new RegExp(`^Add ${n}: `) }).first()).toBeChecked();
	await page.getByRole('button', { name: 'Apply the ticked changes' }).click();
	await expect(page).toHaveURL(/\/imports\/\d+$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`UNTOC: ${expected} acts written`);
	await page.goto('/instruments/untoc');
	for (const code of ['AFG', 'AZE']) await expect(page.locator(`tr[data-code="${code}"]`)).toHaveAttribute('data-status', 'party');
});

test('a paste of ten rows with its column mapping does the same, and the mapping is remembered for the depositary', async ({ page }, info) => {
	// js: the Trafficking Protocol's ten States of 2015–2022, with the header, from the UNTC table of 2023;
	// no-js: the first ten rows of the Smuggling Protocol's UNTC table of 2014, without the header.
	const js = info.project.name === 'js';
	const c = js
		? {
				slug: 'trafficking-protocol', title: 'Trafficking in Persons Protocol', file: TIP_2023, header: true, origin: 'UN Treaty Collection',
				names: ['Andorra', 'Bangladesh', 'Brunei Darussalam', 'Comoros', 'Fiji', 'Maldives', 'Nepal', 'Pakistan', 'Palau', 'State of Palestine'],
				codes: ['AND', 'PSE']
			}
		: {
				slug: 'smuggling-protocol', title: 'Smuggling of Migrants Protocol', file: SMUGGLING_2014, header: false, origin: 'another source',
				names: ['Albania', 'Algeria', 'Antigua and Barbuda', 'Argentina', 'Armenia', 'Australia', 'Austria', 'Azerbaijan', 'Bahamas', 'Bahrain'],
				codes: ['ALB', 'BHR']
			};
	const { header, rows } = rowsOf(c.file, c.names);
	const pasted = (c.header ? [header, ...rows] : rows).join('\n');
	await signIn(page, 'editor');
	await page.goto(`/import?instrument=${c.slug}`);
	await page.getByLabel('Paste rows copied from the page').check();
	await page.getByLabel('Copied from', { exact: true }).selectOption({ label: c.origin });
	await page.getByLabel('Rows', { exact: true }).fill(pasted);
	await page.getByRole('button', { name: 'Preview the changes' }).click();

	await expect(page.getByRole('heading', { level: 2 })).toHaveText('Which column is which?');
	await expect(page.getByText(`${c.header ? 11 : 10} lines pasted`)).toBeVisible();
	await expect(page.getByLabel('Column 1')).toHaveValue('participant');
	await expect(page.getByLabel('Column 2')).toHaveValue('signature');
	await expect(page.getByLabel('Column 3')).toHaveValue('consent');
	await expect(page.getByLabel('The first line is the table’s header, not a row')).toBeChecked({ checked: c.header });
	if (js) await noViolations(page, 'column mapping');
	await page.getByRole('button', { name: 'Preview the changes' }).click();

	// every pasted act is new but Pakistan's, which the record kept (tests/e2e/scenario.js)
	const kept = rows.filter((r) => r.startsWith('Pakistan\t'));
	const expected = actsIn(rows) - actsIn(kept);
	await expect(page.locator('p.counts')).toContainText(`${expected} new acts, 0 changed acts, ${actsIn(kept)} act${actsIn(kept) === 1 ? '' : 's'} unchanged`);
	await page.getByRole('button', { name: 'Apply the ticked changes' }).click();
	await expect(page).toHaveURL(/\/imports\/\d+$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${c.title}: ${expected} acts written`);
	await page.goto(`/instruments/${c.slug}`);
	for (const code of c.codes) await expect(page.locator(`tr[data-code="${code}"]`)).toHaveAttribute('data-status', 'party');

	// the next table pasted from the same depositary starts from the columns confirmed
	await page.goto(`/import?instrument=${c.slug}`);
	await page.getByLabel('Paste rows copied from the page').check();
	await page.getByLabel('Copied from', { exact: true }).selectOption({ label: c.origin });
	await page.getByLabel('Rows', { exact: true }).fill(rows[0]);
	await page.getByRole('button', { name: 'Preview the changes' }).click();
	await expect(page.getByText('These are the columns confirmed last time for this depositary')).toBeVisible();
});

test('an upload the import cannot read is refused with a message naming the file, and nothing is kept as a source', async ({ page }, info) => {
	await signIn(page, 'editor');
	await page.goto('/import?instrument=cets-197');
	await page.getByLabel('Saved page', { exact: true }).setInputFiles({ name: `chart-${info.project.name}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n') });
	await page.getByRole('button', { name: 'Preview the changes' }).click();
	await expect(page.getByRole('alert')).toContainText(`“chart-${info.project.name}.pdf” is not a file an import reads`);
	await expect(page.locator('#file-error')).toContainText('save the page as .html');
	await expect(page.getByLabel('Instrument')).toHaveValue('cets-197');
});

test('a focal point may not import, and is told why', async ({ page }) => {
	await signIn(page, 'focal-point');
	const res = await page.goto('/import');
	expect(res?.status()).toBe(403);
	await expect(page.locator('main')).toContainText('To bring a depositary’s table into the record you need the secretariat or editor');
});

test('the secretariat lands on the freshness board when signing in', async ({ page }) => {
	await signIn(page, 'secretariat');
	await expect(page).toHaveURL(/\/freshness$/);
	const first = page.locator('tbody tr').first();
	await expect(first).toHaveAttribute('data-urgency', 'missing');
});
