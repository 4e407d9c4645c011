import type { RequestHandler } from './$types';
import * as exports from '$lib/server/views/exports';
import { api, conform } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import * as schemas from '$lib/server/http/api-schemas';

/** The participant table as of a date, as the CSV has it, with its source on top. */
export const GET: RequestHandler = (event) =>
	api(async () => {
		const { slug, asOf } = routes.read(routes.exportInstrumentJson, event);
		const table = await exports.table(event.locals.db, { slug, asOf });
		if (!table) return routes.notFound(routes.exportInstrumentJson, 'slug', slug);
		return exports.download(JSON.stringify(conform(schemas.ExportTable, table), null, '\t') + '\n', { filename: `${slug}-${asOf}.json`, type: 'json' });
	});
