import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as status from '$lib/server/status';
import * as groups from '$lib/server/groups';
import * as parity from '$lib/server/parity';
import * as page from '$lib/server/page';
import * as charts from '$lib/server/charts';

export const load = (async ({ url, params, locals }) => {
	if (params.code !== params.code.toUpperCase()) redirect(301, `/participants/${params.code.toUpperCase()}${url.search}`);
	const { asOf, today } = page.asOf(url);
	const found = await status.participant(locals.db, { code: params.code, asOf });
	if (!found) error(404, `There is no participant with the code "${params.code}".`);
	return {
		asOf,
		today,
		participant: found.participant,
		instruments: found.instruments,
		groups: await groups.ofParticipant(locals.db, { code: params.code, asOf }),
		events: await status.events(locals.db, { code: params.code }),
		parity: await parity.forParticipant(locals.db, { code: params.code, asOf }),
		timeline: await charts.timeline(locals.db, { code: params.code, asOf })
	};
}) satisfies PageServerLoad;
