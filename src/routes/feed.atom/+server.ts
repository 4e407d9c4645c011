import type { RequestHandler } from './$types';
import * as changes from '$lib/server/record/changes';
import * as atom from '$lib/server/http/atom';
import * as origin from '$lib/server/http/origin';
import { api } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import { m } from '$lib/paraglide/messages';
import { l } from '$lib/i18n';

/** The 100 newest participation events of every instrument. */
export const GET: RequestHandler = (event) =>
	api(async () => {
		routes.read(routes.getFeed, event);
		return atom.response(
			atom.feed({
				origin: origin.configured(),
				self: l('/feed.atom'),
				alternate: l('/'),
				title: m.api_feed_title(),
				subtitle: m.api_feed_subtitle(),
				changes: await changes.recent(event.locals.db, { limit: 100 })
			})
		);
	});
