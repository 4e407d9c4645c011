import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as maps from '$lib/server/views/map';
import * as mapQuery from '$lib/server/http/map-query';
import * as page from '$lib/server/http/page';
import { quote } from '$lib/server/text/query';

export const load = (async ({ url, params, locals }) => {
	const { asOf, today } = page.asOf(url);
	const group = await mapQuery.group(locals.db, url, params.slug);
	const model = await maps.model(locals.db, { slug: params.slug, group });
	if (!model) error(404, `There is no instrument "${quote(params.slug)}".`);
	return { asOf, today, model, search: url.search };
}) satisfies PageServerLoad;
