import type { RequestHandler } from './$types';
import * as nonparties from '$lib/server/views/nonparties';
import * as exports from '$lib/server/views/exports';
import { api, apiError } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';

/**
 * The rows of the non-parties page with the same query; the filename names the filters. A
 * download cannot show a warning the way the page does, so an unknown region or group is a 400.
 */
export const GET: RequestHandler = (event) =>
	api(async () => {
		const { slug, asOf, region, group } = routes.read(routes.exportNonPartiesCsv, event);
		const list = await nonparties.list(event.locals.db, { slug, asOf, region, group });
		if (!list) return routes.notFound(routes.exportNonPartiesCsv, 'slug', slug);
		const bad = [
			list.notFound.region && `unknown region "${list.notFound.region}"`,
			list.notFound.group && `unknown group "${list.notFound.group}"`
		].filter(Boolean);
		if (bad.length) return apiError(400, bad.join('; '));
		return exports.download(await nonparties.csv(event.locals.db, list), { filename: nonparties.filename(list, 'csv'), type: 'csv' });
	});
