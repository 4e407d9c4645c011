import type { RequestHandler } from './$types';
import * as status from '$lib/server/record/status';
import { api, ok } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import * as schemas from '$lib/server/http/api-schemas';

export const GET: RequestHandler = (event) =>
	api(async () => {
		const { asOf } = routes.read(routes.listInstruments, event);
		const instruments = await status.instruments(event.locals.db, { asOf });
		return ok(schemas.InstrumentList, { asOf, instruments });
	});
