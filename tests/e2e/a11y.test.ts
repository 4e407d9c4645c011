// Automated accessibility checks (axe-core, WCAG 2 A/AA rules) on every kind of page, with
// JavaScript on and off. Axe finds what a machine can find; keyboard journeys are in the other tests.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { EVERY_KIND_OF_PAGE } from './pages';

const PAGES = EVERY_KIND_OF_PAGE;

for (const path of PAGES) {
	test(`no WCAG A/AA violations on ${path}`, async ({ page, javaScriptEnabled }) => {
		test.skip(!javaScriptEnabled, 'axe runs as a script in the page; the markup is the same server-rendered HTML');
		await page.goto(path);
		const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
		const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} — ${v.help}`);
		expect(summary).toEqual([]);
	});
}
