import { it } from 'vitest';
import { freshDb } from './db';
import * as maps from '../../src/lib/server/map';
it('x', async () => {
  const db = await freshDb();
  const m = (await maps.model(db, { slug: 'trafficking-protocol' }))!;
  const g = m.geometry;
  const codes = new Set([...g.shapes.map((s) => s.code), ...g.dots.map((d) => d.code), ...g.unmapped]);
  console.log(m.participants.filter(p => !codes.has(p.code)), g.width, g.height);
});
