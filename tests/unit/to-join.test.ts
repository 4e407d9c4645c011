// "Still to join": every instrument open to a State that it has not joined, from the eligibility
// data, apart from what its peers have done — checked against the record's own files.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from './db';
import * as toJoin from '../../src/lib/server/views/to-join';
import type { Db } from '../../src/lib/server/db';

let db: Db;
beforeAll(async () => {
	db = await freshDb();
});

const instruments = (JSON.parse(readFileSync('data/instruments.json', 'utf8')) as { instruments: { slug: string; adopted: string | null; opened_for_signature?: string | null }[] }).instruments;
const acts = readFileSync('data/record/acts.csv', 'utf8').split('\n').map((l) => l.split(','));
/** The instruments a State has a consent (ratification, accession…) of in data/record/acts.csv. */
const consented = (code: string) => new Set(acts.filter((a) => a[1] === code && a[2] === 'consent' && a[17] !== '1').map((a) => a[0]));

describe('still to join', () => {
	it('India and Brazil lack the Forced Labour Protocol (P029), open to them since its adoption; India may not join CETS 197', async () => {
		const p029 = instruments.find((i) => i.slug === 'ilo-p029')!;
		for (const code of ['IND', 'BRA']) {
			// on the day of the P029 table (normlex-p029-2023, data/sources.json: 2023-06-25) it had not joined;
			// later the record cannot vouch for it: still listed, unknown, last known not joined
			const then = (await toJoin.forParticipant(db, { code, asOf: '2023-06-25' }))!;
			expect(then.find((r) => r.slug === 'ilo-p029'), code).toMatchObject({ status: 'none', lastKnown: null, openSince: p029.opened_for_signature ?? p029.adopted });
			const list = (await toJoin.forParticipant(db, { code, asOf: '2026-01-01' }))!;
			const row = list.find((r) => r.slug === 'ilo-p029');
			expect(row, code).toMatchObject({ status: 'unknown', lastKnown: { status: 'none', on: '2023-06-25' }, openSince: p029.opened_for_signature ?? p029.adopted });
			// Nothing it has ratified or acceded to is listed.
			const joined = consented(code);
			expect(list.filter((r) => joined.has(r.slug)).map((r) => r.slug), code).toEqual([]);
		}
		const india = (await toJoin.forParticipant(db, { code: 'IND', asOf: '2026-01-01' }))!;
		expect(india.map((r) => r.slug)).not.toContain('cets-197');
		// Regional treaties of other regions are not open to it either.
		expect(india.map((r) => r.slug)).not.toContain('actip');
	});

	it('Thailand, a party to P029 since 2018, is not told to join it; on 2018-01-01 it was', async () => {
		const now = (await toJoin.forParticipant(db, { code: 'THA', asOf: '2026-01-01' }))!;
		expect(now.map((r) => r.slug)).not.toContain('ilo-p029');
		const before = (await toJoin.forParticipant(db, { code: 'THA', asOf: '2018-01-01' }))!;
		expect(before.find((r) => r.slug === 'ilo-p029')?.status).toBe('none');
	});

	it('an instrument not yet open on the date is not listed: P029 in 2010', async () => {
		const list = (await toJoin.forParticipant(db, { code: 'IND', asOf: '2010-01-01' }))!;
		expect(list.map((r) => r.slug)).not.toContain('ilo-p029');
	});

	it('a State that signed only is listed with its signature: India and the Trafficking Protocol in 2008', async () => {
		const list = (await toJoin.forParticipant(db, { code: 'IND', asOf: '2008-06-03' }))!;
		const signature = acts.find((a) => a[0] === 'trafficking-protocol' && a[1] === 'IND' && a[2] === 'signature')!;
		expect(list.find((r) => r.slug === 'trafficking-protocol')).toMatchObject({ status: 'signed', signed: signature[5] });
	});

	it('no such participant: null', async () => {
		expect(await toJoin.forParticipant(db, { code: 'ZZZ', asOf: '2026-01-01' })).toBeNull();
	});
});
