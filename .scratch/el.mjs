import { chromium } from 'playwright-core';
const [,, url, selector, out, w = '1280', js = '1'] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: +w, height: 900 }, javaScriptEnabled: js === '1', deviceScaleFactor: +w < 500 ? 2 : 1 });
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text().slice(0, 200)); });
await page.goto('http://localhost:5190' + url, { waitUntil: 'networkidle' });
await page.locator(selector).first().screenshot({ path: out });
await browser.close();
