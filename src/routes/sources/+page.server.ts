import type { PageServerLoad } from './$types';
import * as records from '$lib/server/record';

export const load = (async ({ locals }) => {
	const record = await records.get(locals.db);
	return {
		sources: await locals.db.selectFrom('sources').selectAll().orderBy('id').execute(),
		titles: Object.fromEntries([...record.instruments].map(([slug, ir]) => [slug, ir.instrument.short_title])),
		warnings: record.warnings.map((w) => ({
			...w,
			instrumentTitle: record.instruments.get(w.instrument)?.instrument.short_title ?? w.instrument,
			participantName: w.participant ? (record.participants.get(w.participant)?.name ?? w.participant) : null
		}))
	};
}) satisfies PageServerLoad;
