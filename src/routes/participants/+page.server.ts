import type { PageServerLoad } from './$types';
import * as participants from '$lib/server/participants';

export const load = (async ({ locals }) => ({ participants: await participants.list(locals.db) })) satisfies PageServerLoad;
