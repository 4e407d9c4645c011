import type { PageServerLoad } from './$types';
import { actorOf } from '$lib/server/auth';
import { require } from '$lib/server/permissions';
import { forPerson } from '$lib/server/review/tasks';
import { today } from '$lib/dates';

// What awaits the signed-in person in the reviews they take part in.
export const load = (async ({ locals, url }) => {
	const user = require(locals, url, 'reviews.take-part');
	const on = today();
	return { today: on, tasks: await forPerson(locals.db, { actor: actorOf(user, locals.address), userId: user.id, role: user.role, participant: user.participant }, on) };
}) satisfies PageServerLoad;
