// The path and query parameters of the public endpoints, each declared once: its zod schema
// (what a handler reads the request with), its words for the OpenAPI document and, for a path
// parameter, the 404 a value that names nothing gets. `read` is how every handler of
// api-routes.ts reads its request, so a parameter a handler reads is documented, and one the
// document does not list is refused (400) rather than silently ignored.
import { z } from 'zod';
import { isIsoDate, today } from '../../dates';
import { asOfProblem, quote } from '../text/query';
import { Answer, apiError, written, zodErrors } from './api';
import { ValidationError } from './api-schemas';
import { m } from '$lib/paraglide/messages';

export interface Param<N extends string = string, S extends z.ZodType = z.ZodType> {
	name: N;
	in: 'path' | 'query';
	/**
	 * Reads the value as the address gives it: a string (a query parameter given empty is as if
	 * absent: undefined), or for a `list` the comma-separated values as an array.
	 */
	schema: S;
	description: string;
	example: unknown;
	/** A query parameter that is a list, comma-separated: OpenAPI's `style: form, explode: false`. */
	list?: true;
	/** A path parameter: the 404's message for a value that names nothing (in the request's language). */
	missing?: (value: string) => string;
}

const param = <const N extends string, S extends z.ZodType>(p: Param<N, S>) => p;

/** What a handler reads: each parameter by its name, as its schema outputs it. */
export type Values<Ps extends readonly Param[]> = { [P in Ps[number] as P['name']]: z.output<P['schema']> };

/** A value the schema refuses: `error` says what is wrong with it, quoting at most 40 characters. */
const says = (message: (value: string) => string) => ({ error: (issue: { input?: unknown }) => message(String(issue.input)) });

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ALPHA3 = /^[A-Za-z]{3}$/;
const upper = (s: string) => s.toUpperCase();

// ---- Path ----------------------------------------------------------------------------------

export const slug = param({
	name: 'slug',
	in: 'path',
	description: 'An instrument slug: untoc, trafficking-protocol, smuggling-protocol, firearms-protocol, opsc, cets-197, ilo-c029, actip, saarc-convention…',
	schema: z.string().regex(SLUG),
	example: 'trafficking-protocol',
	missing: (v) => m.api_no_instrument_slug({ value: quote(v) })
});

export const mechanism = param({
	name: 'id',
	in: 'path',
	description: 'A review mechanism’s id: `untoc`, the Mechanism for the Review of the Implementation of UNTOC and the Protocols thereto',
	schema: z.string().regex(SLUG),
	example: 'untoc',
	missing: (v) => m.api_no_mechanism({ value: quote(v) })
});

export const code = param({
	name: 'code',
	in: 'path',
	description: 'An ISO 3166-1 alpha-3 code (either case); the European Union is EUU',
	schema: z.string().regex(ALPHA3).transform(upper),
	example: 'EST',
	missing: (v) => m.api_no_participant_code({ value: quote(v) })
});

export const id = param({
	name: 'id',
	in: 'path',
	description: 'An act’s id, as `GET /api/v1/instruments/{slug}/events` lists it (stable across its corrections)',
	schema: z.coerce.number().int().positive(),
	example: 1,
	missing: (v) => `act: ${m.api_no_act({ id: quote(v) })}`
});

// ---- Query ---------------------------------------------------------------------------------

export const asOf = param({
	name: 'asOf',
	in: 'query',
	description: 'Answer as the record stood on this date, `YYYY-MM-DD` (default: today). Anything else is a 400.',
	// isIsoDate, as the pages read asOf: the same dates are refused everywhere, with the same words.
	schema: z
		.string()
		.refine(isIsoDate, says(asOfProblem))
		.meta({ format: 'date' })
		.optional()
		.transform((d) => d ?? today()),
	example: '2008-06-03'
});

export const region = param({
	name: 'region',
	in: 'query',
	description: 'Only the members of this M49 region or sub-region on the date, e.g. europe, sub-saharan-africa. An unknown slug is a 400 that names it.',
	schema: z.string().regex(SLUG, says((v) => m.api_unknown_region({ value: quote(v) }))).optional(),
	example: 'europe'
});

