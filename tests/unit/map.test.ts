// The status map against the real atlas and the real record: every participant is drawn
// exactly once, and the map says what the API says for the same date and group.
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from './db';
import * as status from '../../src/lib/server/record/status';
import * as records from '../../src/lib/server/record/record';
import * as maps from '../../src/lib/server/views/map';
import * as groups from '../../src/lib/server/record/groups';
import * as nonparties from '../../src/lib/server/views/nonparties';
import { join } from '../../src/lib/map/join';
import { counted, stateOn } from '../../src/lib/map/model';
import { statusAt, type Change } from '../../src/lib/map/timeline';
import type { Db } from '../../src/lib/server/db';
import type { TreatyRecord } from '../../src/lib/server/record/record';
import { subpaths } from './path-data';
import { render } from 'svelte/server';
import StatusMap from '../../src/lib/components/map/StatusMap.svelte';
import { BACKGROUND_FILL, PATTERNED, STATUS_FILL } from '../../src/lib/map/palette';

let db: Db;
let record: TreatyRecord;
beforeAll(async () => {
	db = await freshDb();
	record = await records.get(db);
});

async function group(slug: string) {
	const found = (await groups.list(db)).find((g) => g.slug === slug);
	if (!found) throw new Error(`no group ${slug}`);
	return found;
}

describe('the join of participants to the atlas', () => {
	it('places every participant exactly once: outline, dot or the list under the map', () => {
		const j = maps.joinOf(record);
		const placed = [...j.shapes.keys(), ...j.dots.keys(), ...j.unmapped];
		expect(placed.length).toBe(record.participants.size);
		expect(new Set(placed)).toEqual(new Set(record.participants.keys()));
		// no outline coloured by two participants
		expect(new Set(j.shapes.values()).size).toBe(j.shapes.size);
	});

	it('draws States with an outline in the 1:110m atlas as outlines', () => {
		const j = maps.joinOf(record);
		for (const code of ['IND', 'ARE', 'FRA', 'USA', 'BRA', 'PSE', 'LUX']) expect(j.shapes.has(code), code).toBe(true);
	});

	it('draws the small States as dots, Tuvalu from the curated table', () => {
		const j = maps.joinOf(record);
		for (const code of ['AND', 'LIE', 'MCO', 'SMR', 'VAT', 'MLT', 'SGP', 'BHR', 'NRU', 'TUV', 'KIR', 'COK', 'NIU']) {
			expect(j.dots.has(code), code).toBe(true);
		}
		const [lon, lat] = j.dots.get('MLT')!;
		expect(lon).toBeCloseTo(14.4, 0);
		expect(lat).toBeCloseTo(35.9, 0);
	});

	it('lists the European Union under the map, and only it', () => {
		expect(maps.joinOf(record).unmapped).toEqual(['EUU']);
	});

	it('leaves territories and disputed areas in the background, and Antarctica off', () => {
		const j = maps.joinOf(record);
		for (const id of ['304', '158', '732', '630', '238']) expect(j.background.has(id), id).toBe(true);
		expect(j.background.has('010')).toBe(false);
		expect(maps.atlasIndex().shapeIds.has('010')).toBe(false);
	});

	it('never places a participant twice, even when two share a numeric code', () => {
		const atlas = { shapeIds: new Set(['250']), locations: new Map([['492', [7.4, 43.7] as const]]) };
		const j = join(
			[
				{ code: 'FRA', numeric: '250' },
				{ code: 'FXX', numeric: '250' },
				{ code: 'MCO', numeric: '492' },
				{ code: 'EUU', numeric: null }
			],
			atlas
		);
		expect([...j.shapes]).toEqual([['FRA', '250']]);
		expect([...j.dots.keys()]).toEqual(['MCO']);
		expect(j.unmapped).toEqual(['FXX', 'EUU']);
		expect(j.background.size).toBe(0);
	});
});

