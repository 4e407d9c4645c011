// Parity against a direct count from the current acts, for real groups and dates.
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from './db';
import * as compare from '../../src/lib/server/views/compare';
import * as parity from '../../src/lib/server/views/parity';
import type { Db } from '../../src/lib/server/db';

let db: Db;
beforeAll(async () => {
	db = await freshDb();
});

/**
 * Members of a group on the date, straight from the tables with a rule written here: a
 * membership that began on or before the day and had not ended before it, of a participant that
 * existed then (no start recorded, or one on or before the day).
 */
async function directMembers(group: string, date: string): Promise<string[]> {
	const rows = await db
		.selectFrom('memberships')
		.innerJoin('participants', 'participants.code', 'memberships.participant_code')
		.select(['participant_code', 'joined', 'left', 'since'])
		.where('group_slug', '=', group)
		.execute();
	const on = rows.filter((r) => (r.joined === null || r.joined <= date) && (r.left === null || r.left >= date) && (r.since === null || r.since <= date));
	return [...new Set(on.map((r) => r.participant_code))].sort();
}

/** Members of a group with a consent deposited, not denounced, on the date — straight from the current acts. */
async function directCount(group: string, slug: string, date: string): Promise<number> {
	const members = await directMembers(group, date);
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
	// Each checked by hand against data/record/acts.csv:
	// - the Council of Europe's 47 members on 1 Jan 2010, all but AND CZE GRC IRL ISL SMR party to UNTOC;
	// - the 53 members of the African Group in June 2008 (South Sudan came in 2011), 35 bound by the Protocol;
	// - ASEAN's 10, all but Brunei (acceded 30 Mar 2020) and Singapore (28 Sep 2015) party to the
	//   Protocol on 1 Jan 2015, Thailand (17 Oct 2013) and Viet Nam (8 Jun 2012) the latest;
	// - the 25 members of the EU in mid-2005, 12 party to the Smuggling Protocol (BEL CYP ESP EST
	//   FRA LTU LVA MLT POL PRT SVK SVN; not yet Germany, Italy or the United Kingdom);
	// - GRULAC's 33, of which 17 had ratified ILO C189 by 5 Oct 2020 (ARG BOL BRA CHL COL CRI DOM
	//   ECU GRD GUY JAM MEX NIC PAN PER PRY URY).
	it.each([
		['council-of-europe', 'untoc', '2010-01-01', 41, 47],
		['african-group', 'trafficking-protocol', '2008-06-03', 35, 53],
		['asean', 'trafficking-protocol', '2015-01-01', 8, 10],
		['european-union', 'smuggling-protocol', '2005-06-30', 12, 25],
		['grulac', 'ilo-c189', '2020-10-05', 17, 33]
	] as const)('%s members joined to %s on %s: %i of %i, as a direct count from the tables says', async (group, slug, date, parties, members) => {
		const direct = await directMembers(group, date);
		expect(direct).toHaveLength(members);
		expect(await directCount(group, slug, date)).toBe(parties);
		const { groups } = await parity.forParticipant(db, { code: direct[0], asOf: date });
		const row = groups.find((g) => g.slug === group)!.rows.find((r) => r.slug === slug)!;
		expect(row).toMatchObject({ parties, members });
	});
});

