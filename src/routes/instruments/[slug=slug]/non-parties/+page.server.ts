import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as nonparties from '$lib/server/views/nonparties';
import * as page from '$lib/server/http/page';
import { quote } from '$lib/server/text/query';
import { m } from '$lib/paraglide/messages';

export const load = (async ({ url, params, locals }) => {
	const { asOf, today } = page.asOf(url);
	const list = await nonparties.list(locals.db, {
		slug: params.slug,
		asOf,
		region: url.searchParams.get('region'),
		group: url.searchParams.get('group')
	});
	if (!list) error(404, m.instruments_not_found({ slug: quote(params.slug) }));
	return { asOf, today, list: nonparties.named(list), options: nonparties.namedFilters(await nonparties.filters(locals.db)) };
}) satisfies PageServerLoad;
