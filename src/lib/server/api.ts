// JSON API plumbing: errors are JSON `{ error }` with the right status, never an HTML page.
import { isHttpError, json } from '@sveltejs/kit';
import { BadParam } from './query';

export function apiError(status: number, message: string): Response {
	return json({ error: message }, { status });
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

export function ok(body: unknown): Response {
	return json(body, { headers: { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' } });
}