describe('gaps', () => {
	it('India on 3 June 2008 is measured against SAARC first, never against the ILO; gaps most-joined first', async () => {
		const { peers, peerOptions, gaps } = await parity.forParticipant(db, { code: 'IND', asOf: '2008-06-03' });
		expect(peers).toMatchObject({ slug: 'saarc', members: 8, reason: 'the smallest regional organisation it belongs to' });
		expect(peerOptions.map((g) => g.slug)).toEqual(['saarc', 'asia-pacific-group', 'southern-asia', 'asia']);
		// Checked against the NORMLEX C182 table: of India's SAARC peers that were ILO members then
		// (AFG, BGD, NPL, PAK, LKA; Bhutan is not one, the Maldives joined in 2009), Bangladesh,
		// Nepal, Pakistan and Sri Lanka had ratified C182; Afghanistan only in 2010.
		const c182 = gaps.find((g) => g.slug === 'ilo-c182')!;
		expect(c182).toMatchObject({ own: 'none', peersJoined: 4, peers: 5, group: { slug: 'saarc' } });
		for (let i = 1; i < gaps.length; i++) expect(gaps[i - 1].share).toBeGreaterThanOrEqual(gaps[i].share);
		expect(gaps.every((g) => g.share >= 0.5 && g.own !== 'party' && g.own !== 'pending')).toBe(true);
	});

	it('Thailand is measured against ASEAN, not the ILO, and the reader can switch to its UN regional group', async () => {
		const first = await parity.forParticipant(db, { code: 'THA', asOf: '2020-01-01' });
		expect(first.peers?.slug).toBe('asean');
		expect(first.peerOptions.map((g) => g.slug)).not.toContain('ilo');
		expect(first.gaps.every((g) => g.group.slug === 'asean')).toBe(true);
		const switched = await parity.forParticipant(db, { code: 'THA', asOf: '2020-01-01', peers: 'asia-pacific-group' });
		expect(switched.peers).toMatchObject({ slug: 'asia-pacific-group', reason: 'chosen' });
		// a group it does not belong to is not a choice: the default stays
		expect((await parity.forParticipant(db, { code: 'THA', asOf: '2020-01-01', peers: 'weog' })).peers?.slug).toBe('asean');
	});

	it('checked by hand: the United Arab Emirates on 3 June 2008', async () => {
		// Checked against the UNTC table (data/raw/crba_etl_2023_normlex_untc/untc_XVIII-12-a_X-4.csv):
		// of the 18 Western Asia (M49) States, 10 had deposited a consent to the Trafficking Protocol
		// by that date — ARM AZE BHR CYP GEO KWT LBN OMN SAU TUR; Israel followed on 23 Jul 2008,
		// the UAE itself only on 21 Jan 2009. The UAE had ratified UNTOC (7 May 2007), so UNTOC is no gap.
		const { groups, gaps } = await parity.forParticipant(db, { code: 'ARE', asOf: '2008-06-03', peers: 'western-asia' });
		const westernAsia = groups.find((g) => g.slug === 'western-asia')!;
		const tipRow = westernAsia.rows.find((r) => r.slug === 'trafficking-protocol')!;
		expect(tipRow).toMatchObject({ own: 'none', parties: 10, members: 18 });
		expect(gaps.find((g) => g.slug === 'untoc')).toBeUndefined();
		const tip = gaps.find((g) => g.slug === 'trafficking-protocol')!;
		expect(tip.own).toBe('none');
		expect(tip.share).toBeGreaterThanOrEqual(10 / 17);
		// The whole list, in order. OPSC checked against untc_IV-11-c_X-92.csv: 13 of the 17 other
		// Western Asia States had joined by 3 June 2008 (not IRQ 24 Jun 2008, ISR 23 Jul 2008,
		// SAU 2010, PSE 2017) — 76%. The Smuggling Protocol, checked against 18-12-b.csv: 10 of 17
		// (ARM AZE BHR CYP GEO KWT LBN OMN SAU TUR; IRQ and SYR in 2009), as many as the
		// Trafficking Protocol: a tie is ordered by name.
		expect(gaps.map((g) => g.slug)).toEqual(['opsc', 'smuggling-protocol', 'trafficking-protocol']);
		expect(gaps[1]).toMatchObject({ peersJoined: 10, peers: 17 });
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
	it('names what it cannot find by the parameter, each value cut and at most ten', () => {
		expect(compare.notFoundProblem({ codes: ['XXX', 'Narnia'], groups: ['no-such-group'] })).toBe('unknown codes: XXX, Narnia; unknown group: no-such-group');
		const many = compare.notFoundProblem({ codes: ['x'.repeat(9000), ...Array.from({ length: 11 }, (_, i) => `Z${i}`)], groups: [] })!;
		expect(many).toBe(`unknown codes: ${'x'.repeat(40)}…, Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7, Z8 and 2 more`);
		expect(compare.notFoundProblem({ codes: [], groups: [] })).toBeNull();
	});
	it('a group brings in its members as of the date', async () => {
		const sel = await parity.resolveSelection(db, { codes: [], group: 'asean', asOf: '2008-06-03' });
		expect(sel.codes).toHaveLength(10);
		expect(sel.codes).not.toContain('TLS');
	});
});

describe('the compare matrix, for an instrument not open to a participant', () => {
	it('says "not open" rather than "no action": the Ouagadougou plan, for Thailand, not for Burkina Faso or France', async () => {
		const m = await parity.matrix(db, { codes: ['THA', 'FRA', 'BFA'], asOf: '2020-01-01' });
		const cell = (code: string, slug: string) => m.cells.find((c) => c.code === code && c.slug === slug)!;
		// the Africa–EU plan: open to African States and EU member States (data/instruments.json)
		expect(cell('THA', 'ouagadougou-action-plan')).toMatchObject({ status: 'none', open: false });
		expect(cell('FRA', 'ouagadougou-action-plan').open).toBe(true);
		expect(cell('BFA', 'ouagadougou-action-plan').open).toBe(true);
		// a treaty open to any State: open to all three, whatever they did
		for (const code of ['THA', 'FRA', 'BFA']) expect(cell(code, 'trafficking-protocol').open).toBe(true);
	});
});
