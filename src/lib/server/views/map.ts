// Status maps: world-atlas outlines projected once per view (the world, or one group fitted
// to its members) and cached for the life of the server, joined to the participants, plus
// the status changes that let a map be drawn as of any date.
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import {
	geoArea,
	geoAzimuthalEqualArea,
	geoBounds,
	geoCentroid,
	geoCircle,
	geoDistance,
	geoEqualEarth,
	geoPath,
	type GeoProjection
} from 'd3-geo';
import { error } from '@sveltejs/kit';
import type { Db } from '../db';
import * as groups from '../record/groups';
import type { Status } from '../../status';
import { quote } from '../text/query';
import * as records from '../record/record';
import * as eligibility from '../record/eligibility';
import { statusOn } from '../record/status';
import type { InstrumentRecord, TreatyRecord } from '../record/record';
import { CompactPath } from '../../map/path';
import { join, type AtlasIndex, type Join } from '../../map/join';
import { CURATED_LOCATIONS } from '../../map/locations';
import type { MapGeometry, MapGroup, MapModel, MapParticipant } from '../../map/model';
import type { Change, Interval } from '../../map/timeline';
import { today } from '../../dates';

/** The map's width in viewBox units; its height follows from what it shows. */
export const WIDTH = 960;
const PAD = 6;
/** Antarctica would take a sixth of a world map and has no State. */
const ANTARCTICA = '010';
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

interface Atlas {
	/** 1:110m outlines without Antarctica; some have no id (Somaliland, N. Cyprus, Kosovo). */
	features: Feature<Polygon | MultiPolygon, { name: string }>[];
	index: AtlasIndex;
}

let atlas: Atlas | undefined;

