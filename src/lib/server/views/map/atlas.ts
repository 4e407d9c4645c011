// The world atlas (world-atlas 1:110m outlines, and the places of the States too small to draw
// taken from the 1:50m file), read once for the life of the server, and the participants joined
// to it once per revision of the record.
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { geoCentroid } from 'd3-geo';
import type { TreatyRecord } from '../../record/record';
import { join, type AtlasIndex, type Join } from '../../../map/join';
import { CURATED_LOCATIONS } from '../../../map/locations';
import { largestPart, round } from './geo';

/** Antarctica would take a sixth of a world map and has no State. */
const ANTARCTICA = '010';

export interface Atlas {
	/** 1:110m outlines without Antarctica; some have no id (Somaliland, N. Cyprus, Kosovo). */
	features: Feature<Polygon | MultiPolygon, { name: string }>[];
	index: AtlasIndex;
}

let atlas: Atlas | undefined;

export function loadAtlas(): Atlas {
	if (atlas) return atlas;
	// Read at run time from the package: bundling 0.9 MB of JSON into the server gains nothing.
	const require = createRequire(import.meta.url);
	const small = require('world-atlas/countries-110m.json') as Topology;
	const medium = require('world-atlas/countries-50m.json') as Topology;
	const fc = feature(small, small.objects.countries as GeometryCollection<{ name: string }>) as FeatureCollection<
		Polygon | MultiPolygon,
		{ name: string }
	>;
	const features = fc.features.filter((f) => f.id !== ANTARCTICA);
	const shapeIds = new Set(features.map((f) => f.id).filter((id): id is string => typeof id === 'string'));
	const locations = new Map<string, readonly [number, number]>();
	for (const g of (medium.objects.countries as GeometryCollection<{ name: string }>).geometries) {
		if (typeof g.id !== 'string' || shapeIds.has(g.id)) continue;
		const f = feature(medium, g) as Feature<Polygon | MultiPolygon>;
		const [lon, lat] = geoCentroid(largestPart(f.geometry));
		locations.set(g.id, [round(lon, 2), round(lat, 2)]);
	}
	for (const [id, at] of Object.entries(CURATED_LOCATIONS)) if (!locations.has(id)) locations.set(id, at);
	atlas = { features, index: { shapeIds, locations } };
	return atlas;
}

/** The atlas ids drawn as outlines and the places of the dots (for the join and its tests). */
export function atlasIndex(): AtlasIndex {
	return loadAtlas().index;
}

// ——— joining participants to the atlas ———

const joins = new WeakMap<TreatyRecord, Join>();

export function joinOf(record: TreatyRecord): Join {
	let j = joins.get(record);
	if (!j) {
		j = join(record.participants.values(), loadAtlas().index);
		joins.set(record, j);
	}
	return j;
}

