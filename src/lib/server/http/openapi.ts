// The OpenAPI 3.1 description of every public endpoint: the JSON API under /api/v1, the
// downloads and the Atom feeds. Served at /api/v1/openapi.json. Nothing in it is written twice:
// its `paths` are made from the endpoints' declarations (api-routes.ts), whose parameters are
// the schemas the handlers read their requests with (api-params.ts), and its schemas are
// generated from the zod schemas the handlers' bodies are typed by (api-schemas.ts). Unit tests
// check that every route under src/routes/api/v1 is described here, that real responses
// validate against it, and that it passes Redocly's recommended lint rules.
import { z } from 'zod';
import * as schemas from './api-schemas';
import { parameters as PARAMETERS, type Param } from './api-params';
import { TAGS, endpoints, type Answer, type Endpoint } from './api-routes';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1), as generated. */
type JsonSchema = Record<string, unknown>;

interface Parameter {
	name: string;
	in: 'path' | 'query';
	required?: boolean;
	description: string;
	schema: JsonSchema;
	style?: 'form';
	explode?: boolean;
	example?: unknown;
}

type Ref = { $ref: string };

interface Response {
	description: string;
	headers?: Record<string, { description: string; schema: JsonSchema }>;
	content?: Record<string, { schema: JsonSchema | Ref; example?: unknown }>;
}

interface Operation {
	operationId: string;
	summary: string;
	description: string;
	tags: string[];
	parameters?: Ref[];
	responses: Record<string, Response | Ref>;
	/** Only where an account is needed; the record is public (the document's `security: []`). */
	security?: Record<string, string[]>[];
	requestBody?: { required: boolean; description: string; content: Record<string, { schema: Ref }> };
}

// A type, not an interface: it is a plain JSON object, indexable like any other.
export type OpenApiDocument = {
	openapi: '3.1.0';
	info: {
		title: string;
		version: string;
		summary: string;
		description: string;
		license: { name: string; url: string };
	};
	servers: { url: string; description: string }[];
	security: Record<string, string[]>[];
	tags: { name: string; description: string }[];
	paths: Record<string, { get?: Operation; post?: Operation }>;
	components: {
		schemas: Record<string, JsonSchema>;
		parameters: Record<string, Parameter>;
		responses: Record<string, Response>;
		securitySchemes: Record<
			string,
			{ type: 'http'; scheme: 'bearer'; description: string } | { type: 'apiKey'; in: 'cookie'; name: string; description: string }
		>;
	};
};

// ---- From zod to JSON Schema ---------------------------------------------------------------

/**
 * What zod adds that says nothing to a reader: the bounds of a safe integer, and the long
 * calendar pattern beside `format: date` (the format says it; the handlers check the calendar).
 */
function tidy({ jsonSchema }: { jsonSchema: JsonSchema }) {
	if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
	if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
	if (jsonSchema.format === 'date') delete jsonSchema.pattern;
}

/** Without `$schema` and `$id`: in an OpenAPI document a schema is a component, not a resource. */
function component(schema: JsonSchema): JsonSchema {
	const { $schema: _dialect, $id: _id, ...rest } = schema;
	return rest;
}

const SCHEMAS = '#/components/schemas/';
const generated = z.toJSONSchema(schemas.components, { uri: (id) => SCHEMAS + id, override: tidy });
const componentSchemas = Object.fromEntries(
	Object.entries(generated.schemas).map(([id, schema]) => [id, component(schema as JsonSchema)])
);

/** A parameter's schema as a request gives the value: what the handler's schema takes in, before its transforms. */
const schemaOf = (schema: z.ZodType) => component(z.toJSONSchema(schema, { io: 'input', override: tidy }) as JsonSchema);

/** A reference to a named response schema; throws for a schema that was not named (it would dangle). */
function ref(schema: z.ZodType): Ref {
	const id = schemas.components.get(schema)?.id;
	if (!id) throw new Error('openapi: a response schema without an id in api-schemas.components');
	return { $ref: SCHEMAS + id };
}

// ---- From the endpoints' declarations to paths ---------------------------------------------

const json = (description: string, schema: z.ZodType): Response => ({ description, content: { 'application/json': { schema: ref(schema) } } });

function parameter(p: Param): Parameter {
	return {
		name: p.name,
		in: p.in,
		...(p.in === 'path' ? { required: true } : {}),
		description: p.description,
		schema: schemaOf(p.schema),
		...(p.list ? { style: 'form', explode: false } : {}),
		example: p.example
	};
}

const parameterIds = new Map<Param, string>(Object.entries(PARAMETERS).map(([key, p]) => [p, key]));
function parameterRef(p: Param): Ref {
	const id = parameterIds.get(p);
	if (!id) throw new Error(`openapi: the parameter ${p.name} is not in api-params.parameters`);
	return { $ref: `#/components/parameters/${id}` };
}

