import type { PageServerLoad } from './$types';
import * as participants from '$lib/server/record/participants';
import * as page from '$lib/server/http/page';

export const load = (async ({ url, locals }) => {
	// The list is not dated, but a malformed asOf is refused here as on every page, not ignored.
	page.asOf(url);
	return { participants: await participants.list(locals.db) };
}) satisfies PageServerLoad;
