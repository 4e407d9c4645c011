// The "United Nations" group (slug un-members): UN Member States on a date, from their dates of
// admission in UN press release ORG/1469 (data/raw/un_member_states_wikisource/), usable wherever
// groups are: the non-parties list and its API, the map, compare, a participant's groups.
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from './db';
import * as compare from '../../src/lib/server/views/compare';
import * as groups from '../../src/lib/server/record/groups';
import * as map from '../../src/lib/server/views/map';
import * as nonparties from '../../src/lib/server/views/nonparties';
import { GET as apiNonParties } from '../../src/routes/api/v1/instruments/[slug]/non-parties/+server';
import type { Db } from '../../src/lib/server/db';

let db: Db;
beforeAll(async () => {
	db = await freshDb();
});

/** Whether the participant page and the API list the group among the participant's groups that day. */
async function isMember(code: string, asOf: string) {
	return (await groups.ofParticipant(db, { code, asOf })).some((g) => g.slug === 'un-members');
}

/** Who the compare view lists when "United Nations" is picked as the group. */
async function members(asOf: string) {
	return (await compare.build(db, { codes: [], group: 'un-members', names: [] }, asOf)).codes;
}

describe('UN Member States on a date', () => {
	it('are the 193 members today, and not the Holy See, Palestine, the Cook Islands, Niue or the EU', async () => {
		const today = await members('2026-01-01');
		expect(today).toHaveLength(193);
		for (const code of ['VAT', 'PSE', 'COK', 'NIU', 'EUU']) expect(today).not.toContain(code);
	});

	it('were 192 on 15 February 2008: South Sudan was admitted on 14 July 2011', async () => {
		const then = await members('2008-02-15');
		expect(then).toHaveLength(192);
		expect(then).not.toContain('SSD');
		expect(await isMember('SSD', '2011-07-13')).toBe(false);
		expect(await isMember('SSD', '2011-07-14')).toBe(true);
	});

	it('count Switzerland from 10 September 2002, not the day before', async () => {
		expect(await isMember('CHE', '2002-09-09')).toBe(false);
		expect(await isMember('CHE', '2002-09-10')).toBe(true);
	});

	it('date Montenegro (28 June 2006), Timor-Leste (27 September 2002) and Germany (18 September 1973) by admission', async () => {
		expect(await isMember('MNE', '2006-06-27')).toBe(false);
		expect(await isMember('MNE', '2006-06-28')).toBe(true);
		expect(await isMember('TLS', '2002-09-26')).toBe(false);
		expect(await isMember('TLS', '2002-09-27')).toBe(true);
		expect(await isMember('DEU', '1973-09-17')).toBe(false);
		expect(await isMember('DEU', '1973-09-18')).toBe(true);
		expect(await isMember('FRA', '1945-10-24')).toBe(true);
	});

	it('leave Syria out while it was part of the United Arab Republic (1958–61); Egypt stays', async () => {
		// ORG/1469, footnote 1: a union after the plebiscite of 21 February 1958; Syria resumed its
		// separate membership on 13 October 1961. The UAR "continued as a single Member".
		expect(await isMember('SYR', '1958-02-21')).toBe(true);
		expect(await isMember('SYR', '1960-01-01')).toBe(false);
		expect(await isMember('SYR', '1961-10-13')).toBe(true);
		expect(await isMember('EGY', '1960-01-01')).toBe(true);
	});

	it('keep a member whose admission date was not read, without inventing one', async () => {
		// Cuba's row is on a page of the transcription that could not be read: no date, precision
		// unknown, so it counts on every date rather than from a made-up day.
		const cuba = await db
			.selectFrom('memberships')
			.selectAll()
			.where('group_slug', '=', 'un-members')
			.where('participant_code', '=', 'CUB')
			.execute();
		expect(cuba).toEqual([expect.objectContaining({ joined: null, left: null, precision: 'unknown' })]);
		expect(await isMember('CUB', '2008-02-15')).toBe(true);
	});
});

describe('the Trafficking Protocol on 15 February 2008 among UN Member States', () => {
	// The seed debate (UNODC's Executive Director, 15 Feb 2008): "116 parties; 76 UN Member States
	// have not ratified". The record that day: 115 States and the European Community are parties
	// (in force for them), and the Dominican Republic has ratified (5 Feb 2008) but the Protocol is
	// not yet in force for it. So 116 parties, 116 States that have ratified, and 192 UN members
	// − 116 = 76 that had not. Liechtenstein ratified on 20 Feb 2008, five days later: that is the
	// 75 of PROVENANCE's cross-check at 31 March (192 − 117 States), not an off-by-one.
	it('lists 76 UN Member States that had not ratified', async () => {
		const l = await nonparties.list(db, { slug: 'trafficking-protocol', asOf: '2008-02-15', group: 'un-members' });
		expect(l!.filters.group).toMatchObject({ slug: 'un-members', name: 'United Nations' });
		expect(l!.counts).toMatchObject({ nonParties: 76, unknown: 0 });
		const codes = nonparties.rows(l!).map((r) => r.code);
		expect(codes).toContain('LIE');
		expect(codes).not.toContain('DOM');
		expect(codes).not.toContain('EUU');
	});

	it('lists 75 on 31 March 2008, once Liechtenstein had ratified', async () => {
		const l = await nonparties.list(db, { slug: 'trafficking-protocol', asOf: '2008-03-31', group: 'un-members' });
		expect(l!.counts!.nonParties).toBe(75);
		expect(nonparties.rows(l!).map((r) => r.code)).not.toContain('LIE');
	});

	it('answers the API the same: GET /api/v1/instruments/trafficking-protocol/non-parties?group=un-members&asOf=2008-02-15', async () => {
		const url = new URL('http://localhost/api/v1/instruments/trafficking-protocol/non-parties?group=un-members&asOf=2008-02-15');
		const res = await apiNonParties({ url, params: { slug: 'trafficking-protocol' }, locals: { db } } as never);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.filters.group.slug).toBe('un-members');
		expect(body.counts.nonParties).toBe(76);
	});
});

describe('the group wherever groups are offered', () => {
	it('is a group filter of the non-parties list', async () => {
		const { groups: options } = await nonparties.filters(db);
		expect(options).toContainEqual({ slug: 'un-members', name: 'United Nations', kind: 'organisation' });
	});

	it('gives the map the members with their dates', async () => {
		const m = await map.model(db, { slug: 'trafficking-protocol', group: { slug: 'un-members', name: 'United Nations', kind: 'organisation' } });
		expect(Object.keys(m!.members!)).toHaveLength(193);
		expect(m!.members!.CHE).toEqual([['2002-09-10', null]]);
		expect(m!.members!.SYR).toEqual(expect.arrayContaining([['1945-10-24', '1958-02-21'], ['1961-10-13', null]]));
	});

	it("is among a member's groups, and not among the Holy See's", async () => {
		const tha = await groups.ofParticipant(db, { code: 'THA', asOf: '2008-02-15' });
		expect(tha.map((g) => g.name)).toContain('United Nations');
		expect(await isMember('VAT', '2008-02-15')).toBe(false);
	});
});
