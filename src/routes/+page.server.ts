import type { PageServerLoad } from './$types';
import * as status from '$lib/server/status';
import * as page from '$lib/server/page';

export const load = (async ({ url, locals }) => {
	const { asOf, today } = page.asOf(url);
	return { asOf, today, instruments: await status.instruments(locals.db, { asOf }) };
}) satisfies PageServerLoad;
