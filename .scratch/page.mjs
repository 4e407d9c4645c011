import { chromium } from 'playwright-core';
const [,, url, out, w = '1500'] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: +w, height: 800 } });
await page.goto(url); await page.waitForTimeout(300);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
