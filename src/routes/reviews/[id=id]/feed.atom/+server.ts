import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as atom from '$lib/server/http/atom';
import * as origin from '$lib/server/http/origin';
import { STAGE_LABELS, isStage } from '$lib/review/stages';

// A review's stage changes as an Atom feed, so those who take part are told without an e-mail
// server. Only the stages and their days, which the dashboard shows to anyone too.
export const GET: RequestHandler = async ({ params, locals }) => {
	const id = Number(params.id);
	const review = await locals.db
		.selectFrom('reviews')
		.innerJoin('participants', 'participants.code', 'reviews.state_code')
		.select(['reviews.id', 'reviews.cycle_id', 'reviews.cluster_n', 'participants.name'])
		.where('reviews.id', '=', id)
		.executeTakeFirst();
	if (!review) error(404, `There is no review ${params.id}.`);
	const entries = await locals.db
		.selectFrom('audit_log')
		.select(['id', 'at', 'action', 'after'])
		.where('entity', '=', 'review')
		.where('entity_id', '=', String(id))
		.where('action', 'in', ['launch', 'move'])
		.orderBy('id', 'desc')
		.limit(100)
		.execute();
	const page = `/reviews/${id}`;
	return atom.response(
		atom.document({
			origin: origin.configured(),
			self: `${page}/feed.atom`,
			alternate: page,
			title: `Review of ${review.name}, ${review.cycle_id} cluster ${review.cluster_n}: stages`,
			subtitle: 'Each stage the country review reaches, on the day it reaches it.',
			entries: entries.map((e) => {
				const after = JSON.parse(e.after ?? '{}') as { stage?: string };
				const stage = e.action === 'launch' ? 'launched' : after.stage ?? '';
				const label = isStage(stage) ? STAGE_LABELS[stage] : stage;
				return {
					id: atom.idOf(`${page}#audit-${e.id}`),
					title: `Review of ${review.name}: ${label}`,
					updated: new Date(e.at).toISOString(),
					alternate: page,
					category: stage,
					summary: `The review of ${review.name} (${review.cycle_id}, cluster ${review.cluster_n}) reached “${label}”.`
				};
			})
		})
	);
};
