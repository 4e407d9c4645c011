import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as status from '$lib/server/status';
import * as parity from '$lib/server/parity';
import * as page from '$lib/server/page';
import * as charts from '$lib/server/charts';

export const load = (async ({ url, params, locals }) => {
	if (params.code !== params.code.toUpperCase()) redirect(301, `/participants/${params.code.toUpperCase()}${url.search}`);
	const { asOf, today } = page.asOf(url);
	const found = await status.participant(locals.db, { code: params.code, asOf });
	if (!found) error(404, `There is no participant with the code "${params.code}".`);
	// Parity is computed over the participant's groups on the date; the page lists the same groups.
	const standing = await parity.forParticipant(locals.db, { code: params.code, asOf, peers: url.searchParams.get('peers') });
	return {
		asOf,
		today,
		participant: found.participant,
		instruments: found.instruments,
		groups: standing.groups.map(({ slug, name, kind }) => ({ slug, name, kind })),
		events: await status.events(locals.db, { code: params.code }),
		parity: standing,
		timeline: await charts.timeline(locals.db, { code: params.code, asOf })
	};
}) satisfies PageServerLoad;
