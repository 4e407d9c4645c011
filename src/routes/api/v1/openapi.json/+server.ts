import type { RequestHandler } from './$types';
import { document } from '$lib/server/http/openapi';
import { api, ok } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import * as schemas from '$lib/server/http/api-schemas';

export const GET: RequestHandler = (event) =>
	api(async () => {
		routes.read(routes.getOpenApiDocument, event);
		return ok(schemas.OpenApiDocument, document);
	});
