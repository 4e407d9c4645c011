import type { RequestHandler } from './$types';
import * as compare from '$lib/server/views/compare';
import { api, apiError, ok } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import * as schemas from '$lib/server/http/api-schemas';
import { m } from '$lib/paraglide/messages';

export const GET: RequestHandler = (event) =>
	api(async () => {
		const { codes = [], group = null, asOf } = routes.read(routes.compareParticipants, event);
		if (!codes.length && !group) return apiError(400, m.api_compare_needs_selection());
		const result = await compare.build(event.locals.db, { codes, group, names: [] }, asOf);
		const unknown = compare.notFoundProblem(result.notFound);
		if (unknown) return apiError(400, unknown);
		return ok(schemas.Compare, {
			asOf,
			group: result.group,
			participants: result.participants,
			instruments: result.instruments,
			cells: result.cells,
			groupCoverage: result.coverage,
			notFound: result.notFound
		});
	});
