import type { RequestHandler } from './$types';
import * as compare from '$lib/server/views/compare';
import * as compareExport from '$lib/server/views/compare-export';
import * as query from '$lib/server/text/query';
import { download, toCsv } from '$lib/server/views/exports';
import { api, apiError } from '$lib/server/http/api';

export const GET: RequestHandler = ({ url, locals }) =>
	api(async () => {
		const asOf = query.asOf(url);
		const { rows, notFound } = await compareExport.rows(locals.db, url, asOf);
		const unknown = compare.notFoundProblem(notFound);
		if (unknown) return apiError(400, unknown);
		const cols = [...compareExport.COLUMNS];
		const body = toCsv(cols, rows.map((r) => cols.map((c) => r[c])));
		return download(body, { filename: `treaty-tracker-compare-${asOf}.csv`, type: 'csv' });
	});
