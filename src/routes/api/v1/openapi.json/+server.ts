import type { RequestHandler } from './$types';
import { document } from '$lib/server/http/openapi';
import { ok } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';

export const GET: RequestHandler = () => ok(schemas.OpenApiDocument, document);
