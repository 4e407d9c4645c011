import type { RequestHandler } from './$types';
import * as compare from '$lib/server/views/compare';
import * as compareExport from '$lib/server/views/compare-export';
import { api, apiError, ok } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import * as schemas from '$lib/server/http/api-schemas';

export const GET: RequestHandler = (event) =>
	api(async () => {
		const { codes = [], group = null, asOf } = routes.read(routes.exportCompareJson, event);
		const result = await compareExport.rows(event.locals.db, { codes, group }, asOf);
		const unknown = compare.notFoundProblem(result.notFound);
		if (unknown) return apiError(400, unknown);
		return ok(schemas.CompareExport, result);
	});
