import type { RequestHandler } from './$types';
import { api, ok } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import * as schemas from '$lib/server/http/api-schemas';
import * as dashboard from '$lib/server/reviews/dashboard';
import * as published from '$lib/server/reviews/published';
import { today } from '$lib/dates';

export const GET: RequestHandler = (event) =>
	api(async () => {
		routes.read(routes.listReviews, event);
		const boards = await dashboard.board(event.locals.db, { today: today(), person: null, filters: {} });
		const list = await published.list(event.locals.db);
		return ok(schemas.ReviewList, {
			progress: boards.map((b) => ({ cycle: b.cycle.id, mechanism: b.mechanism.id, notStarted: b.notStarted.length, underWay: b.underWay, published: b.published, byStage: b.byStage })),
			published: list.map((r) => ({
				id: r.id,
				state: r.state.code,
				stateName: r.state.name,
				cycle: r.cycle.id,
				cluster: { number: r.cluster.n, title: r.cluster.title },
				instruments: r.instruments.map((i) => i.slug),
				reviewers: r.reviewers.map((g) => ({ instrument: g.instrument, states: g.codes })),
				stages: r.timeline.map((t) => ({ stage: t.stage, on: t.on })),
				published: r.published,
				summary: r.summary,
				recommendations: r.recommendations.map((x) => ({ instrument: x.instrument, article: x.article, text: x.text, followUp: x.followUp, followUpOn: x.followUpOn })),
				page: `/reviews/${r.id}/published`
			}))
		});
	});