function response(a: Answer): Response | Ref {
	if ('shared' in a) return { $ref: `#/components/responses/${a.shared}` };
	if ('json' in a) return json(a.description, a.json);
	const headers =
		a.file === 'text/csv'
			? { 'Content-Disposition': { description: 'attachment; filename="…" (the file name names the instrument, date and filters)', schema: { type: 'string' } } }
			: undefined;
	return { description: a.description, ...(headers ? { headers } : {}), content: { [a.file]: { schema: { type: 'string' } } } };
}

/** Who may edit, and who may ask who they are: a personal API token, or the session cookie of a browser signed in here. */
const ACCOUNT: Record<string, string[]>[] = [{ apiToken: [] }, { session: [] }];

function operation(e: Endpoint): Operation {
	// Every handler reads its request with `read`, which refuses a parameter the endpoint does not take.
	const responses: Record<number, Answer> = { 400: { shared: 'BadRequest' }, ...e.responses };
	return {
		operationId: e.operationId,
		summary: e.summary,
		description: e.description,
		tags: [...e.tags],
		...(e.account ? { security: ACCOUNT } : {}),
		...(e.params.length ? { parameters: e.params.map(parameterRef) } : {}),
		...(e.body ? { requestBody: { required: true, description: e.body.description, content: { 'application/json': { schema: ref(e.body.schema) } } } } : {}),
		responses: Object.fromEntries(Object.entries(responses).map(([status, a]) => [status, response(a)]))
	};
}

const paths: OpenApiDocument['paths'] = {};
for (const e of endpoints) {
	paths[e.path] ??= {};
	if (paths[e.path][e.method]) throw new Error(`openapi: ${e.method} ${e.path} is declared twice`);
	paths[e.path][e.method] = operation(e);
}

// ---- The document --------------------------------------------------------------------------

export const document: OpenApiDocument = {
	openapi: '3.1.0',
	info: {
		title: 'Treaty Tracker API',
		version: '1.0.0',
		summary: 'Who had signed and joined the instruments against trafficking in persons, on any date',
		description:
			'Who has signed, ratified, accepted or acceded to the international instruments against trafficking in persons, ' +
			'as of any date. Every endpoint takes an optional `asOf` date (default today) and answers as the record stood ' +
			"then. Statuses are derived from the depositaries' records; every row names its source. Where an instrument's " +
			'record is partial, a participant with no act in it is `unknown`, not "no action"; where there is no record, ' +
			'counts are null, not 0. Errors are JSON `{ "error": "…" }` naming the parameter at fault; a query parameter an ' +
			'endpoint does not list is refused (400), not ignored.\n\n' +
			'Reading the record is public and read-only: those endpoints take no credentials and change nothing (`security: []`). ' +
			'The endpoints about an account (`/api/v1/me`) take a personal API token, made on the `/account` page, as a bearer ' +
			'token: `Authorization: Bearer tt_…`. Editing the record (`POST /api/v1/instruments/{slug}/events`, ' +
			'`/api/v1/acts/{id}/corrections` and `/retractions`) needs the editor or secretariat role, by such a token or a signed-in ' +
			'browser’s session: a 401 without either, a 403 for another role. Each edit names its source and, for a correction or a ' +
			'retraction, its reason, and carries the version it was made from (`basedOn`): when the act changed since, nothing is ' +
			'written and the answer (409) shows the change.\n\n' +
			'Licence: none is stated for this code. The facts are the depositaries\' records (the United Nations, the ILO, ' +
			'the Council of Europe, ASEAN, SAARC…); each source and the licence it states, if any, are listed at `/sources`.',
		license: {
			name: 'None stated: facts from the depositaries’ records; each source and its licence at /sources',
			url: '/sources'
		}
	},
	servers: [{ url: '/', description: 'this server' }],
	// Public and read-only: no authentication, so no security scheme and no requirement.
	security: [],
	tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
	paths,
	components: {
		schemas: componentSchemas,
		parameters: Object.fromEntries(Object.entries(PARAMETERS).map(([key, p]) => [key, parameter(p)])),
		responses: {
			BadRequest: json('A malformed or unknown parameter; the message names it', schemas.ApiError),
			NotFound: json('No such instrument or participant', schemas.ApiError)
		},
		securitySchemes: {
			apiToken: {
				type: 'http',
				scheme: 'bearer',
				description: 'A personal API token (`tt_…`), made and revoked on the `/account` page; shown once, stored hashed.'
			},
			session: {
				type: 'apiKey',
				in: 'cookie',
				name: 'session',
				description: 'The session of a browser signed in at /login (httpOnly, SameSite=Lax): the editing pages’ own scripts.'
			}
		}
	}
};
