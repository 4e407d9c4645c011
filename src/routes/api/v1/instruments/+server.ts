import type { RequestHandler } from './$types';
import * as status from '$lib/server/status';
import * as query from '$lib/server/query';
import { api, ok } from '$lib/server/api';
import * as schemas from '$lib/server/api-schemas';

export const GET: RequestHandler = ({ url, locals }) =>
	api(async () => {
		const asOf = query.asOf(url);
		const instruments = await status.instruments(locals.db, { asOf });
		return ok(schemas.InstrumentList, { asOf, instruments });
	});
