import type { PageServerLoad } from './$types';
import { board } from '$lib/server/sources/freshness';
import { require } from '$lib/server/accounts/permissions';
import { today } from '$lib/dates';

// The secretariat's home page when signed in: which instrument's record to refresh first.
export const load = (async ({ locals, url }) => {
	require(locals, url, 'imports.run');
	const on = today();
	return { today: on, rows: await board(locals.db, on) };
}) satisfies PageServerLoad;
