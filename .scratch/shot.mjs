import { chromium } from 'playwright-core';
const [,, ...files] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
for (const f of files) { await page.goto('file://' + f); await page.screenshot({ path: f.replace(/\.svg$/, '.png') }); }
await browser.close();
