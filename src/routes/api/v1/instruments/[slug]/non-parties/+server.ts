import type { RequestHandler } from './$types';
import * as nonparties from '$lib/server/views/nonparties';
import { api, apiError, ok } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import * as schemas from '$lib/server/http/api-schemas';

export const GET: RequestHandler = (event) =>
	api(async () => {
		const { slug, asOf, region, group } = routes.read(routes.listNonParties, event);
		const list = await nonparties.list(event.locals.db, { slug, asOf, region, group });
		if (!list) return routes.notFound(routes.listNonParties, 'slug', slug);
		const { region: unknownRegion, group: unknownGroup } = list.notFound;
		if (unknownRegion || unknownGroup) {
			const parts = [];
			if (unknownRegion) parts.push(`unknown region "${unknownRegion}" (an M49 region or sub-region slug, e.g. europe, sub-saharan-africa)`);
			if (unknownGroup) parts.push(`unknown group "${unknownGroup}" (a UN regional group or organisation slug, e.g. weog, council-of-europe)`);
			return apiError(400, parts.join('; '));
		}
		return ok(schemas.NonParties, list);
	});
