import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';
import * as maps from '$lib/server/views/map';
import * as mapQuery from '$lib/server/http/map-query';
import * as groups from '$lib/server/record/groups';
import * as page from '$lib/server/http/page';
import * as records from '$lib/server/record/record';
import * as status from '$lib/server/record/status';
import { quote } from '$lib/server/text/query';

export const load = (async ({ url, params, locals }) => {
	const { asOf, today } = page.asOf(url);
	const group = await mapQuery.group(locals.db, url, params.slug);
	const model = await maps.model(locals.db, { slug: params.slug, group });
	if (!model) error(404, m.maps_error_no_instrument({ slug: quote(params.slug) }));
	const ir = (await records.get(locals.db)).instruments.get(params.slug)!;
	// every published total, oldest first: the page picks the one for the date the slider shows
	const published = ir.published.map((p) => status.compare(ir, p));
	// A regional treaty's map is framed to its region unless the reader asked for another view.
	const region = await maps.defaultGroup(locals.db, params.slug);
	return { asOf, today, model, published, region, mode: mapQuery.highlight(url), groups: await groups.list(locals.db) };
}) satisfies PageServerLoad;
