import type { PageServerLoad } from './$types';
import * as status from '$lib/server/record/status';
import * as page from '$lib/server/http/page';
import * as changes from '$lib/server/record/changes';
import * as maps from '$lib/server/views/map';

export const load = (async ({ url, locals }) => {
	const { asOf, today } = page.asOf(url);
	return {
		asOf,
		today,
		instruments: await status.instruments(locals.db, { asOf }),
		recent: await changes.recent(locals.db, { until: asOf, limit: 10 }),
		map: await maps.model(locals.db, { slug: 'trafficking-protocol' })
	};
}) satisfies PageServerLoad;
