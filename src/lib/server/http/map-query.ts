// A map's query parameters as a request asks for them (group, highlight, and the embed's list and
// height): an unknown value is a 400 that says what is wrong (a typo in a shared link should say
// so, not show the world).
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';
import * as maps from '../views/map/model';
import { quote } from '../text/query';
import { MAP_MODES, type MapMode } from '../../map/palette';

/**
 * The `group` query parameter: `world` for the whole world; absent, the instrument's own region
 * (a regional treaty) or the world; a 400 naming the group when there is no such group.
 */
export async function group(db: Db, url: URL, slug?: string): Promise<maps.GroupRef | null> {
	const asked = url.searchParams.get('group');
	if (!asked) return slug ? maps.defaultGroup(db, slug) : null;
	const found = await maps.group(db, asked);
	if (found === undefined) {
		error(400, m.maps_error_no_group({ group: quote(asked) }));
	}
	return found;
}

/**
 * The `highlight` query parameter: `not-joined` picks out who has not joined (strong colours for
 * them, one pale colour for the rest), `status` colours each status; absent, `fallback`.
 */
export function highlight(url: URL, fallback: MapMode = 'status'): MapMode {
	const asked = url.searchParams.get('highlight');
	if (!asked) return fallback;
	if (!(MAP_MODES as readonly string[]).includes(asked)) {
		error(400, m.maps_error_no_highlight({ highlight: quote(asked) }));
	}
	return asked as MapMode;
}

/** The embed's `list` query parameter: `not-joined` lists who has not joined under the map. */
export function list(url: URL): 'not-joined' | null {
	const asked = url.searchParams.get('list');
	if (!asked) return null;
	if (asked !== 'not-joined') error(400, m.maps_error_no_list({ list: quote(asked) }));
	return asked;
}

/** The embed's `height` query parameter: the frame's height in CSS pixels (120 to 4000), or null. */
export function height(url: URL): number | null {
	const asked = url.searchParams.get('height');
	if (!asked) return null;
	const n = Number(asked);
	if (!/^\d+$/.test(asked) || n < 120 || n > 4000) error(400, m.maps_error_height({ height: quote(asked) }));
	return n;
}
