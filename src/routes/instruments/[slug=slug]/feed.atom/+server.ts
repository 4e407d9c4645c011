import type { RequestHandler } from './$types';
import * as records from '$lib/server/record/record';
import * as changes from '$lib/server/record/changes';
import * as atom from '$lib/server/http/atom';
import * as origin from '$lib/server/http/origin';
import { api, apiError } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import { quote } from '$lib/server/text/query';

/** The 100 newest participation events of one instrument. */
export const GET: RequestHandler = (event) =>
	api(async () => {
		const { slug } = routes.read(routes.getInstrumentFeed, event);
		const ir = (await records.get(event.locals.db)).instruments.get(slug);
		if (!ir) return apiError(404, `There is no instrument "${quote(slug)}".`);
		const page = `/instruments/${slug}`;
		return atom.response(
			atom.feed({
				origin: origin.configured(),
				self: `${page}/feed.atom`,
				alternate: page,
				title: `Treaty Tracker: ${ir.instrument.short_title}`,
				subtitle: `Signatures, ratifications and accessions: ${ir.instrument.title}.`,
				changes: await changes.recent(event.locals.db, { slug, limit: 100 })
			})
		);
	});
