import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as map from '../src/lib/server/map';
import { join } from '../src/lib/map/join';
const t0 = performance.now();
const idx = map.atlasIndex();
console.log('atlas', (performance.now() - t0).toFixed(0), 'ms', idx.shapeIds.size, idx.locations.size);
// fake record with participants from atlas ids
const participants = new Map([...idx.shapeIds].map((id) => [id, { code: 'C' + id, numeric: id, name: id }]));
const record: any = { participants, memberships: new Map([['g', [...participants.keys()].filter(c=>['250','276','380','724','620','826','643','792','352','578'].includes(c)).map((code) => ({ code: 'C'+code, joined: null, left: null }))]]) , instruments: new Map() };
// fix membership codes: participants keyed by id above; make keyed by code
record.participants = new Map([...participants.values()].map(p=>[p.code,p]));
const t1 = performance.now();
const geo = (map as any).__test ? null : null;
import('../src/lib/server/map').then(async (m) => {
  const db: any = {};
  for (const group of [null, 'g', 'europe']) {
    const t = performance.now();
    const g: any = (m as any).__geometry(record, group);
    const shapes = g.shapes.map((s: any) => `<path d="${s.d}" fill="#0072b2" stroke="#fff" stroke-width="0.5"/>`).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${g.width} ${g.height}" width="${g.width}"><path d="${g.background}" fill="#eee" stroke="#aaa" stroke-width=".5"/>${shapes}</svg>`;
    writeFileSync(`/tmp/world-${group}.svg`, svg);
    console.log(group, (performance.now() - t).toFixed(0), 'ms', g.width, g.height, svg.length, gzipSync(svg).length);
  }
});
