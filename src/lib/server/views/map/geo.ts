// The geometry a map's framing needs, on longitude and latitude: a country's main parts, the
// longitude range a scattered group spans, a box as points, rounding.
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { geoArea, geoBounds } from 'd3-geo';

/** The parts of a country that frame it: French Guiana does not make France South American. */
export function mainParts(g: Polygon | MultiPolygon): MultiPolygon {
	const polys: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
	const areas = polys.map((p) => geoArea({ type: 'Polygon', coordinates: p }));
	const max = Math.max(...areas);
	return { type: 'MultiPolygon', coordinates: polys.filter((_, i) => areas[i] >= max / 4) };
}

export function largestPart(g: Polygon | MultiPolygon): Polygon {
	if (g.type === 'Polygon') return g;
	let best = g.coordinates[0];
	let bestArea = -1;
	for (const p of g.coordinates) {
		const a = geoArea({ type: 'Polygon', coordinates: p });
		if (a > bestArea) [best, bestArea] = [p, a];
	}
	return { type: 'Polygon', coordinates: best };
}

/**
 * The smallest longitude range holding every part, found as the complement of the widest
 * empty gap (d3.geoBounds of a whole collection of scattered parts can pick the wrong gap).
 */
export function extent(parts: Feature[]): { west: number; east: number; south: number; north: number; span: number } {
	const ranges: [number, number][] = [];
	let south = 90;
	let north = -90;
	for (const f of parts) {
		const [[w, s], [e, n]] = geoBounds(f);
		south = Math.min(south, s);
		north = Math.max(north, n);
		if (w <= e) ranges.push([w, e]);
		else ranges.push([w, 180], [-180, e]); // across the antimeridian
	}
	ranges.sort((a, b) => a[0] - b[0]);
	let gap = 0;
	let gapEnd = -180;
	let reach = ranges[0][1];
	for (const [w, e] of ranges.slice(1)) {
		if (w - reach > gap) [gap, gapEnd] = [w - reach, w];
		reach = Math.max(reach, e);
	}
	const wrap = ranges[0][0] + 360 - reach; // from the last range round to the first
	if (wrap > gap) [gap, gapEnd] = [wrap, ranges[0][0]];
	const span = 360 - gap;
	return { west: gapEnd, east: normalise(gapEnd + span), south, north, span };
}

/** A lon/lat box as points along its edges (a projection bends the edges). */
export function box([[w, s], [e, n]]: [[number, number], [number, number]]): Geometry {
	const points: Position[] = [];
	for (let k = 0; k <= 8; k++) {
		const lon = w + ((e - w) * k) / 8;
		const lat = s + ((n - s) * k) / 8;
		points.push([lon, s], [lon, n], [w, lat], [e, lat]);
	}
	return { type: 'MultiPoint', coordinates: points };
}

export function normalise(lon: number): number {
	return ((((lon + 180) % 360) + 360) % 360) - 180;
}

export function round(n: number, digits: number): number {
	const k = 10 ** digits;
	return Math.round(n * k) / k;
}
