import type { RequestHandler } from './$types';
import * as nonparties from '$lib/server/views/nonparties';
import * as exports from '$lib/server/views/exports';
import { api, apiError } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import { m } from '$lib/paraglide/messages';

/**
 * The rows of the non-parties page with the same query; the filename names the filters. A
 * download cannot show a warning the way the page does, so an unknown region or group is a 400.
 */
export const GET: RequestHandler = (event) =>
	api(async () => {
		const { slug, asOf, region, group } = routes.read(routes.exportNonPartiesCsv, event);
		const list = await nonparties.list(event.locals.db, { slug, asOf, region, group });
		if (!list) return routes.notFound(routes.exportNonPartiesCsv, 'slug', slug);
		const { region: badRegion, group: badGroup } = list.notFound;
		if (badRegion && badGroup) return apiError(400, m.instruments_csv_unknown_region_and_group({ region: badRegion, group: badGroup }));
		if (badRegion) return apiError(400, m.instruments_csv_unknown_region({ region: badRegion }));
		if (badGroup) return apiError(400, m.instruments_csv_unknown_group({ group: badGroup }));
		return exports.download(await nonparties.csv(event.locals.db, list), { filename: nonparties.filename(list, 'csv'), type: 'csv' });
	});
