import type { RequestHandler } from './$types';
import * as status from '$lib/server/record/status';
import * as query from '$lib/server/text/query';
import { api, apiError, ok } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';

export const GET: RequestHandler = ({ url, params, locals }) =>
	api(async () => {
		const asOf = query.asOf(url);
		const found = await status.instrument(locals.db, { slug: params.slug, asOf });
		if (!found) return apiError(404, `no instrument with slug "${query.quote(params.slug)}"; see /api/v1/instruments`);
		return ok(schemas.InstrumentDetail, { asOf, ...found });
	});
