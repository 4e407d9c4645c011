import type { RequestHandler } from './$types';
import * as compare from '$lib/server/views/compare';
import * as compareExport from '$lib/server/views/compare-export';
import { download, toCsv } from '$lib/server/views/exports';
import { api, apiError } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import { m } from '$lib/paraglide/messages';

export const GET: RequestHandler = (event) =>
	api(async () => {
		const { codes = [], group = null, asOf } = routes.read(routes.exportCompareCsv, event);
		const { rows, notFound } = await compareExport.rows(event.locals.db, { codes, group }, asOf);
		const unknown = compare.notFoundProblem(notFound);
		if (unknown) return apiError(400, unknown);
		const cols = [...compareExport.COLUMNS];
		// a yes/no column as the JSON writes it: true, false
		const body = toCsv(cols, rows.map((r) => cols.map((c) => { const v = r[c]; return typeof v === 'boolean' ? String(v) : v; })));
		// the file's name in the request's language, the English one for clients that read ASCII only
		return download(body, { filename: m.states_compare_file({ date: asOf }), fallback: `treaty-tracker-compare-${asOf}.csv`, type: 'csv' });
	});
