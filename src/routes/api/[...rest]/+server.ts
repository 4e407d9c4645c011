import type { RequestHandler } from './$types';
import { apiError } from '$lib/server/http/api';
import { quote } from '$lib/server/text/query';

// Any other /api path: a JSON 404, not the HTML error page.
export const fallback: RequestHandler = ({ url }) =>
	apiError(404, `no API endpoint at ${quote(url.pathname)}; see /api/v1/instruments`);
