import { chromium } from 'playwright-core';
import { gzipSync } from 'node:zlib';
const url = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage();
const rows = [];
page.on('response', async (r) => {
  try { const b = await r.body(); rows.push({ url: r.url().replace(/^https?:\/\/[^/]+/, ''), type: r.request().resourceType(), raw: b.length, gz: gzipSync(b, { level: 6 }).length }); } catch {}
});
await page.goto(url, { waitUntil: 'networkidle' });
await page.waitForTimeout(500);
let tot = { raw: 0, gz: 0 }, js = { raw: 0, gz: 0 };
for (const r of rows) { tot.raw += r.raw; tot.gz += r.gz; if (r.type === 'script') { js.raw += r.raw; js.gz += r.gz; } }
for (const r of rows.sort((a,b)=>b.gz-a.gz)) console.log(String(r.gz).padStart(7), String(r.raw).padStart(8), r.type.padEnd(10), r.url.slice(0, 90));
console.log('TOTAL gz', tot.gz, 'raw', tot.raw, '| JS gz', js.gz, 'raw', js.raw, '| requests', rows.length);
await browser.close();
