import type { RequestHandler } from './$types';
import * as exports from '$lib/server/views/exports';
import { api } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';

/** The participant table as of a date, for spreadsheets. */
export const GET: RequestHandler = (event) =>
	api(async () => {
		const { slug, asOf } = routes.read(routes.exportInstrumentCsv, event);
		const table = await exports.table(event.locals.db, { slug, asOf });
		if (!table) return routes.notFound(routes.exportInstrumentCsv, 'slug', slug);
		return exports.download(exports.tableCsv(table), { filename: `${slug}-${asOf}.csv`, type: 'csv' });
	});