describe('the world map geometry', () => {
	it('has one drawable outline or dot per participant, and the EU in the list', async () => {
		const m = (await maps.model(db, { slug: 'trafficking-protocol' }))!;
		const g = m.geometry;
		const codes = [...g.shapes.map((s) => s.code), ...g.dots.map((d) => d.code), ...g.unmapped];
		expect(codes.length).toBe(m.participants.length);
		expect(new Set(codes).size).toBe(codes.length);
		for (const s of g.shapes) expect(s.d, s.code).toMatch(/^M\d+,\d+l/);
		for (const d of g.dots) {
			expect(d.x).toBeGreaterThanOrEqual(0);
			expect(d.x).toBeLessThanOrEqual(g.width);
			expect(d.y).toBeGreaterThanOrEqual(0);
			expect(d.y).toBeLessThanOrEqual(g.height);
		}
		expect(g.width).toBe(960);
		expect(g.height).toBeGreaterThan(400);
		expect(g.height).toBeLessThan(520);
	});

	it.each([
		['the world', null],
		['the Council of Europe', 'council-of-europe'],
		['ASEAN', 'asean'],
		['the African Union', 'african-union']
	])('draws every outline of %s inside the frame, the background (Greenland, Western Sahara…) too', async (_, slug) => {
		const m = (await maps.model(db, { slug: 'trafficking-protocol', group: slug ? await group(slug) : null }))!;
		const g = m.geometry;
		const paths = [{ code: 'background', d: g.background }, ...g.shapes];
		for (const { code, d } of paths) {
			const rings = subpaths(d);
			expect(rings.length, code).toBeGreaterThan(0);
			for (const ring of rings) {
				for (const [x, y] of ring) {
					// Clipped to the frame, then rounded to the unit.
					expect(x, `${code} x`).toBeGreaterThanOrEqual(0);
					expect(x, `${code} x`).toBeLessThanOrEqual(g.width);
					expect(y, `${code} y`).toBeGreaterThanOrEqual(0);
					expect(y, `${code} y`).toBeLessThanOrEqual(g.height);
				}
			}
		}
	});

	it('fits a group to its members, keeping every member that has an outline or a place', async () => {
		const coe = await group('council-of-europe');
		const m = (await maps.model(db, { slug: 'cets-197', group: coe }))!;
		const drawn = new Set([...m.geometry.shapes.map((s) => s.code), ...m.geometry.dots.map((d) => d.code)]);
		for (const code of ['FRA', 'DEU', 'TUR', 'ISL', 'AZE', 'AND', 'LIE', 'MCO', 'SMR', 'MLT']) expect(drawn.has(code), code).toBe(true);
		// Zoomed on Europe, the Americas are off the map.
		expect(drawn.has('BRA')).toBe(false);
		expect(drawn.has('AUS')).toBe(false);
	});

	it('fits ASEAN to South-East Asia', async () => {
		const m = (await maps.model(db, { slug: 'actip', group: await group('asean') }))!;
		const drawn = new Set(m.geometry.shapes.map((s) => s.code));
		for (const code of ['IDN', 'PHL', 'MMR', 'VNM']) expect(drawn.has(code), code).toBe(true);
		expect(drawn.has('USA')).toBe(false);
		expect(m.geometry.dots.map((d) => d.code)).toContain('SGP');
	});
});

