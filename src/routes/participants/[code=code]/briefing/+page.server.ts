import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as briefing from '$lib/server/views/briefing';
import * as page from '$lib/server/http/page';
import { quote } from '$lib/server/text/query';
import { m } from '$lib/paraglide/messages';

export const load = (async ({ url, params, locals }) => {
	const { asOf, today } = page.asOf(url);
	const b = await briefing.forParticipant(locals.db, { code: params.code.toUpperCase(), asOf });
	if (!b) error(404, m.states_error_no_participant({ code: quote(params.code) }));
	return { asOf, today, briefing: b };
}) satisfies PageServerLoad;
