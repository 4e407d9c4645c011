// The review mechanism end to end, in Chromium with JavaScript on and off: lots for cycle
// untoc-1 were drawn before the tests with a published seed (global-setup.ts, with the
// deployment's own `npm run draw`); the secretariat launches a State's review, which the
// dashboard shows overdue; people are named; the focal point answers every item (two with a
// law cited and a PDF), clears; a reviewer comments and asks a clarification; the focal point
// answers; observations and the summary are drafted, agreed by both sides, published; the public
// page shows the summary; the Word report opens and holds it. Each project follows its own State.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { REVIEW, signIn, signInAs, USERS } from './users';

type Accounts = Record<string, { state: string; reviewing: string; reviewers: string[] }>;
const accounts = (): Accounts => JSON.parse(readFileSync(fileURLToPath(new URL('output/review-accounts.json', import.meta.url)), 'utf8'));
const NAMES: Record<string, string> = { IND: 'India', BRA: 'Brazil' };
// Cluster I's items: UNTOC 8 articles, the Trafficking Protocol 2, the Smuggling Protocol 3, the
// Firearms Protocol 2 (proposed) — each State on the instruments it is party to: India (all four
// ratified on 5 May 2011) and Brazil (by 2006) are party to all four.
const ITEMS: Record<string, number> = { IND: 8 + 2 + 3 + 2, BRA: 8 + 2 + 3 + 2 };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const SUMMARY = (state: string) =>
	`${NAMES[state]} has criminalized trafficking in persons and participation in an organized criminal group; the reviewers recommend collecting data on prosecutions.`;

async function as(browser: Browser, javaScriptEnabled: boolean, who: string): Promise<Page> {
	const ctx = await browser.newContext({ javaScriptEnabled });
	const page = await ctx.newPage();
	await signInAs(page, who);
	return page;
}

async function noViolations(page: Page, what: string) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	expect(results.violations.map((v) => `${what}: ${v.id} — ${v.help} (${v.nodes[0]?.target.join(' ')})`)).toEqual([]);
}

async function moveOn(page: Page, stage: string) {
	await page.getByRole('button', { name: `Move on to “${stage}”` }).click();
	await expect(page.locator(`li.current`)).toContainText(stage);
}

