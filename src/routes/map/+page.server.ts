import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as status from '$lib/server/record/status';
import * as page from '$lib/server/http/page';
import { match as isSlug } from '../../params/slug';
import { l } from '$lib/i18n';

export const load = (async ({ url, locals }) => {
	const { asOf, today } = page.asOf(url);
	// The picker is a plain GET form: /map?instrument=untoc goes to /map/untoc.
	const picked = url.searchParams.get('instrument');
	if (picked && isSlug(picked)) {
		redirect(303, l(`/map/${picked}${asOf === today ? '' : `?asOf=${asOf}`}`));
	}
	return { asOf, today, instruments: await status.instruments(locals.db, { asOf }) };
}) satisfies PageServerLoad;
