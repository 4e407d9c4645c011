import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';
import * as maps from '$lib/server/views/map';
import * as mapQuery from '$lib/server/http/map-query';
import * as page from '$lib/server/http/page';
import { quote } from '$lib/server/text/query';

export const load = (async ({ url, params, locals }) => {
	const { asOf, today } = page.asOf(url);
	const group = await mapQuery.group(locals.db, url, params.slug);
	const model = await maps.model(locals.db, { slug: params.slug, group });
	if (!model) error(404, m.maps_error_no_instrument({ slug: quote(params.slug) }));
	const list = mapQuery.list(url);
	// The list of who has not joined comes with the map that picks them out, unless asked otherwise.
	const mode = mapQuery.highlight(url, list ? 'not-joined' : 'status');
	// The credit links to the same view on the site, without the embed's own layout parameters.
	const search = new URLSearchParams(url.search);
	for (const p of ['list', 'height']) search.delete(p);
	const credit = search.size ? `?${search}` : '';
	return { asOf, today, model, list, mode, height: mapQuery.height(url), credit };
}) satisfies PageServerLoad;
