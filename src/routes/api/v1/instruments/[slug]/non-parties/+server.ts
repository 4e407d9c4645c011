import type { RequestHandler } from './$types';
import * as nonparties from '$lib/server/views/nonparties';
import { api, apiError, ok } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import * as schemas from '$lib/server/http/api-schemas';
import { m } from '$lib/paraglide/messages';

export const GET: RequestHandler = (event) =>
	api(async () => {
		const { slug, asOf, region, group } = routes.read(routes.listNonParties, event);
		const list = await nonparties.list(event.locals.db, { slug, asOf, region, group });
		if (!list) return routes.notFound(routes.listNonParties, 'slug', slug);
		const { region: unknownRegion, group: unknownGroup } = list.notFound;
		if (unknownRegion || unknownGroup) {
			const parts = [];
			if (unknownRegion) parts.push(m.api_unknown_region({ value: unknownRegion }));
			if (unknownGroup) parts.push(m.api_unknown_group({ value: unknownGroup }));
			return apiError(400, parts.join('; '));
		}
		return ok(schemas.NonParties, list);
	});