test('a country review from the draw to the published summary', async ({ browser, javaScriptEnabled }, info) => {
	test.setTimeout(300_000);
	const { state, reviewing, reviewers } = accounts()[info.project.name];
	const name = NAMES[state];
	const secretariat = await as(browser, javaScriptEnabled, USERS.secretariat.email);

	// the draw is published with its seed; the secretariat launches the State's review of cluster I
	await secretariat.goto('/reviews/cycles/untoc-1');
	await expect(secretariat.locator('[data-seed]')).toHaveText(String(REVIEW.seed));
	await expect(secretariat.locator(`tr[data-state="${state}"]`)).toBeVisible();
	if (javaScriptEnabled) await noViolations(secretariat, 'cycle page');
	// the States under review by name (Afghanistan, Albania, Algeria…), found with the filter
	const firstThree = await secretariat.locator('tbody tr[data-state] th').evaluateAll((cells) => cells.slice(0, 3).map((c) => c.textContent?.trim()));
	expect(firstThree).toEqual(['Afghanistan', 'Albania', 'Algeria']);
	await secretariat.getByLabel('Find a State').fill(name);
	await secretariat.getByRole('button', { name: 'Filter' }).click();
	await expect(secretariat.locator('tbody tr[data-state]')).toHaveCount(1);
	await secretariat.getByRole('checkbox', { name: `Launch the review of ${name}` }).check();
	const launch = secretariat.getByRole('group', { name: 'Launch reviews' });
	await launch.getByLabel('Start group').selectOption('1');
	await launch.getByLabel('From').fill('2020-10-12');
	await secretariat.getByRole('button', { name: 'Launch the reviews of the ticked States' }).click();
	await expect(secretariat.getByRole('status')).toHaveText('1 review launched.');

	// launched in 2020 with nobody named: overdue on the public dashboard
	const pub = await (await browser.newContext({ javaScriptEnabled })).newPage();
	await pub.goto('/reviews');
	const row = pub.locator(`tr[data-state="${state}"]`);
	await expect(row).toContainText('Overdue');
	const id = await row.getAttribute('data-review');
	await expect(row.getByRole('link')).toHaveCount(0); // the public sees progress, not the review
	const review = `/reviews/${id}`;
	// nothing of it is public before publication: its public address is not found
	expect((await pub.goto(`${review}/published`))?.status()).toBe(404);
	// (SvelteKit answers a page's data with 200 and the page's error inside)
	expect(await (await pub.request.get(`${review}/published/__data.json`)).text()).toMatch(/"status":404/);

	// right after launching with nobody named, the secretariat's tasks say what waits
	await secretariat.goto('/reviews/mine');
	await expect(secretariat.getByRole('link', { name: `Nobody is named yet: name the focal point of ${name}` })).toHaveAttribute('href', review);

	// the secretariat names the focal point and the experts, and moves the review on
	await secretariat.goto(review);
	const name_ = async (participant: string, role: string, person: string, account?: string) => {
		// one form per role, each offering the accounts of that role only
		const form = secretariat.getByRole('form', { name: role === 'Focal point' ? 'Name a focal point' : 'Name a governmental expert' });
		await form.getByRole('combobox', { name: 'For', exact: true }).selectOption(participant);
		await form.getByLabel('Name', { exact: true }).fill(person);
		if (account) await form.getByRole('combobox', { name: 'Account', exact: true }).selectOption({ label: account });
		await form.getByRole('button', { name: 'Name', exact: true }).click();
		await expect(secretariat.locator('table.people')).toContainText(person);
		// saved: the notice stands beside the people named, and the form is empty again (nothing stale is sent with the next)
		await expect(secretariat.getByRole('region', { name: 'Who takes part' }).getByRole('status')).toHaveText('Named.');
		await expect(form.getByLabel('Name', { exact: true })).toHaveValue('');
	};
	await name_(state, 'Focal point', `Focal point of ${name}`);
	await moveOn(secretariat, 'Focal point named');
	// the secretariat is offered reviewer accounts by name (none given here: the email) and State
	const expert = REVIEW.reviewingExpert(info.project.name);
	for (const [n, code] of reviewers.entries()) await name_(code, 'Governmental expert', `Expert ${n + 1} of ${code}`, n === 0 ? `${expert} (${code})` : undefined);
	await moveOn(secretariat, 'Governmental experts named');

	// the focal point answers every item — two with a law and a PDF —, and clears
	// signed in, the focal point lands on its tasks
	const focal = await as(browser, javaScriptEnabled, REVIEW.focalPoint(info.project.name));
	await expect(focal).toHaveURL(/\/reviews\/mine$/);
	const n = ITEMS[state];
	await focal.getByRole('link', { name: `Answer ${n} of ${n} items of the self-assessment, then clear it` }).click();
	await expect(focal).toHaveURL(review);
	const items = focal.locator('article.item');
	await expect(items).toHaveCount(n);
	for (let i = 0; i < n; i++) {
		const item = focal.locator('article.item').nth(i);
		await item.getByLabel('Answer').fill(`${name} implements this article through its penal law.`);
		await item.getByLabel('Implemented', { exact: true }).check();
		if (i < 2) {
			await item.getByLabel('Title').first().fill(state === 'IND' ? 'Indian Penal Code' : 'Código Penal');
			await item.getByLabel('Article').first().fill(state === 'IND' ? 'section 370' : 'art. 149-A');
			await item.getByLabel('Link').first().fill(state === 'IND' ? 'https://www.indiacode.nic.in/' : 'https://www.planalto.gov.br/');
			await item.getByLabel(/^Evidence/).setInputFiles({ name: `law-${i + 1}.pdf`, mimeType: 'application/pdf', buffer: PDF });
		}
		await item.getByRole('button', { name: 'Save the draft' }).click();
		await expect(focal.locator('article.item').nth(i).locator('.answer')).toContainText(`${name} implements this article`);
		// the notice is beside the item just saved, not at the top of the page
		await expect(focal.locator('article.item').nth(i).getByRole('status')).toHaveText('Draft saved.');
	}
	await expect(focal.getByRole('link', { name: 'law-1.pdf' })).toBeVisible();
	if (javaScriptEnabled) await noViolations(focal, 'questionnaire');
	await moveOn(focal, 'Self-assessment answered and cleared by the focal point');
	await expect(focal.getByRole('button', { name: 'Save the draft' })).toHaveCount(0);

	// a reviewer comments on every item, one a clarification question
	const reviewer = await as(browser, javaScriptEnabled, expert);
	await reviewer.goto(review);
	const evidence = await reviewer.request.get(await reviewer.getByRole('link', { name: 'law-1.pdf' }).getAttribute('href') as string);
	expect(evidence.headers()['content-disposition']).toBe('attachment; filename="law-1.pdf"');
	expect(Buffer.from(await evidence.body()).equals(PDF)).toBe(true);
	for (let i = 0; i < n; i++) {
		const item = reviewer.locator('article.item').nth(i);
		await item.getByLabel('Comment or clarification question').fill(i === 0 ? 'Which court decisions apply this provision?' : 'The answer covers the article.');
		if (i === 0) await item.getByLabel('This is a clarification question the State should answer').check();
		await item.getByRole('button', { name: 'Send' }).click();
		await expect(reviewer.locator('article.item').nth(i).locator('ul.thread > li')).toHaveCount(1);
	}
	await secretariat.goto(review);
	await expect(secretariat.getByText(/^Next: .*1 clarification question is still open\.$/)).toBeVisible();

	await focal.goto(review);
	await focal.getByLabel('Your answer to this question').fill('The Supreme Court has applied it in several judgments.');
	await focal.getByRole('button', { name: 'Answer', exact: true }).click();
	await expect(focal.getByRole('status')).toHaveText('Answer sent.');

	await secretariat.goto(review);
	await moveOn(secretariat, 'Reviewers’ written feedback, with clarification rounds');
	await reviewer.goto(review);
	const tip5 = reviewer.locator('#item-trafficking-protocol-5');
	await tip5.getByLabel('Observation').selectOption({ label: 'Recommendations' });
	await tip5.getByLabel('Text').fill('Collect and publish data on prosecutions and convictions.');
	await tip5.getByRole('button', { name: 'Add the observation' }).click();
	await expect(reviewer.getByRole('status')).toHaveText('Observation saved.');

	await secretariat.goto(review);
	await secretariat.getByLabel('Summary', { exact: true }).fill(SUMMARY(state));
	await secretariat.getByRole('button', { name: 'Save the summary' }).click();
	await expect(secretariat.getByRole('status')).toHaveText('Summary saved.');
	await moveOn(secretariat, 'List of observations and summary drafted');

	// both sides' focal points agree; the secretariat records it and publishes
	for (const who of [REVIEW.focalPoint(info.project.name), REVIEW.reviewingFocalPoint(info.project.name)]) {
		const fp = who === REVIEW.focalPoint(info.project.name) ? focal : await as(browser, javaScriptEnabled, who);
		await fp.goto(review);
		// beside its own Agree button a focal point reads who records the agreement, not a refusal
		await expect(fp.getByText('The secretariat will record that the focal points agreed.')).toBeVisible();
		await expect(fp.getByText(/Only the secretariat may/)).toHaveCount(0);
		await fp.getByRole('button', { name: 'Agree to the list of observations and its summary' }).click();
		await expect(fp.getByRole('status')).toHaveText('Agreed.');
	}
	await secretariat.goto(review);
	await moveOn(secretariat, 'Agreed by the focal points');
	await moveOn(secretariat, 'Published');

	// signed out: the State's page shows the summary and links to the review's public page
	await pub.goto(`/participants/${state}`);
	await expect(pub.getByRole('region', { name: 'Country reviews' })).toContainText(SUMMARY(state));
	// /reviews counts it published, not under way, and links to its public page
	await pub.goto('/reviews');
	expect(Number(await pub.locator('p.counts').first().getAttribute('data-published'))).toBeGreaterThanOrEqual(1);
	await pub.locator(`tr[data-state="${state}"]`).getByRole('link', { name }).click();
	await expect(pub).toHaveURL(`${review}/published`);
	await expect(pub.getByRole('heading', { level: 1 })).toHaveText(`Country review of ${name}: Criminalization and jurisdiction`);
	await expect(pub.getByRole('region', { name: 'Executive summary' })).toContainText(SUMMARY(state));
	await expect(pub.getByRole('region', { name: 'Recommendations and their follow-up' })).toContainText('Collect and publish data on prosecutions and convictions.');
	await expect(pub.getByRole('region', { name: 'Stages' })).toContainText('Published');
	if (javaScriptEnabled) await noViolations(pub, 'public review page');
	// what the page's data carries is only the public side: no answer, comment, question, person or file
	const data = await (await pub.request.get(`${review}/published/__data.json`)).text();
	expect(data).toContain('Collect and publish data on prosecutions and convictions.');
	for (const secret of ['implements this article', 'Which court decisions', 'Supreme Court', 'Focal point of', 'Expert 1 of', 'law-1.pdf', 'Indian Penal Code', 'Código Penal', '@']) expect(data).not.toContain(secret);
	// the work page sends a signed-out reader to the public page
	await pub.goto(review);
	await expect(pub).toHaveURL(`${review}/published`);
	// the API lists it, and the feed links to it
	const listed = (await (await pub.request.get('/api/v1/reviews')).json()) as { published: { id: number; summary: string; page: string }[] };
	expect(listed.published.find((r) => r.id === Number(id))).toMatchObject({ summary: SUMMARY(state), page: `${review}/published` });
	expect(await (await pub.request.get('/reviews/feed.atom')).text()).toContain(`${review}/published`);

	// the Word report holds it
	const docx = await secretariat.request.get(`${review}/report.docx`);
	expect(docx.status()).toBe(200);
	const xml = strFromU8(unzipSync(new Uint8Array(await docx.body()))['word/document.xml']);
	expect(xml).toContain(SUMMARY(state));
	expect(xml).toContain('Collect and publish data on prosecutions and convictions.');
	await secretariat.goto(`${review}/report`);
	await expect(secretariat.getByRole('heading', { level: 1 })).toHaveText(`Country review of ${name}: Criminalization and jurisdiction`);
	if (javaScriptEnabled) await noViolations(secretariat, 'report');
	expect(reviewing).toBe(reviewers[0]);
});

test('before October 2018 there was no review mechanism, and the dashboard says so', async ({ page }) => {
	await page.goto('/reviews?asOf=2008-06-03');
	await expect(page.getByRole('status').first()).toContainText('No review mechanism existed on 3 June 2008.');
});

test('a review is shown only to those who take part in it', async ({ page }, info) => {
	test.skip(info.project.name !== 'js', 'one check is enough');
	await signIn(page, 'focal-point');
	const res = await page.goto('/reviews/mine');
	expect(res?.status()).toBe(200);
	const other = await page.goto('/reviews/999999');
	expect(other?.status()).toBe(404);
});
