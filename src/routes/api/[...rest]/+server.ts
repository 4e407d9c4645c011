import type { RequestHandler } from './$types';
import { apiError } from '$lib/server/api';

// Any other /api path: a JSON 404, not the HTML error page.
export const fallback: RequestHandler = ({ url }) =>
	apiError(404, `no API endpoint at ${url.pathname}; see /api/v1/instruments`);
