// Which participant is drawn how. Every participant appears exactly once: as its outline in
// the 1:110m atlas, else as a dot where the 1:50m atlas (or a curated capital) puts it, else
// in a list under the map (the European Union, and anything without an ISO numeric code).
// Atlas outlines that are no participant's (territories, Antarctica, Western Sahara, Taiwan,
// Kosovo, shapes without an id) stay in the background, without a status.

export interface JoinParticipant {
	code: string;
	/** ISO 3166-1 numeric, zero-padded like the atlas ids ("004"); null when it has none. */
	numeric: string | null;
}

export interface AtlasIndex {
	/** The ids of the outlines the map draws (1:110m). */
	shapeIds: ReadonlySet<string>;
	/** [lon, lat] for the ids drawn as dots (1:50m centroids and curated capitals). */
	locations: ReadonlyMap<string, readonly [number, number]>;
}

export interface Join {
	/** participant code → atlas id of its outline */
	shapes: Map<string, string>;
	/** participant code → [lon, lat] */
	dots: Map<string, readonly [number, number]>;
	/** participants that are no place on the map, in the order given */
	unmapped: string[];
	/** atlas ids drawn without a status */
	background: Set<string>;
}

export function join(participants: Iterable<JoinParticipant>, atlas: AtlasIndex): Join {
	const out: Join = { shapes: new Map(), dots: new Map(), unmapped: [], background: new Set(atlas.shapeIds) };
	const taken = new Map<string, string>();
	for (const p of participants) {
		const id = p.numeric;
		// Two participants on one outline would colour it twice: the second is listed instead.
		const free = id !== null && !taken.has(id);
		if (free && atlas.shapeIds.has(id)) {
			out.shapes.set(p.code, id);
			out.background.delete(id);
			taken.set(id, p.code);
		} else if (free && atlas.locations.has(id)) {
			out.dots.set(p.code, atlas.locations.get(id)!);
			taken.set(id, p.code);
		} else {
			out.unmapped.push(p.code);
		}
	}
	return out;
}
