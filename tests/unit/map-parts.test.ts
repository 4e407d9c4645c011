// The map's and charts' pure parts: compact outlines, status through time, the slider's
// dates, and the chart geometry, with the real record where the numbers come from it.
import { beforeAll, describe, expect, it } from 'vitest';
import { geoEqualEarth, geoPath } from 'd3-geo';
import { freshDb } from './db';
import * as records from '../../src/lib/server/record/record';
import * as maps from '../../src/lib/server/views/map';
import * as charts from '../../src/lib/server/views/charts';
import * as status from '../../src/lib/server/record/status';
import { CompactPath } from '../../src/lib/map/path';
import { memberAt, since, statusAt, type Change } from '../../src/lib/map/timeline';
import { withYear } from '../../src/lib/map/time';
import { groupWords } from '../../src/lib/map/text';
import { m } from '../../src/lib/paraglide/messages';
import { cumulativeChart } from '../../src/lib/charts/cumulative';
import type { Db } from '../../src/lib/server/db';
import { subpaths as decode } from './path-data';

describe('compact outline paths', () => {
	it('round each point to whole units and write them relative, ring after ring, from an absolute start', () => {
		const p = new CompactPath();
		p.moveTo(10.4, 20.6);
		p.lineTo(15.2, 20.9);
		p.lineTo(15.4, 25.1);
		p.closePath();
		p.moveTo(5, 5);
		p.lineTo(8, 5);
		p.lineTo(8, 2);
		p.closePath();
		// A minus sign separates numbers, as SVG path data allows: "0-3" is 0, -3.
		expect(p.toString()).toBe('M10,21l5,0 0,4zm-5,-16l3,0 0-3z');
		expect(decode(p.toString())).toEqual([
			[[10, 21], [15, 21], [15, 25]],
			[[5, 5], [8, 5], [8, 2]]
		]);
	});

	it('drop rings that round to a speck, and repeated points', () => {
		const p = new CompactPath();
		p.moveTo(1.1, 1.1);
		p.lineTo(1.2, 1.3);
		p.lineTo(1.4, 0.9);
		p.closePath();
		expect(p.toString()).toBe('');
	});

	it('draw the same shape as d3 does, to the unit', () => {
		const projection = geoEqualEarth().fitWidth(960, { type: 'Sphere' });
		const india = { type: 'Polygon' as const, coordinates: [[[68, 23], [88, 22], [80, 8], [68, 23]]] };
		const compact = new CompactPath();
		geoPath(projection, compact)(india);
		const reference = geoPath(projection).digits(0)(india)!;
		const absolute = [...reference.matchAll(/-?\d+,-?\d+/g)].map((m) => m[0].split(',').map(Number));
		const ours = decode(compact.toString()).flat();
		for (let k = 0; k < ours.length; k++) {
			expect(Math.abs(ours[k][0] - absolute[k][0])).toBeLessThanOrEqual(1);
			expect(Math.abs(ours[k][1] - absolute[k][1])).toBeLessThanOrEqual(1);
		}
	});
});

describe('status through time', () => {
	const india: Change[] = [
		['2002-12-12', 'signed'],
		['2011-05-05', 'pending'],
		['2011-06-04', 'party']
	];

	it('answers for any date from the changes', () => {
		expect(statusAt(india, '2002-12-11')).toBe('none');
		expect(statusAt(india, '2002-12-12')).toBe('signed');
		expect(statusAt(india, '2011-05-20')).toBe('pending');
		expect(statusAt(india, '2030-01-01')).toBe('party');
		expect(statusAt(undefined, '2030-01-01')).toBe('none');
		expect(since(india, '2008-06-03')).toBe('2002-12-12');
		expect(since(india, '2000-01-01')).toBeNull();
	});

	it('counts membership on both days of an interval', () => {
		const uk = [['1973-01-01', '2020-01-31']] as const;
		expect(memberAt(uk, '1972-12-31')).toBe(false);
		expect(memberAt(uk, '1973-01-01')).toBe(true);
		expect(memberAt(uk, '2020-01-31')).toBe(true);
		expect(memberAt(uk, '2020-02-01')).toBe(false);
		expect(memberAt([[null, null]], '1900-01-01')).toBe(true);
		expect(memberAt(undefined, '2000-01-01')).toBe(false);
	});

	it('names groups the way a sentence needs them', () => {
		expect(m.maps_readout_outside_group(groupWords({ slug: 'african-union', name: 'African Union', kind: 'organisation' }))).toBe(' (not in the African Union on this date)');
		expect(m.maps_readout_outside_group(groupWords({ slug: 'europe', name: 'Europe', kind: 'region' }))).toBe(' (not in Europe on this date)');
	});
});

