import type { RequestHandler } from './$types';
import * as exports from '$lib/server/views/exports';
import * as query from '$lib/server/text/query';
import { api, apiError } from '$lib/server/http/api';

/** The participant table as of a date, for spreadsheets. */
export const GET: RequestHandler = ({ url, params, locals }) =>
	api(async () => {
		const asOf = query.asOf(url);
		const table = await exports.table(locals.db, { slug: params.slug, asOf });
		if (!table) return apiError(404, `no instrument with slug "${query.quote(params.slug)}"`);
		return exports.download(exports.tableCsv(table), { filename: `${params.slug}-${asOf}.csv`, type: 'csv' });
	});
