import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as atom from '$lib/server/http/atom';
import * as origin from '$lib/server/http/origin';
import * as progress from '$lib/server/reviews/progress';
import { STAGE_LABELS, isStage } from '$lib/review/stages';

// A review's stage changes as an Atom feed, so those who take part are told without an e-mail
// server. Only the stages and their days, which the dashboard shows to anyone too.
export const GET: RequestHandler = async ({ params, locals }) => {
	const id = Number(params.id);
	const log = await progress.stageLog(locals.db, id);
	if (!log) error(404, `There is no review ${params.id}.`);
	const { review } = log;
	const page = `/reviews/${id}`;
	return atom.response(
		atom.document({
			origin: origin.configured(),
			self: `${page}/feed.atom`,
			alternate: page,
			title: `Review of ${review.stateName}, ${review.cycle} cluster ${review.cluster}: stages`,
			subtitle: 'Each stage the country review reaches, on the day it reaches it.',
			entries: log.reached.map((e) => {
				const label = isStage(e.stage) ? STAGE_LABELS[e.stage] : e.stage;
				// publication links to the page anyone may read
				const alternate = e.stage === 'published' ? `${page}/published` : page;
				return {
					id: atom.idOf(`${page}#audit-${e.entry}`),
					title: `Review of ${review.stateName}: ${label}`,
					updated: new Date(e.at).toISOString(),
					alternate,
					category: e.stage,
					summary: `The review of ${review.stateName} (${review.cycle}, cluster ${review.cluster}) reached “${label}”.`
				};
			})
		})
	);
};