describe("the slider's dates", () => {
	it('keeps the day of the year, never passes today, and survives 29 February', () => {
		expect(withYear('2008-06-03', 2012, '2026-11-28')).toBe('2012-06-03');
		expect(withYear('2008-06-03', 2026, '2026-05-01')).toBe('2026-05-01');
		expect(withYear('2008-02-29', 2009, '2026-01-01')).toBe('2009-02-28');
		expect(withYear('2008-02-29', 2012, '2026-01-01')).toBe('2012-02-29');
	});
});

describe('the charts', () => {
	let db: Db;
	beforeAll(async () => {
		db = await freshDb();
	});

	it('the cumulative chart runs from zero to the parties the API counts today, marking entry into force', async () => {
		const today = new Date().toISOString().slice(0, 10);
		const chart = (await charts.cumulative(db, { slug: 'trafficking-protocol', asOf: '2008-06-03' }))!;
		const api = (await status.instrument(db, { slug: 'trafficking-protocol', asOf: today }))!;
		const then = (await status.instrument(db, { slug: 'trafficking-protocol', asOf: '2008-06-03' }))!;
		expect(chart.wide.entryIntoForce?.label).toBe('In force 25 December 2003');
		expect(chart.narrow.entryIntoForce?.label).toBe('In force 2003');
		for (const f of [chart.wide, chart.narrow]) {
			expect(f.end.parties).toBe(api.counts!.parties);
			expect(f.end.inForce).toBe(api.counts!.inForce);
			expect(f.asOf?.parties).toBe(then.counts!.parties);
			expect(f.xTicks.map((t) => t.label)).toContain('2010');
			expect(f.parties).toMatch(/^M/);
			// The step line never goes down: y (downwards) never increases along the path.
			const ys = [...f.parties.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => Number(m[2]));
			for (let k = 1; k < ys.length; k++) expect(ys[k]).toBeLessThanOrEqual(ys[k - 1]);
		}
	});

	it('the narrow chart (a phone) keeps its end figure inside its frame, the wide one beside the plot', async () => {
		const chart = (await charts.cumulative(db, { slug: 'trafficking-protocol', asOf: '2008-06-03' }))!;
		expect(chart.narrow.width).toBeLessThanOrEqual(390);
		expect(chart.narrow.endLabels).toBe('inside');
		expect(chart.narrow.end.x).toBeLessThanOrEqual(chart.narrow.width);
		// Room above the end of the line for "180 parties" (12 units high).
		expect(chart.narrow.end.yParties).toBeGreaterThanOrEqual(24);
		expect(chart.wide.endLabels).toBe('outside');
		expect(chart.wide.width - chart.wide.end.x).toBeGreaterThanOrEqual(90);
	});

	it('gives no chart for an instrument without data', async () => {
		expect(await charts.cumulative(db, { slug: 'ilo-c181', asOf: '2020-01-01' })).toBeNull();
	});

	it('the cumulative chart works on a short series too', () => {
		const chart = cumulativeChart([{ date: '2020-03-01', parties: 1, inForce: 0 }], {
			title: 't',
			start: '2020-01-01',
			end: '2021-01-01',
			entryIntoForce: null,
			asOf: '2020-06-01'
		});
		expect(chart.wide.end.parties).toBe(1);
		expect(chart.narrow.entryIntoForce).toBeNull();
		expect(chart.narrow.asOf?.parties).toBe(1);
	});

	it("the timeline has a row per instrument India acted on, with its marks in date order", async () => {
		const chart = (await charts.timeline(db, { code: 'IND', asOf: '2008-06-03' }))!;
		const protocol = chart.rows.find((r) => r.slug === 'trafficking-protocol')!;
		expect(protocol.marks.map((m) => m.kind)).toEqual(['signature', 'consent']);
		expect(protocol.marks[0].label).toBe('Signature: 12 December 2002');
		expect(protocol.marks[0].x).toBeLessThan(protocol.marks[1].x);
		expect(protocol.spans.map((s) => s.kind)).toEqual(['signed', 'bound']);
		expect(chart.rows.some((r) => r.slug === 'cets-197')).toBe(false);
		expect(chart.asOf).not.toBeNull();
	});

	it("the series agrees with the map's changes for a denounced convention", async () => {
		const record = await records.get(db);
		const series = maps.cumulative(record.instruments.get('ilo-c105')!);
		expect(series.some((p, k) => k > 0 && p.parties < series[k - 1].parties)).toBe(true);
	});
});
