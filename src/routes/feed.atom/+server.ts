import type { RequestHandler } from './$types';
import * as changes from '$lib/server/record/changes';
import * as atom from '$lib/server/http/atom';
import * as origin from '$lib/server/http/origin';
import { api } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';

/** The 100 newest participation events of every instrument. */
export const GET: RequestHandler = (event) =>
	api(async () => {
		routes.read(routes.getFeed, event);
		return atom.response(
			atom.feed({
				origin: origin.configured(),
				self: '/feed.atom',
				alternate: '/',
				title: 'Treaty Tracker: signatures, ratifications and accessions',
				subtitle: 'The newest participation events in the instruments against trafficking in persons, as recorded by their depositaries.',
				changes: await changes.recent(event.locals.db, { limit: 100 })
			})
		);
	});
