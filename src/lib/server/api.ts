// JSON API plumbing: errors are JSON `{ error }` with the right status, never an HTML page;
// a body is typed by its response schema (api-schemas.ts), which the OpenAPI document is made from.
import { isHttpError, json } from '@sveltejs/kit';
import { z } from 'zod';
import { BadParam } from './query';
import { ApiError } from './api-schemas';

/**
 * Checking a body against its schema costs a parse: it runs in development and in the tests,
 * where a drift between the code and its description should stop someone, not in production.
 */
const CHECK = import.meta.env.DEV;

/** `body`, after checking in development and tests that it is exactly what `schema` describes. */
export function conform<S extends z.ZodType>(schema: S, body: z.input<S>): z.input<S> {
	if (CHECK) {
		const result = schema.safeParse(body);
		if (!result.success) throw new Error(`response does not match its schema:\n${z.prettifyError(result.error)}`);
	}
	return body;
}

export function apiError(status: number, message: string): Response {
	return json(conform(ApiError, { error: message }), { status });
}

/** Runs an API handler, turning a bad query parameter into a 400 that names it, and `error(status, …)` into `{ error }`. */
export async function api(fn: () => Promise<Response>): Promise<Response> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof BadParam) return apiError(400, e.message);
		if (isHttpError(e)) return apiError(e.status, e.body.message);
		throw e;
	}
}

export function ok<S extends z.ZodType>(schema: S, body: z.input<S>): Response {
	return json(conform(schema, body), { headers: { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' } });
}
