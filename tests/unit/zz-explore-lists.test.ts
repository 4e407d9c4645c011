import { it } from 'vitest';
import { freshDb } from './db';
import * as nonparties from '../../src/lib/server/nonparties';
import { today } from '../../src/lib/dates';
it('explore', async () => {
  const db = await freshDb();
  for (const [slug, asOf, region, group] of [['trafficking-protocol', today()], ['trafficking-protocol', '2008-06-03'], ['untoc', '2010-01-01', null, 'council-of-europe'], ['ilo-c182', today()], ['ilo-c029', today()], ['cets-197', today()], ['actip', today()], ['ilo-c189', today()], ['trafficking-protocol', '2008-06-03', 'europe']] as const) {
    const l = (await nonparties.list(db, { slug, asOf, region, group }))!;
    console.log(slug, asOf, region, group, l.counts, l.scope, 'signed:', l.signed.map(r => `${r.name} ${r.signedIn} ${r.yearsSinceSignature}`).join('; '), '\nnot:', l.notSigned.map(r=>r.name).join('; '), '\nden:', l.denounced.map(r=>r.name).join('; '));
  }
});
