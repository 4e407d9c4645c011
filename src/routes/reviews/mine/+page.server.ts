import type { PageServerLoad } from './$types';
import { can, require } from '$lib/server/accounts/permissions';
import * as outbox from '$lib/server/mail/outbox';
import { personOf } from '$lib/server/reviews/reviews';
import { forPerson } from '$lib/server/reviews/tasks';
import { today } from '$lib/dates';

// What awaits the signed-in person in the reviews they take part in.
export const load = (async ({ locals, url }) => {
	const user = require(locals, url, 'reviews.take-part');
	const on = today();
	return {
		today: on,
		tasks: await forPerson(locals.db, personOf(user, locals.address), on),
		// the secretariat reads the e-mail the reviews wrote
		outbox: can(user, 'reviews.manage') ? await outbox.counts(locals.db) : null
	};
}) satisfies PageServerLoad;