describe('the map says what the API says', () => {
	const cases: [string, string][] = [
		['trafficking-protocol', '2003-12-24'],
		['trafficking-protocol', '2003-12-25'],
		['trafficking-protocol', '2008-06-03'],
		['trafficking-protocol', '2023-01-01'],
		['untoc', '2010-06-30'],
		['cets-197', '2008-02-01'],
		['ilo-c105', '2020-01-01'],
		['ilo-c029', '1950-01-01'],
		['convention-1949', '1975-05-05']
	];

	it.each(cases)('%s on %s: every participant has the API status', async (slug, date) => {
		const api = (await status.instrument(db, { slug, asOf: date, all: true }))!;
		const m = (await maps.model(db, { slug }))!;
		const state = stateOn(m, date);
		for (const p of api.participants) expect(state.byCode.get(p.code)?.status, `${p.code} on ${date}`).toBe(p.status);
	});

	it.each(cases)('%s on %s: the legend counts are the API counts, over the participants that existed and may join', async (slug, date) => {
		const api = (await status.instrument(db, { slug, asOf: date, all: true }))!;
		const m = (await maps.model(db, { slug }))!;
		const { tally } = stateOn(m, date);
		expect(tally.parties).toBe(api.counts!.parties);
		expect(tally.inForce).toBe(api.counts!.inForce);
		expect(tally.byStatus.endorsed).toBe(api.counts!.endorsed);
		// Everyone counted has joined, is on the non-parties list, is not in a partial record, or
		// is not known since the record's date.
		const list = (await nonparties.list(db, { slug, asOf: date }))!;
		expect(tally.total).toBe(tally.parties + list.counts!.nonParties + list.counts!.unknown + list.counts!.stale);
		expect(tally.byStatus.unknown).toBe(list.counts!.unknown + list.counts!.stale);
		expect(tally.total).toBeLessThanOrEqual([...record.participants.keys()].filter((c) => records.existsOn(record, c, date)).length);
	});

	it.each([
		['trafficking-protocol', 'council-of-europe', '2008-06-03'],
		['trafficking-protocol', 'african-union', '2015-01-01'],
		['trafficking-protocol', 'europe', '2004-05-01'],
		['untoc', 'european-union', '2004-04-30'],
		['untoc', 'european-union', '2004-05-01'],
		['untoc', 'european-union', '2021-01-01'],
		['cets-197', 'council-of-europe', '2010-01-01'],
		['actip', 'asean', '2020-01-01'],
		['ilo-c105', 'ilo', '2020-01-01']
	])('%s in %s on %s: the legend counts only the members on that date', async (slug, g, date) => {
		const api = (await status.instrument(db, { slug, asOf: date, all: true }))!;
		const members = api.participants.filter((p) => records.memberOn(record, g, p.code, date));
		expect(members.length).toBeGreaterThan(0);
		const m = (await maps.model(db, { slug, group: await group(g) }))!;
		const { tally } = stateOn(m, date);
		expect(tally.total).toBe(members.length);
		expect(tally.parties).toBe(members.filter((p) => p.status === 'pending' || p.status === 'party').length);
		expect(tally.inForce).toBe(members.filter((p) => p.status === 'party').length);
		expect(tally.byStatus.signed).toBe(members.filter((p) => p.status === 'signed').length);
	});

	it('shows the European Union joining: the United Kingdom counts in 2019, not in 2021', async () => {
		const m = (await maps.model(db, { slug: 'untoc', group: await group('european-union') }))!;
		expect(stateOn(m, '2019-06-01').byCode.get('GBR')!.member).toBe(true);
		expect(stateOn(m, '2021-06-01').byCode.get('GBR')!.member).toBe(false);
	});

	it('on 3 June 2008, India had signed the Trafficking Protocol and the United Arab Emirates had not', async () => {
		const m = (await maps.model(db, { slug: 'trafficking-protocol' }))!;
		const s = stateOn(m, '2008-06-03');
		expect(s.byCode.get('IND')!.status).toBe('signed');
		expect(s.byCode.get('ARE')!.status).toBe('none');
		expect(statusAt(m.changes.IND, '2011-06-01')).not.toBe('signed'); // ratified 5 May 2011
	});
});

describe('the map counts who may join, as the non-parties list does', () => {
	it.each([
		['ilo-c029', '2023-06-01', null],
		['ilo-c029', '1950-01-01', null],
		['ilo-c029', '2023-06-01', 'african-union'],
		['convention-1949', '2023-06-01', null],
		['convention-1949', '2023-06-01', 'europe'],
		['trafficking-protocol', '2008-06-03', null],
		['trafficking-protocol', '2008-06-03', 'asean'],
		['opsc', '2023-06-01', null]
	])('%s on %s (%s): "No action", "Signed" and "Denounced" are the non-parties listed', async (slug, date, g) => {
		const ref = g ? await group(g) : null;
		// The non-parties page filters by a region or by a group: one select each.
		const isRegion = ref?.kind === 'region' || ref?.kind === 'subregion';
		const list = (await nonparties.list(db, { slug, asOf: date, region: isRegion ? g : null, group: isRegion ? null : g }))!;
		expect((list.filters.region ?? list.filters.group)?.slug ?? null).toBe(g);
		const m = (await maps.model(db, { slug, group: ref }))!;
		const { tally, rows } = stateOn(m, date);
		expect(tally.byStatus.none + tally.byStatus.signed + tally.byStatus.denounced).toBe(list.counts!.nonParties);
		expect(tally.byStatus.signed).toBe(list.counts!.signed);
		expect(tally.byStatus.denounced).toBe(list.counts!.denounced);
		const listed = nonparties.rows(list).map((r) => r.code).sort();
		const unjoined = rows.filter((r) => counted(r) && ['none', 'signed', 'denounced'].includes(r.status)).map((r) => r.code).sort();
		expect(unjoined).toEqual(listed);
	});

	it('leaves the European Union out of an ILO convention, on every date', async () => {
		const m = (await maps.model(db, { slug: 'ilo-c029' }))!;
		for (const date of ['1950-01-01', '2023-06-01']) {
			const eu = stateOn(m, date).byCode.get('EUU')!;
			expect(eu.open).toBe(false);
			expect(counted(eu)).toBe(false);
		}
		// …but counts it where organisations may join: the Trafficking Protocol.
		expect(counted(stateOn((await maps.model(db, { slug: 'trafficking-protocol' }))!, '2008-06-03').byCode.get('EUU')!)).toBe(true);
	});

	it('follows ILO membership through time in the browser: Germany, out of the ILO from 1935 to 1955', async () => {
		const m = (await maps.model(db, { slug: 'ilo-c029' }))!;
		// Shipped as data, not decided on the server for one date.
		expect(m.participants.find((p) => p.code === 'DEU')!.open).toEqual([['1919-01-01', '1935-12-31'], ['1955-01-01', null]]);
		expect(stateOn(m, '1950-01-01').byCode.get('DEU')).toMatchObject({ exists: true, status: 'none', open: false });
		expect(stateOn(m, '1955-06-01').byCode.get('DEU')!.open).toBe(true);
	});

	it('always counts a participant that has acted, whatever its membership', async () => {
		// the European Union and a treaty closed to organisations, as if it had acted on it
		const m = (await maps.model(db, { slug: 'convention-1949' }))!;
		const eu = { ...m, changes: { EUU: [['2000-01-01', 'party']] as Change[] } };
		expect(stateOn(eu, '1999-01-01').byCode.get('EUU')!.open).toBe(false);
		expect(stateOn(eu, '2001-01-01').byCode.get('EUU')!.open).toBe(true);
	});
});

