import type { PageServerLoad } from './$types';
import * as page from '$lib/server/http/page';
import * as config from '$lib/server/reviews/config';
import * as dashboard from '$lib/server/reviews/dashboard';
import { can } from '$lib/server/accounts/permissions';

// Every country review, by cycle, stage and start group, the overdue first. Public: what stage
// each review is at, never what is said in it.
export const load = (async ({ url, locals }) => {
	const { asOf, today } = page.asOf(url);
	const filters = {
		group: url.searchParams.get('group')?.slice(0, 60) || undefined,
		instrument: url.searchParams.get('instrument')?.slice(0, 60) || undefined,
		stage: url.searchParams.get('stage')?.slice(0, 40) || undefined
	};
	const mechanisms = await config.mechanisms(locals.db);
	return {
		asOf,
		today,
		dated: url.searchParams.has('asOf'),
		mechanisms: mechanisms.map((m) => ({ id: m.id, title: m.title, shortTitle: m.shortTitle, instruments: m.instruments, established: m.established, launched: m.launched, progress: m.progress, existed: config.existedOn(m, asOf), sourceId: m.sourceId })),
		// a row links to the review for those who may read it
		boards: await dashboard.board(locals.db, { today, person: locals.user, filters }),
		filters,
		groups: await dashboard.regionalGroups(locals.db),
		secretariat: can(locals.user, 'reviews.manage')
	};
}) satisfies PageServerLoad;
