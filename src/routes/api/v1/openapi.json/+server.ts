import type { RequestHandler } from './$types';
import { document } from '$lib/server/openapi';
import { ok } from '$lib/server/api';
import * as schemas from '$lib/server/api-schemas';

export const GET: RequestHandler = () => ok(schemas.OpenApiDocument, document);
