// A map's query parameters as a request asks for them: an unknown group is a 400 that says what
// is wrong (a typo in a shared link should say so, not show the world).
import { error } from '@sveltejs/kit';
import type { Db } from '../db';
import * as maps from '../views/map/model';
import { quote } from '../text/query';

/**
 * The `group` query parameter: `world` for the whole world; absent, the instrument's own region
 * (a regional treaty) or the world; a 400 naming the group when there is no such group.
 */
export async function group(db: Db, url: URL, slug?: string): Promise<maps.GroupRef | null> {
	const asked = url.searchParams.get('group');
	if (!asked) return slug ? maps.defaultGroup(db, slug) : null;
	const found = await maps.group(db, asked);
	if (found === undefined) {
		error(400, `There is no group "${quote(asked)}". Groups are named like council-of-europe, european-union, african-union, asean, europe or western-europe; "world" is the whole world.`);
	}
	return found;
}
