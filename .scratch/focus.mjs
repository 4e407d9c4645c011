import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto('http://localhost:5190/map/trafficking-protocol?asOf=2008-06-03', { waitUntil: 'networkidle' });
await page.locator('[data-code="IND"]').focus();
await page.keyboard.press('Shift+Tab'); await page.keyboard.press('Tab'); // make focus-visible by keyboard
console.log('focused', await page.evaluate(() => document.activeElement?.getAttribute('data-code')), await page.locator('.readout').textContent());
await page.locator('svg.status-map').screenshot({ path: '/tmp/focus.png' });
await browser.close();
