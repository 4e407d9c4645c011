import type { RequestHandler } from './$types';
import { apiError } from '$lib/server/http/api';
import { quote } from '$lib/server/text/query';
import { m } from '$lib/paraglide/messages';

// Any other /api path: a JSON 404, not the HTML error page.
export const fallback: RequestHandler = ({ url }) =>
	apiError(404, m.api_no_endpoint({ path: quote(url.pathname) }));
