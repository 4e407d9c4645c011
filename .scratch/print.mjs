import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
await page.goto('http://localhost:5190/map/trafficking-protocol?asOf=2008-06-03&group=african-union', { waitUntil: 'networkidle' });
await page.emulateMedia({ media: 'print' });
await page.screenshot({ path: '/tmp/print.png', fullPage: true });
await page.pdf({ path: '/tmp/print.pdf', format: 'A4' });
await browser.close();
