import type { RequestHandler } from './$types';
import * as compare from '$lib/server/views/compare';
import * as compareExport from '$lib/server/views/compare-export';
import * as query from '$lib/server/text/query';
import { api, apiError, ok } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';

export const GET: RequestHandler = ({ url, locals }) =>
	api(async () => {
		const asOf = query.asOf(url);
		const result = await compareExport.rows(locals.db, url, asOf);
		const unknown = compare.notFoundProblem(result.notFound);
		if (unknown) return apiError(400, unknown);
		return ok(schemas.CompareExport, result);
	});
