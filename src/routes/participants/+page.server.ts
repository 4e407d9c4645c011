import type { PageServerLoad } from './$types';
import * as participants from '$lib/server/record/participants';
import * as page from '$lib/server/http/page';

export const load = (async ({ url, locals }) => {
	// The list is not dated, but a malformed asOf is refused here as on every page, not ignored.
	page.asOf(url);
	// A search by name, another name or ISO code: a plain GET form, so it works without JavaScript.
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const all = await participants.list(locals.db);
	return { q, total: all.length, participants: q ? await participants.search(locals.db, q) : all };
}) satisfies PageServerLoad;
