import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => ({
	sources: await locals.db.selectFrom('sources').selectAll().orderBy('id').execute()
})) satisfies PageServerLoad;
