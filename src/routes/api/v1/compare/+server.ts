import type { RequestHandler } from './$types';
import * as compare from '$lib/server/views/compare';
import * as query from '$lib/server/text/query';
import { api, apiError, ok } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';

export const GET: RequestHandler = ({ url, locals }) =>
	api(async () => {
		const asOf = query.asOf(url);
		const q = compare.readQuery(url);
		if (!q.codes.length && !q.group) return apiError(400, 'give codes (ISO alpha-3, comma-separated) or group (a group slug)');
		const result = await compare.build(locals.db, { ...q, names: [] }, asOf);
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
