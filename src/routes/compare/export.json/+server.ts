import type { RequestHandler } from './$types';
import * as compareExport from '$lib/server/compare-export';
import * as query from '$lib/server/query';
import { api, apiError, ok } from '$lib/server/api';
import * as schemas from '$lib/server/api-schemas';

export const GET: RequestHandler = ({ url, locals }) =>
	api(async () => {
		const asOf = query.asOf(url);
		const result = await compareExport.rows(locals.db, url, asOf);
		if (result.notFound.codes.length || result.notFound.groups.length) {
			return apiError(400, `not found: ${[...result.notFound.codes, ...result.notFound.groups].join(', ')}`);
		}
		return ok(schemas.CompareExport, result);
	});