describe('the server-rendered map', () => {
	it('fills every outline and dot of the Trafficking Protocol on 3 June 2008 with the colour of its API status', async () => {
		const slug = 'trafficking-protocol';
		const asOf = '2008-06-03';
		const api = (await status.instrument(db, { slug, asOf, all: true }))!;
		const m = (await maps.model(db, { slug }))!;
		const { body } = render(StatusMap, { props: { geometry: m.geometry, view: stateOn(m, asOf), title: 'test', today: m.today } });
		const html = body.replace(/<!--[^]*?-->/g, '');
		const drawn = new Map<string, { status: string; fill: string }>();
		for (const [, code, st, fill] of html.matchAll(/<a [^>]*data-code="(\w+)" data-status="(\w+)"[^>]*>\s*<(?:path|circle) [^>]*?fill="([^"]+)"/g)) {
			drawn.set(code, { status: st, fill });
		}
		expect(drawn.size).toBe(m.geometry.shapes.length + m.geometry.dots.length);
		const apiStatus = new Map(api.participants.map((p) => [p.code, p.status]));
		let coloured = 0;
		for (const [code, d] of drawn) {
			const s = apiStatus.get(code);
			if (!s) {
				// Not yet a State (South Sudan): land without a status.
				expect(d.fill, code).toBe(BACKGROUND_FILL);
				continue;
			}
			expect(d.status, code).toBe(s);
			expect(d.fill, `${code} (${s})`).toBe(PATTERNED.includes(s) ? `url(#map-${s})` : STATUS_FILL[s]);
			coloured++;
		}
		expect(coloured).toBeGreaterThan(190);
		expect(drawn.get('IND')).toEqual({ status: 'signed', fill: 'url(#map-signed)' });
		// The patterns are drawn over the status's own colour.
		for (const s of PATTERNED) {
			expect(html).toMatch(new RegExp(`<pattern id="map-${s}"[^>]*>\\s*<rect [^>]*fill="${STATUS_FILL[s]}"`));
		}
	});
});

describe('the cumulative number of parties', () => {
	it('never falls for an instrument without denunciations, and ends at the parties the API counts today', async () => {
		const ir = record.instruments.get('trafficking-protocol')!;
		const series = maps.cumulative(ir);
		expect(series.length).toBeGreaterThan(50);
		for (let k = 1; k < series.length; k++) {
			expect(series[k].date > series[k - 1].date).toBe(true);
			expect(series[k].parties).toBeGreaterThanOrEqual(series[k - 1].parties);
			expect(series[k].inForce).toBeLessThanOrEqual(series[k].parties);
		}
		const today = new Date().toISOString().slice(0, 10);
		const api = (await status.instrument(db, { slug: 'trafficking-protocol', asOf: today }))!;
		expect(series.at(-1)!.parties).toBe(api.counts!.parties);
		expect(series.at(-1)!.inForce).toBe(api.counts!.inForce);
	});

	it('matches the API count on every date it changes (ILO C105, which has denunciations)', async () => {
		const ir = record.instruments.get('ilo-c105')!;
		for (const point of maps.cumulative(ir).filter((_, k) => k % 7 === 0)) {
			const api = (await status.instrument(db, { slug: 'ilo-c105', asOf: point.date }))!;
			expect(point.parties, point.date).toBe(api.counts!.parties);
			expect(point.inForce, point.date).toBe(api.counts!.inForce);
		}
	});

	it('starts at entry into force for the in-force count', async () => {
		const ir = record.instruments.get('trafficking-protocol')!;
		const firstInForce = maps.cumulative(ir).find((p) => p.inForce > 0)!;
		expect(firstInForce.date).toBe('2003-12-25');
	});
});
