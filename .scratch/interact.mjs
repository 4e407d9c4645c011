import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
const base = process.env.BASE ?? 'http://localhost:5190';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
const page = await ctx.newPage();
page.on('console', (m) => { if (m.type() !== 'log' && m.type() !== 'debug') console.log('console', m.type(), m.text().slice(0, 300)); });
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(base + '/map/trafficking-protocol?asOf=2008-06-03', { waitUntil: 'networkidle' });
const counts = async () => page.locator('.legend [data-count]').evaluateAll((els) => els.map((e) => e.getAttribute('data-count') + '=' + e.textContent).join(' '));
console.log('initial', await counts(), await page.locator('[data-code="IND"]').getAttribute('data-status'));
const slider = page.locator('input[type=range]');
await slider.focus();
for (let k = 0; k < 4; k++) await page.keyboard.press('ArrowRight');
await page.waitForTimeout(300);
console.log('after +4y', page.url(), await counts(), 'IND', await page.locator('[data-code="IND"]').getAttribute('data-status'));
await slider.fill('2003');
await page.waitForTimeout(300);
console.log('fill 2003', page.url(), await counts());
// play
await page.getByRole('button', { name: /play/i }).click();
await page.waitForTimeout(2000);
console.log('playing', page.url(), await counts());
await page.getByRole('button', { name: /pause/i }).click();
// downloads
const [svgDl] = await Promise.all([page.waitForEvent('download'), page.getByText('Download SVG').click()]);
const svgPath = '/tmp/dl-map.svg'; await svgDl.saveAs(svgPath);
const [pngDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PNG' }).click()]);
const pngPath = '/tmp/dl-map.png'; await pngDl.saveAs(pngPath);
console.log('downloads', svgDl.suggestedFilename(), pngDl.suggestedFilename());
// copy embed
await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
await page.getByRole('button', { name: 'Copy embed code' }).click();
await page.waitForTimeout(200);
console.log('copied', await page.evaluate(() => navigator.clipboard.readText()));
// hover readout
await page.locator('[data-code="BRA"] path').hover();
console.log('readout', await page.locator('.readout').textContent());
// group change via form
await page.selectOption('select[name=group]', 'council-of-europe');
await page.getByRole('button', { name: 'Show' }).click();
await page.waitForURL(/group=council-of-europe/);
await page.waitForTimeout(500);
console.log('group', page.url(), await counts());
await page.screenshot({ path: '/tmp/shot-coe-js.png', fullPage: false });
await browser.close();
