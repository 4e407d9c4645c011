import type { RequestHandler } from './$types';
import * as status from '$lib/server/record/status';
import * as depositary from '$lib/server/views/depositary';
import { api, ok } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import * as schemas from '$lib/server/http/api-schemas';

export const GET: RequestHandler = (event) =>
	api(async () => {
		const { slug, asOf } = routes.read(routes.getInstrument, event);
		const found = await status.instrument(event.locals.db, { slug, asOf });
		if (!found) return routes.notFound(routes.getInstrument, 'slug', slug);
		const says = await depositary.says(event.locals.db, { slug, asOf });
		return ok(schemas.InstrumentDetail, { asOf, ...found, treatySeries: says?.treatySeries ?? null });
	});
