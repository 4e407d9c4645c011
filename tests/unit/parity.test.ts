// Parity against a direct count from the current acts, for real groups and dates.
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from './db';
import * as parity from '../../src/lib/server/parity';
import * as records from '../../src/lib/server/record';
import type { Db } from '../../src/lib/server/db';

let db: Db;
beforeAll(async () => {
	db = await freshDb();
});

/** Members of a group with a consent deposited, not denounced, on the date — straight from the current acts. */
async function directCount(group: string, slug: string, date: string): Promise<number> {
	const record = await records.get(db);
	const members = parity.membersOn(record, group, date);
	const events = await db
		.selectFrom('current_acts')
		.select(['participant_code', 'act', 'date', 'latest'])
		.where('retracted', '=', 0)
		.where('instrument_slug', '=', slug)
		.where('participant_code', 'in', members.length ? members : ['-'])
		.execute();
	const joined = new Set<string>();
	const denounced = new Set<string>();
	for (const e of events) {
		const known = e.date ?? e.latest;
		if (!known || known > date) continue;
		if (e.act === 'denunciation') denounced.add(e.participant_code);
		else if (e.act === 'consent') joined.add(e.participant_code);
	}
	return [...joined].filter((c) => !denounced.has(c)).length;
}

describe('group coverage', () => {
	it.each([
		['council-of-europe', 'untoc', '2010-01-01'],
		['african-group', 'trafficking-protocol', '2008-06-03'],
		['asean', 'trafficking-protocol', '2015-01-01'],
		['european-union', 'smuggling-protocol', '2005-06-30'],
		['grulac', 'ilo-c189', '2020-10-05']
	])('%s members joined to %s on %s equal a direct count', async (group, slug, date) => {
		const anyMember = parity.membersOn(await records.get(db), group, date)[0];
		const { groups } = await parity.forParticipant(db, { code: anyMember, asOf: date });
		const row = groups.find((g) => g.slug === group)!.rows.find((r) => r.slug === slug)!;
		expect(row.parties).toBe(await directCount(group, slug, date));
		expect(row.members).toBe(parity.membersOn(await records.get(db), group, date).length);
	});
});

describe('gaps', () => {
	it('India on 3 June 2008: the Trafficking Protocol is a gap, ordered by the share of peers that joined', async () => {
		const { gaps } = await parity.forParticipant(db, { code: 'IND', asOf: '2008-06-03' });
		const tip = gaps.find((g) => g.slug === 'trafficking-protocol');
		expect(tip).toBeDefined();
		expect(tip!.own).toBe('signed');
		for (let i = 1; i < gaps.length; i++) expect(gaps[i - 1].share).toBeGreaterThanOrEqual(gaps[i].share);
		expect(gaps.every((g) => g.share >= 0.5 && g.own !== 'party' && g.own !== 'pending')).toBe(true);
	});

	it('checked by hand: the United Arab Emirates on 3 June 2008', async () => {
		// Checked against the UNTC table (data/raw/crba_etl_2023_normlex_untc/untc_XVIII-12-a_X-4.csv):
		// of the 18 Western Asia (M49) States, 10 had deposited a consent to the Trafficking Protocol
		// by that date — ARM AZE BHR CYP GEO KWT LBN OMN SAU TUR; Israel followed on 23 Jul 2008,
		// the UAE itself only on 21 Jan 2009. The UAE had ratified UNTOC (7 May 2007), so UNTOC is no gap.
		const { groups, gaps } = await parity.forParticipant(db, { code: 'ARE', asOf: '2008-06-03' });
		const westernAsia = groups.find((g) => g.slug === 'western-asia')!;
		const tipRow = westernAsia.rows.find((r) => r.slug === 'trafficking-protocol')!;
		expect(tipRow).toMatchObject({ own: 'none', parties: 10, members: 18 });
		expect(gaps.find((g) => g.slug === 'untoc')).toBeUndefined();
		const tip = gaps.find((g) => g.slug === 'trafficking-protocol')!;
		expect(tip.own).toBe('none');
		expect(tip.share).toBeGreaterThanOrEqual(10 / 17);
		// The whole list, in order. OPSC checked against untc_IV-11-c_X-92.csv: 13 of the 17 other
		// Western Asia States had joined by 3 June 2008 (not IRQ 24 Jun 2008, ISR 23 Jul 2008,
		// SAU 2010, PSE 2017) — 76%, more than any group's share for the two Protocols.
		expect(gaps.map((g) => g.slug)).toEqual(['opsc', 'trafficking-protocol', 'smuggling-protocol']);
		expect(gaps[0]).toMatchObject({ peersJoined: 13, peers: 17, group: { slug: 'western-asia' } });
	});
});

describe('selection', () => {
	it('reads codes, typed names and a group, and names what it cannot find', async () => {
		const sel = await parity.resolveSelection(db, {
			codes: ['fra', 'DEU', 'XXX'],
			names: ['Italy', 'Narnia'],
			group: 'no-such-group',
			asOf: '2020-01-01'
		});
		expect(sel.codes).toEqual(['FRA', 'DEU', 'ITA']);
		expect(sel.notFound).toEqual({ codes: ['XXX', 'Narnia'], groups: ['no-such-group'] });
	});
	it('a group brings in its members as of the date', async () => {
		const sel = await parity.resolveSelection(db, { codes: [], group: 'asean', asOf: '2008-06-03' });
		expect(sel.codes).toHaveLength(10);
		expect(sel.codes).not.toContain('TLS');
	});
});
