import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as atom from '$lib/server/http/atom';
import * as origin from '$lib/server/http/origin';
import * as progress from '$lib/server/reviews/progress';
import { stageLabel, isStage } from '$lib/review/stages';
import { l, stateName } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

// A review's stage changes as an Atom feed, so those who take part are told without an e-mail
// server. Only the stages and their days, which the dashboard shows to anyone too.
export const GET: RequestHandler = async ({ params, locals }) => {
	const id = Number(params.id);
	const log = await progress.stageLog(locals.db, id);
	if (!log) error(404, m.reviews_error_no_review({ id: params.id }));
	const { review } = log;
	const state = stateName(review.state, review.stateName);
	const values = { state, cycle: review.cycle, cluster: String(review.cluster) };
	const page = `/reviews/${id}`;
	return atom.response(
		atom.document({
			origin: origin.configured(),
			self: l(`${page}/feed.atom`),
			alternate: l(page),
			title: m.reviews_feed_stages_title(values),
			subtitle: m.reviews_feed_stages_subtitle(),
			entries: log.reached.map((e) => {
				const stage = isStage(e.stage) ? stageLabel(e.stage) : e.stage;
				// publication links to the page anyone may read
				const alternate = e.stage === 'published' ? `${page}/published` : page;
				return {
					id: atom.idOf(`${page}#audit-${e.entry}`),
					title: m.reviews_feed_stage_entry_title({ state, stage }),
					updated: new Date(e.at).toISOString(),
					alternate: l(alternate),
					category: e.stage,
					summary: m.reviews_feed_stage_entry_summary({ ...values, stage })
				};
			})
		})
	);
};
