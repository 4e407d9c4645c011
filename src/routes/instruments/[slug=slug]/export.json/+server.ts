import type { RequestHandler } from './$types';
import * as exports from '$lib/server/views/exports';
import * as query from '$lib/server/text/query';
import { api, apiError, conform } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';

/** The participant table as of a date, as the CSV has it, with its source on top. */
export const GET: RequestHandler = ({ url, params, locals }) =>
	api(async () => {
		const asOf = query.asOf(url);
		const table = await exports.table(locals.db, { slug: params.slug, asOf });
		if (!table) return apiError(404, `no instrument with slug "${query.quote(params.slug)}"`);
		return exports.download(JSON.stringify(conform(schemas.ExportTable, table), null, '\t') + '\n', { filename: `${params.slug}-${asOf}.json`, type: 'json' });
	});
