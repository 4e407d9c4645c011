import { chromium } from 'playwright-core';
const base = process.env.BASE || 'http://127.0.0.1:3999';
const pages = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync'] });
for (const js of [true, false]) {
  for (const [w, h, tag] of [[1280, 900, 'desk'], [390, 844, 'phone']]) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h }, javaScriptEnabled: js });
    const page = await ctx.newPage();
    for (const p of pages) {
      await page.goto(base + p);
      const name = p.replace(/[^a-z0-9]+/gi, '_').slice(0, 60) + `_${tag}_${js ? 'js' : 'nojs'}.png`;
      await page.screenshot({ path: `/tmp/shots/${name}`, fullPage: process.env.FULL === '1' });
    }
    await ctx.close();
  }
}
await browser.close();