export const group = param({
	name: 'group',
	in: 'query',
	description:
		'Only the members of this group on the date: a UN regional group (african-group, asia-pacific-group, eastern-european-group, ' +
		'grulac, weog), the UN Member States (un-members) or an organisation (european-union, council-of-europe, osce, african-union, ' +
		'oau, asean, saarc, ilo). An unknown slug is a 400 that names it.',
	schema: z.string().regex(SLUG, says((v) => m.api_unknown_group({ value: quote(v) }))).optional(),
	example: 'council-of-europe'
});

export const codes = param({
	name: 'codes',
	in: 'query',
	description: 'ISO 3166-1 alpha-3 codes, comma-separated. Give `codes`, `group`, or both; an unknown code is a 400 that names it.',
	schema: z.array(z.string().regex(ALPHA3, says((v) => m.api_unknown_codes({ values: quote(v) })))).min(1).optional(),
	list: true,
	example: ['FRA', 'DEU']
});

/** A compare's group: any group, and a region too. */
export const compareGroup = param({
	name: 'group',
	in: 'query',
	description: 'Any group slug (UN regional group, organisation, M49 region): adds its members on the date. An unknown slug is a 400.',
	schema: z.string().regex(SLUG, says((v) => m.api_unknown_compare_group({ value: quote(v) }))).optional(),
	example: 'asean'
});

export const participant = param({
	name: 'participant',
	in: 'query',
	description: 'Only the acts of this participant (ISO 3166-1 alpha-3, either case). An unknown code is a 400.',
	schema: z
		.string()
		.regex(ALPHA3, says((v) => `participant: ${m.api_unknown_participant({ value: quote(v) })}`))
		.transform(upper)
		.optional(),
	example: 'COL'
});

/** Every parameter, by the name of its component in the document. */
export const parameters = { asOf, slug, code, region, group, codes, compareGroup, id, participant, mechanism };

// ---- Reading a request ---------------------------------------------------------------------

/** The 404 of a path parameter whose value names nothing: the words of its declaration. */
function missing(p: Param, value: string): Response {
	return apiError(404, p.missing?.(value) ?? m.api_nothing_named({ name: p.name, value: quote(value) }));
}

/** The 404 a handler answers when a well-formed path parameter names nothing. */
export function notFound<const Ps extends readonly Param[]>(endpoint: { params: Ps }, name: Ps[number]['name'], value: string): Response {
	return missing(endpoint.params.find((p) => p.name === name)!, value);
}

/**
 * The parameters of `endpoint` from the request, as their schemas read them. A path parameter
 * that is not of its shape names nothing: 404. A malformed query parameter, or one the endpoint
 * does not take, is a 400 naming each (for an endpoint with a body, in the shape of its other
 * 400s, a message per field). Thrown as an Answer, which `api()` sends.
 */
export function read<const Ps extends readonly Param[]>(
	endpoint: { params: Ps; body?: unknown },
	event: { url: URL; params: Partial<Record<string, string>> }
): Values<Ps> {
	const out: Record<string, unknown> = {};
	const fields: Record<string, string> = {};
	const query = event.url.searchParams;
	const takes = endpoint.params.filter((p) => p.in === 'query').map((p) => p.name);
	for (const name of new Set(query.keys())) {
		if (!takes.includes(name)) {
			fields[name] = takes.length
				? m.api_unknown_parameter({ name: quote(name), takes: takes.join(', ') })
				: m.api_unknown_parameter_none({ name: quote(name) });
		}
	}
	for (const p of endpoint.params) {
		if (p.in === 'path') {
			const raw = event.params[p.name] ?? '';
			const parsed = p.schema.safeParse(raw);
			if (!parsed.success) throw new Answer(missing(p, raw));
			out[p.name] = parsed.data;
			continue;
		}
		const raw = p.list
			? query.getAll(p.name).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean)
			: query.get(p.name);
		const parsed = p.schema.safeParse(raw === null || raw.length === 0 ? undefined : raw, zodErrors());
		if (parsed.success) out[p.name] = parsed.data;
		else fields[p.name] = parsed.error.issues[0].message;
	}
	if (Object.keys(fields).length) {
		const error = Object.values(fields).join('; ');
		throw new Answer(
			endpoint.body ? written(ValidationError, { error, fields, warnings: [], needsConfirmation: false }, 400) : apiError(400, error)
		);
	}
	return out as Values<Ps>;
}
