import type { RequestHandler } from './$types';
import * as nonparties from '$lib/server/views/nonparties';
import * as exports from '$lib/server/views/exports';
import * as query from '$lib/server/text/query';
import { api, apiError } from '$lib/server/http/api';

/**
 * The rows of the non-parties page with the same query; the filename names the filters. A
 * download cannot show a warning the way the page does, so an unknown region or group is a 400.
 */
export const GET: RequestHandler = ({ url, params, locals }) =>
	api(async () => {
		const list = await nonparties.list(locals.db, {
			slug: params.slug,
			asOf: query.asOf(url),
			region: url.searchParams.get('region'),
			group: url.searchParams.get('group')
		});
		if (!list) return apiError(404, `no instrument with slug "${query.quote(params.slug)}"`);
		const bad = [
			list.notFound.region && `unknown region "${list.notFound.region}"`,
			list.notFound.group && `unknown group "${list.notFound.group}"`
		].filter(Boolean);
		if (bad.length) return apiError(400, bad.join('; '));
		return exports.download(await nonparties.csv(locals.db, list), { filename: nonparties.filename(list, 'csv'), type: 'csv' });
	});
