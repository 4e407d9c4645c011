import type { RequestHandler } from './$types';
import * as status from '$lib/server/record/status';
import * as query from '$lib/server/text/query';
import { api, ok } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';

export const GET: RequestHandler = ({ url, locals }) =>
	api(async () => {
		const asOf = query.asOf(url);
		const instruments = await status.instruments(locals.db, { asOf });
		return ok(schemas.InstrumentList, { asOf, instruments });
	});
