// JSON API plumbing: errors are JSON `{ error }` with the right status, never an HTML page;
// a body is typed by its response schema (api-schemas.ts), which the OpenAPI document is made from.
import { isHttpError, json } from '@sveltejs/kit';
import { z } from 'zod';
import { BadParam } from '../text/query';
import { ApiError, ValidationError } from './api-schemas';
import { m } from '$lib/paraglide/messages';
import { locale, type Locale } from '$lib/i18n';

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
	// A 401 says how to authenticate (RFC 9110): a personal API token, as a bearer token.
	const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer realm="Treaty Tracker"' } : {};
	return json(conform(ApiError, { error: message }), { status, headers });
}

/** Runs an API handler, turning a bad query parameter into a 400 that names it, and `error(status, …)` into `{ error }`. */
export async function api(fn: () => Promise<Response>): Promise<Response> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof Answer) return e.response;
		if (e instanceof BadParam) return apiError(400, e.message);
		if (isHttpError(e)) return apiError(e.status, e.body.message);
		throw e;
	}
}

export function ok<S extends z.ZodType>(schema: S, body: z.input<S>): Response {
	return json(conform(schema, body), { headers: { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' } });
}

/** A response made before the handler's end (a body refused): `api` sends it as it is. */
export class Answer extends Error {
	constructor(readonly response: Response) {
		super(`answered ${response.status}`);
	}
}

/** An answer about the record as it is this moment (a write, or what a write is based on): never cached. */
export function written<S extends z.ZodType>(schema: S, body: z.input<S>, status: number): Response {
	return json(conform(schema, body), { status, headers: { 'cache-control': 'no-store' } });
}

const ZOD_LOCALES: Record<Exclude<Locale, 'en'>, () => { localeError: z.core.$ZodErrorMap }> = {
	ar: z.locales.ar,
	zh: z.locales.zhCN,
	fr: z.locales.fr,
	ru: z.locales.ru,
	es: z.locales.es
};
const zodMaps = new Map<Locale, z.core.$ZodErrorMap>();

/**
 * How zod words a problem its schema gives no words for, in the request's language: English as
 * zod writes it, else zod's own translation. A schema's own message (`says`) comes first.
 */
export function zodErrors(): { error?: z.core.$ZodErrorMap } {
	const to = locale();
	if (to === 'en') return {};
	let map = zodMaps.get(to);
	if (!map) zodMaps.set(to, (map = ZOD_LOCALES[to]().localeError));
	return { error: map };
}

/**
 * The request's JSON body, as `schema` reads it. Anything else is answered here: a 415 for a
 * body that is not JSON (a form post is not an API call), a 400 for malformed JSON, and a 400
 * naming each field at fault (`fields`), in the shape of ValidationError.
 */
export async function body<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\b/i.test(type)) {
		throw new Answer(apiError(415, type ? m.api_body_not_json({ type }) : m.api_body_without_type()));
	}
	let raw: unknown;
	try {
		raw = await request.json();
	} catch {
		throw new Answer(apiError(400, m.api_body_malformed()));
	}
	const parsed = schema.safeParse(raw, zodErrors());
	if (parsed.success) return parsed.data;
	const fields: Record<string, string> = {};
	for (const issue of parsed.error.issues) {
		const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
		for (const path of keys) {
			const field = path.join('.') || 'body';
			fields[field] ??= issue.code === 'unrecognized_keys' ? m.api_field_not_taken() : issue.message;
		}
	}
	const error = Object.entries(fields).map(([f, m]) => `${f}: ${m}`).join('; ');
	throw new Answer(written(ValidationError, { error, fields, warnings: [], needsConfirmation: false }, 400));
}
