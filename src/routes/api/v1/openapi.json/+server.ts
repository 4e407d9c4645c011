import type { RequestHandler } from './$types';
import { document } from '$lib/server/openapi';
import { ok } from '$lib/server/api';

export const GET: RequestHandler = () => ok(document);
