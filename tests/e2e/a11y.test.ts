// Automated accessibility checks (axe-core, WCAG 2 A/AA rules) on every kind of page, with
// JavaScript on and off. Axe finds what a machine can find; keyboard journeys are in the other tests.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const PAGES = [
	'/',
	'/instruments/trafficking-protocol?asOf=2008-06-03',
	'/instruments/trafficking-protocol/non-parties?asOf=2008-06-03&region=europe',
	'/instruments/trafficking-protocol/articles/6',
	'/participants/IND?asOf=2008-06-03',
	'/participants',
	'/compare?codes=FRA,IND,ARE&asOf=2008-06-03',
	'/map/trafficking-protocol?asOf=2008-06-03',
	'/embed/map/trafficking-protocol?asOf=2008-06-03',
	'/map',
	'/map/cets-197?group=council-of-europe',
	'/compare',
	'/instruments/ilo-c181',
	'/participants/EUU',
	'/instruments/untoc?asOf=2008-13-45',
	'/sources',
	'/api'
];

for (const path of PAGES) {
	test(`no WCAG A/AA violations on ${path}`, async ({ page, javaScriptEnabled }) => {
		test.skip(!javaScriptEnabled, 'axe runs as a script in the page; the markup is the same server-rendered HTML');
		await page.goto(path);
		const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
		const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} — ${v.help}`);
		expect(summary).toEqual([]);
	});
}
