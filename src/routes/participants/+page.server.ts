import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => ({
	participants: await locals.db
		.selectFrom('participants')
		.select(['code', 'name', 'kind', 'region', 'subregion'])
		.orderBy('name')
		.execute()
})) satisfies PageServerLoad;
