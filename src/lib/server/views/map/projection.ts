// Projected views of the atlas: the world (Equal Earth, centred on 11°E), or one group fitted to
// its members, each projected once and cached; and a view's geometry with every participant
// placed once, as a shape or a dot.
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { geoAzimuthalEqualArea, geoCircle, geoDistance, geoEqualEarth, geoPath, type GeoProjection } from 'd3-geo';
import type { TreatyRecord } from '../../record/record';
import { CompactPath } from '../../../map/path';
import type { MapGeometry } from '../../../map/model';
import { joinOf, loadAtlas } from './atlas';
import { box, extent, mainParts, normalise, round } from './geo';

/** The map's width in viewBox units; its height follows from what it shows. */
export const WIDTH = 960;
const PAD = 6;
/** Centred on 11°E, so that the cut falls in the Bering Strait and no State is split. */
const WORLD_ROTATION: [number, number] = [-11, 0];

/**
 * Groups reaching into Siberia are framed as atlases frame Europe, at the Urals: fitted to
 * all of Russia, a map of the Council of Europe would be mostly tundra. [[west, south], [east, north]].
 */
const FRAMES: Record<string, [[number, number], [number, number]]> = {
	europe: [[-24, 34], [48, 71]],
	'eastern-europe': [[12, 41], [56, 66]],
	'council-of-europe': [[-24, 34], [50, 71]],
	'eastern-european-group': [[12, 37], [52, 66]]
};

interface View {
	width: number;
	height: number;
	background: string;
	/** atlas id → compact path ('' when outside the view) */
	outlines: Map<string, string>;
	project: (lonLat: readonly [number, number]) => [number, number] | null;
}

let world: View | undefined;

export function worldView(): View {
	if (world) return world;
	const { features } = loadAtlas();
	const projection = geoEqualEarth().rotate(WORLD_ROTATION);
	// The map's edges are the antimeridian of the rotation, not the last land before it:
	// the Pacific islands near it (Samoa, Kiribati, Niue) are dots that must fit too.
	const edge = (side: number): Position[] =>
		[-30, -15, 0, 15, 30].map((lat) => [side * 179.99 - WORLD_ROTATION[0], lat]);
	const fit: FeatureCollection = {
		type: 'FeatureCollection',
		features: [...features, { type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates: [...edge(-1), ...edge(1)] } }]
	};
	world = project(projection, fit, { width: WIDTH, draw: { type: 'FeatureCollection', features } });
	return world;
}

const groupViews = new WeakMap<TreatyRecord, Map<string, View>>();

export function groupView(record: TreatyRecord, group: string): View {
	let views = groupViews.get(record);
	if (!views) groupViews.set(record, (views = new Map()));
	let view = views.get(group);
	if (view) return view;

	const { features } = loadAtlas();
	const j = joinOf(record);
	const byId = new Map(features.map((f) => [f.id, f]));
	// Everyone who has ever been a member, so that the frame holds still while the date moves.
	const members = new Set((record.memberships.get(group) ?? []).map((m) => m.code));
	const parts: Feature[] = [];
	const frame = FRAMES[group];
	if (frame) {
		parts.push({ type: 'Feature', properties: {}, geometry: box(frame) });
	} else {
		for (const code of members) {
			const id = j.shapes.get(code);
			const at = j.dots.get(code);
			if (id) parts.push({ type: 'Feature', properties: {}, geometry: mainParts(byId.get(id)!.geometry) });
			else if (at) parts.push({ type: 'Feature', properties: {}, geometry: geoCircle().center([at[0], at[1]]).radius(1.5)() });
		}
	}
	if (parts.length === 0) return worldView();
	const fit: FeatureCollection = { type: 'FeatureCollection', features: parts };

	// A region (up to ~55° from its centre) reads best on an azimuthal equal-area projection
	// centred on it, the one the EU uses for Europe; a group spread over an ocean (Asia and
	// the Pacific) keeps Equal Earth, turned to face it; a group around the world (the ILO,
	// the OSCE, WEOG) keeps the world map's centre, which readers know.
	const { west, east, south, north, span } = extent(parts);
	const lon = normalise(west + span / 2);
	const lat = (south + north) / 2;
	const reach = Math.max(
		...[
			[west, south], [west, north], [east, south], [east, north], [lon, south], [lon, north]
		].map((p) => (geoDistance([lon, lat], p as [number, number]) * 180) / Math.PI)
	);
	const projection: GeoProjection =
		span >= 180
			? geoEqualEarth().rotate(WORLD_ROTATION)
			: reach < 55
				? geoAzimuthalEqualArea().rotate([-lon, -lat]).clipAngle(90)
				: geoEqualEarth().rotate([-lon, 0]);
	view = project(projection, fit, { width: WIDTH, draw: { type: 'FeatureCollection', features } });
	views.set(group, view);
	return view;
}

/**
 * Fits `projection` to `fit` at `width`, picks a height from the shape of what is fitted,
 * and draws `draw` (default: `fit`) clipped to the frame.
 */
function project(
	projection: GeoProjection,
	fit: FeatureCollection,
	opts: { width: number; draw?: FeatureCollection<Polygon | MultiPolygon, { name: string }> | FeatureCollection }
): View {
	const width = opts.width;
	projection.fitWidth(width - 2 * PAD, fit);
	const [[, y0], [, y1]] = geoPath(projection).bounds(fit);
	const height = Math.round(Math.min(Math.max(y1 - y0 + 2 * PAD, 0.4 * width), 0.75 * width));
	projection.fitExtent([[PAD, PAD], [width - PAD, height - PAD]], fit).clipExtent([[0, 0], [width, height]]);

	const draw = (opts.draw ?? fit) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
	const outlines = new Map<string, string>();
	const background = new CompactPath();
	const { index } = loadAtlas();
	for (const f of draw.features) {
		if (typeof f.id === 'string' && index.shapeIds.has(f.id)) {
			const d = new CompactPath();
			geoPath(projection, d)(f);
			outlines.set(f.id, d.toString());
		} else {
			geoPath(projection, background)(f);
		}
	}
	return {
		width,
		height,
		background: background.toString(),
		outlines,
		project: (lonLat) => {
			const p = projection([lonLat[0], lonLat[1]]);
			if (!p || p[0] < 0 || p[0] > width || p[1] < 0 || p[1] > height) return null;
			return [round(p[0], 1), round(p[1], 1)];
		}
	};
}

/** The view's geometry with each participant placed once (outside the view: left out). */
export function geometry(record: TreatyRecord, view: View): MapGeometry {
	const j = joinOf(record);
	const background = [view.background];
	for (const id of j.background) {
		const d = view.outlines.get(id);
		if (d) background.push(d);
	}
	const shapes: MapGeometry['shapes'] = [];
	for (const [code, id] of j.shapes) {
		const d = view.outlines.get(id);
		if (d) shapes.push({ code, d });
	}
	const dots: MapGeometry['dots'] = [];
	for (const [code, at] of j.dots) {
		const p = view.project(at);
		if (p) dots.push({ code, x: p[0], y: p[1] });
	}
	return { width: view.width, height: view.height, background: background.join(''), shapes, dots, unmapped: j.unmapped };
}

