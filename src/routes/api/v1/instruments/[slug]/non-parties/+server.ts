import type { RequestHandler } from './$types';
import * as nonparties from '$lib/server/views/nonparties';
import * as query from '$lib/server/text/query';
import { api, apiError, ok } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';

export const GET: RequestHandler = ({ url, params, locals }) =>
	api(async () => {
		const asOf = query.asOf(url);
		const list = await nonparties.list(locals.db, {
			slug: params.slug,
			asOf,
			region: url.searchParams.get('region'),
			group: url.searchParams.get('group')
		});
		if (!list) return apiError(404, `no instrument with slug "${query.quote(params.slug)}"; see /api/v1/instruments`);
		const { region, group } = list.notFound;
		if (region || group) {
			const parts = [];
			if (region) parts.push(`unknown region "${region}" (an M49 region or sub-region slug, e.g. europe, sub-saharan-africa)`);
			if (group) parts.push(`unknown group "${group}" (a UN regional group or organisation slug, e.g. weog, council-of-europe)`);
			return apiError(400, parts.join('; '));
		}
		return ok(schemas.NonParties, list);
	});
