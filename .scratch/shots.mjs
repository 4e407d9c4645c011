import { chromium } from 'playwright-core';
const base = process.env.BASE ?? 'http://localhost:5190';
const pages = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync'] });
for (const js of [true, false]) for (const [w, label] of [[1280, 'desktop'], [390, 'phone']]) {
  const ctx = await browser.newContext({ viewport: { width: w, height: 900 }, javaScriptEnabled: js, deviceScaleFactor: w < 500 ? 2 : 1 });
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text().slice(0, 300)); });
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  for (const p of pages) {
    const name = p.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
    const r = await page.goto(base + p, { waitUntil: 'networkidle' });
    const file = `/tmp/shot-${name}-${label}-${js ? 'js' : 'nojs'}.png`;
    await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: +(process.env.Y0 ?? 0), width: w, height: +(process.env.CLIP ?? 3000) } });
    console.log(r.status(), file);
  }
  await ctx.close();
}
await browser.close();
