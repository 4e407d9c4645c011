import type { PageServerLoad } from './$types';
import * as page from '$lib/server/http/page';
import * as policy from '$lib/server/views/policy';

export const load = (async ({ url, locals }) => {
	const { asOf, today } = page.asOf(url);
	return { asOf, today, events: await policy.list(locals.db, { asOf }) };
}) satisfies PageServerLoad;
