import type { RequestHandler } from './$types';
import * as nonparties from '$lib/server/nonparties';
import * as exports from '$lib/server/exports';
import * as query from '$lib/server/query';
import { api, apiError } from '$lib/server/api';

/**
 * The rows of the non-parties page with the same query. An unknown region or group is left
 * out, as on the page; the filename names the filters that were applied.
 */
export const GET: RequestHandler = ({ url, params, locals }) =>
	api(async () => {
		const list = await nonparties.list(locals.db, {
			slug: params.slug,
			asOf: query.asOf(url),
			region: url.searchParams.get('region'),
			group: url.searchParams.get('group')
		});
		if (!list) return apiError(404, `no instrument with slug "${params.slug}"`);
		return exports.download(await nonparties.csv(locals.db, list), { filename: nonparties.filename(list, 'csv'), type: 'csv' });
	});
