import { withVite } from '../scripts/vite-load.js';
await withVite(async (load) => {
const { openDatabase } = await load('/src/lib/server/db/build.ts');
const records = await load('/src/lib/server/record.ts');
const db = await openDatabase(':memory:', { dataDir: 'data' });
const r = await records.get(db);
for (const ir of r.instruments.values()) {
  let den = 0, ev = 0;
  for (const t of ir.timelines.values()) for (const e of t.events) { ev++; if (e.kind === 'denunciation') den++; }
  console.log(ir.instrument.slug, ir.instrument.kind, ir.instrument.data_status, ir.instrument.adopted, ir.entryIntoForce, 'events', ev, 'den', den, 'timelines', ir.timelines.size);
}
console.log([...r.memberships.keys()].join(' '));
console.log(r.participants.size, [...r.participants.values()].filter(p=>!p.numeric).map(p=>p.code));
const codes = new Set(r.participants.keys());
for (const ir of r.instruments.values()) for (const c of ir.timelines.keys()) if (!codes.has(c)) console.log('timeline code not participant', ir.instrument.slug, c);
});
