import type { RequestHandler } from './$types';
import * as changes from '$lib/server/changes';
import * as atom from '$lib/server/atom';

/** The 100 newest participation events of every instrument. */
export const GET: RequestHandler = async ({ url, locals }) =>
	atom.response(
		atom.feed({
			origin: url.origin,
			self: `${url.origin}/feed.atom`,
			alternate: `${url.origin}/`,
			title: 'Treaty Tracker: signatures, ratifications and accessions',
			subtitle: 'The newest participation events in the instruments against trafficking in persons, as recorded by their depositaries.',
			changes: await changes.recent(locals.db, { limit: 100 })
		})
	);