function loadAtlas(): Atlas {
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

/** Warms the caches at server start, so the first map request is as fast as the rest. */
export async function warm(db: Db): Promise<void> {
	worldView();
	joinOf(await records.get(db));
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

// ——— projected views ———

interface View {
	width: number;
	height: number;
	background: string;
	/** atlas id → compact path ('' when outside the view) */
	outlines: Map<string, string>;
	project: (lonLat: readonly [number, number]) => [number, number] | null;
}

let world: View | undefined;

function worldView(): View {
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

function groupView(record: TreatyRecord, group: string): View {
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
function geometry(record: TreatyRecord, view: View): MapGeometry {
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

// ——— statuses through time ———

const changeCache = new WeakMap<InstrumentRecord, Record<string, Change[]>>();

/**
 * Every participant's status changes for one instrument. statusOn only compares the date
 * asked about with the dates of events and of their entry into force, so evaluating it on
 * each of those dates finds every change.
 */
export function changes(ir: InstrumentRecord): Record<string, Change[]> {
	let out = changeCache.get(ir);
	if (out) return out;
	out = {};
	for (const [code, t] of ir.timelines) {
		const dates = new Set<string>();
		for (const e of t.events) {
			if (e.known) dates.add(e.known);
			if (e.entryIntoForceBy) dates.add(e.entryIntoForceBy);
		}
		let last: Status = 'none';
		const list: Change[] = [];
		for (const d of [...dates].sort()) {
			const s = statusOn(ir, t, d).status;
			if (s !== last) list.push([d, s]);
			last = s;
		}
		if (list.length) out[code] = list;
	}
	changeCache.set(ir, out);
	return out;
}

export function memberships(record: TreatyRecord, group: string): Record<string, Interval[]> {
	const out: Record<string, Interval[]> = {};
	for (const m of record.memberships.get(group) ?? []) (out[m.code] ??= []).push([m.joined, m.left]);
	return out;
}

/** The cumulative number of parties and of those in force, at each date either changes. */
export function cumulative(ir: InstrumentRecord): { date: string; parties: number; inForce: number }[] {
	const deltas = new Map<string, { parties: number; inForce: number }>();
	for (const list of Object.values(changes(ir))) {
		let prev: Status = 'none';
		for (const [date, s] of list) {
			const d = deltas.get(date) ?? { parties: 0, inForce: 0 };
			d.parties += isParty(s) - isParty(prev);
			d.inForce += Number(s === 'party') - Number(prev === 'party');
			deltas.set(date, d);
			prev = s;
		}
	}
	let parties = 0;
	let inForce = 0;
	const out: { date: string; parties: number; inForce: number }[] = [];
	for (const date of [...deltas.keys()].sort()) {
		const d = deltas.get(date)!;
		if (d.parties === 0 && d.inForce === 0) continue;
		parties += d.parties;
		inForce += d.inForce;
		out.push({ date, parties, inForce });
	}
	return out;
}

function isParty(s: Status): number {
	return s === 'pending' || s === 'party' ? 1 : 0;
}

// ——— the map of one instrument ———

export type GroupRef = MapGroup;

/**
 * The region a regional treaty's map is framed to by default: the one group whose members may
 * join it (CETS 197: the Council of Europe; ACTIP: ASEAN). Null for a treaty open to every
 * State, to the members of a worldwide organisation, or to the members of several groups.
 */
export async function defaultGroup(db: Db, slug: string): Promise<GroupRef | null> {
	const ir = (await records.get(db)).instruments.get(slug);
	const open = ir?.openToGroups ?? [];
	if (open.length !== 1 || groups.WORLDWIDE.has(open[0])) return null;
	const found = (await groups.list(db)).find((g) => g.slug === open[0]);
	return found ? { slug: found.slug, name: found.name, kind: found.kind } : null;
}

/**
 * The `group` query parameter: `world` for the whole world; absent, the instrument's own region
 * (a regional treaty) or the world; a 400 page naming the group when there is no such group (a
 * typo in a shared link should say what is wrong, not show the world).
 */
export async function groupOf(db: Db, url: URL, slug?: string): Promise<GroupRef | null> {
	const asked = url.searchParams.get('group');
	if (asked === 'world') return null;
	if (!asked) return slug ? defaultGroup(db, slug) : null;
	const all = await groups.list(db);
	const found = all.find((g) => g.slug === asked);
	if (!found) {
		error(400, `There is no group "${quote(asked)}". Groups are named like council-of-europe, european-union, african-union, asean, europe or western-europe; "world" is the whole world.`);
	}
	return { slug: found.slug, name: found.name, kind: found.kind };
}

/** A map of an instrument, of the world or fitted to a group; null when there is no such instrument. */
export async function model(db: Db, opts: { slug: string; group?: GroupRef | null }): Promise<MapModel | null> {
	const record = await records.get(db);
	const ir = record.instruments.get(opts.slug);
	if (!ir) return null;
	const group = opts.group ?? null;
	const i = ir.instrument;
	return {
		instrument: {
			slug: i.slug,
			shortTitle: i.short_title,
			title: i.title,
			kind: i.kind,
			adopted: i.adopted,
			entryIntoForce: ir.entryIntoForce,
			dataAsOf: ir.source?.recorded_on ?? null,
			dataStatus: ir.dataStatus
		},
		group,
		participants: participants(record, ir),
		geometry: geometry(record, group ? groupView(record, group.slug) : worldView()),
		changes: changes(ir),
		members: group ? memberships(record, group.slug) : null,
		today: today()
	};
}

/**
 * Every participant by name, with from when it exists and when it may join the instrument
 * (shipped: the browser redraws any date).
 */
function participants(record: TreatyRecord, ir: InstrumentRecord): MapParticipant[] {
	const open = openTo(record, ir);
	return [...record.participants.values()]
		.map((p) => {
			const out: MapParticipant = { code: p.code, name: p.name };
			const from = record.existsFrom.get(p.code);
			const label = records.existenceLabel(record, p.code);
			if (from && label) out.exists = { from, label };
			const intervals = open.get(p.code);
			if (intervals) out.open = intervals;
			return out;
		})
		.sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** When each participant may join the instrument, for those that may not whenever they exist. */
function openTo(record: TreatyRecord, ir: InstrumentRecord): Map<string, Interval[]> {
	const out = new Map<string, Interval[]>();
	for (const p of record.participants.values()) {
		const periods = eligibility.periods(record, ir, p.code);
		if (periods) out.set(p.code, periods);
	}
	return out;
}

// ——— geometry helpers ———

/** The parts of a country that frame it: French Guiana does not make France South American. */
function mainParts(g: Polygon | MultiPolygon): MultiPolygon {
	const polys: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
	const areas = polys.map((p) => geoArea({ type: 'Polygon', coordinates: p }));
	const max = Math.max(...areas);
	return { type: 'MultiPolygon', coordinates: polys.filter((_, i) => areas[i] >= max / 4) };
}

function largestPart(g: Polygon | MultiPolygon): Polygon {
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
function extent(parts: Feature[]): { west: number; east: number; south: number; north: number; span: number } {
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
function box([[w, s], [e, n]]: [[number, number], [number, number]]): Geometry {
	const points: Position[] = [];
	for (let k = 0; k <= 8; k++) {
		const lon = w + ((e - w) * k) / 8;
		const lat = s + ((n - s) * k) / 8;
		points.push([lon, s], [lon, n], [w, lat], [e, lat]);
	}
	return { type: 'MultiPoint', coordinates: points };
}

function normalise(lon: number): number {
	return ((((lon + 180) % 360) + 360) % 360) - 180;
}

function round(n: number, digits: number): number {
	const k = 10 ** digits;
	return Math.round(n * k) / k;
}
