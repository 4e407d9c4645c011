// The OpenAPI 3.1 description of every public endpoint: the JSON API under /api/v1, the
// downloads and the Atom feeds. Served at /api/v1/openapi.json. Its schemas are generated
// from the zod schemas the handlers' bodies are typed by (api-schemas.ts), so the two cannot
// drift; unit tests check that every route under src/routes/api/v1 is described here, that
// real responses validate against it, and that it passes Redocly's recommended lint rules.
import { z } from 'zod';
import * as schemas from './api-schemas';

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
	parameters?: (Parameter | Ref)[];
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

const schemaOf = (schema: z.ZodType) => component(z.toJSONSchema(schema, { override: tidy }) as JsonSchema);

/** A reference to a named response schema; throws for a schema that was not named (it would dangle). */
function ref(schema: z.ZodType): Ref {
	const id = schemas.components.get(schema)?.id;
	if (!id) throw new Error('openapi: a response schema without an id in api-schemas.components');
	return { $ref: SCHEMAS + id };
}

// ---- Building blocks -----------------------------------------------------------------------

const param = (name: keyof typeof parameters): Ref => ({ $ref: `#/components/parameters/${name}` });
const json = (description: string, schema: z.ZodType): Response => ({ description, content: { 'application/json': { schema: ref(schema) } } });
const error = (description: string): Response => json(description, schemas.ApiError);
const badRequest: Ref = { $ref: '#/components/responses/BadRequest' };
const notFound: Ref = { $ref: '#/components/responses/NotFound' };
const csv = (description: string): Response => ({
	description,
	headers: {
		'Content-Disposition': { description: 'attachment; filename="…" (the file name names the instrument, date and filters)', schema: { type: 'string' } }
	},
	content: { 'text/csv': { schema: { type: 'string' } } }
});
const atom = (description: string): Response => ({ description, content: { 'application/atom+xml': { schema: { type: 'string' } } } });

const parameters = {
	asOf: {
		name: 'asOf',
		in: 'query',
		description: 'Answer as the record stood on this date, `YYYY-MM-DD` (default: today). Anything else is a 400.',
		schema: schemaOf(schemas.params.asOf),
		example: '2008-06-03'
	},
	slug: {
		name: 'slug',
		in: 'path',
		required: true,
		description: 'An instrument slug: untoc, trafficking-protocol, smuggling-protocol, firearms-protocol, opsc, cets-197, ilo-c029, actip, saarc-convention…',
		schema: schemaOf(schemas.params.slug),
		example: 'trafficking-protocol'
	},
	code: {
		name: 'code',
		in: 'path',
		required: true,
		description: 'An ISO 3166-1 alpha-3 code (either case); the European Union is EUU',
		schema: schemaOf(schemas.params.code),
		example: 'EST'
	},
	region: {
		name: 'region',
		in: 'query',
		description: 'Only the members of this M49 region or sub-region on the date, e.g. europe, sub-saharan-africa. An unknown slug is a 400 that names it.',
		schema: schemaOf(schemas.params.region),
		example: 'europe'
	},
	group: {
		name: 'group',
		in: 'query',
		description:
			'Only the members of this group on the date: a UN regional group (african-group, asia-pacific-group, eastern-european-group, ' +
			'grulac, weog), the UN Member States (un-members) or an organisation (european-union, council-of-europe, osce, african-union, ' +
			'oau, asean, saarc, ilo). An unknown slug is a 400 that names it.',
		schema: schemaOf(schemas.params.group),
		example: 'council-of-europe'
	},
	codes: {
		name: 'codes',
		in: 'query',
		description: 'ISO 3166-1 alpha-3 codes, comma-separated. Give `codes`, `group`, or both; an unknown code is a 400 that names it.',
		schema: schemaOf(schemas.params.codes),
		style: 'form',
		explode: false,
		example: ['FRA', 'DEU']
	},
	compareGroup: {
		name: 'group',
		in: 'query',
		description: 'Any group slug (UN regional group, organisation, M49 region): adds its members on the date. An unknown slug is a 400.',
		schema: schemaOf(schemas.params.group),
		example: 'asean'
	},
	id: {
		name: 'id',
		in: 'path',
		required: true,
		description: 'An act’s id, as `GET /api/v1/instruments/{slug}/events` lists it (stable across its corrections)',
		schema: schemaOf(schemas.params.id),
		example: 1
	},
	participant: {
		name: 'participant',
		in: 'query',
		description: 'Only the acts of this participant (ISO 3166-1 alpha-3, either case). An unknown code is a 400.',
		schema: schemaOf(schemas.params.code),
		example: 'COL'
	}
} satisfies Record<string, Parameter>;

// ---- Editing the record --------------------------------------------------------------------

/** Who may edit: a personal API token, or the session cookie of a browser signed in here. */
const EDITORS: Record<string, string[]>[] = [{ apiToken: [] }, { session: [] }];
const requestBody = (description: string, schema: z.ZodType) => ({ required: true, description, content: { 'application/json': { schema: ref(schema) } } });
const EDIT_REFUSALS = {
	'400': json('Nothing written: a message per field at fault (`fields`), or warnings to confirm with `"confirm": true`', schemas.ValidationError),
	'401': error('No session or API token: sign in, or send `Authorization: Bearer tt_…`'),
	'403': error('The account’s role may not edit the record (the editor and secretariat roles may); the message says what is lacking'),
	'415': error('The body is not sent as `application/json`')
};
const CONFLICT = json('Nothing written: the act changed since the version the request was made from. The body holds the act as it now stands and every change since', schemas.ActConflict);

const SELECTION = [param('codes'), param('compareGroup'), param('asOf')];

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
			'counts are null, not 0. Errors are JSON `{ "error": "…" }` naming the parameter at fault.\n\n' +
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
	tags: [
		{ name: 'instruments', description: 'Instruments and their participants on a date' },
		{ name: 'participants', description: 'One participant across instruments' },
		{ name: 'lists', description: 'Non-parties, for advocates' },
		{ name: 'parity', description: 'Comparing participants and groups' },
		{ name: 'downloads', description: 'CSV and JSON files of a participant table, a non-parties list or a comparison' },
		{ name: 'feeds', description: 'Atom feeds of new participation events' },
		{ name: 'meta', description: 'This document' },
		{ name: 'accounts', description: 'The account a request is made as' },
		{ name: 'editing', description: 'Adding, correcting and retracting acts of the record (the editor and secretariat roles)' }
	],
	paths: {
		'/api/v1/instruments': {
			get: {
				operationId: 'listInstruments',
				summary: 'Every instrument with its counts on the date',
				description:
					'`counts` is null for an instrument whose record holds nothing; for a partial record `counts.unknown` says how many ' +
					'participants it cannot answer for. `published` and `behind` put a total the depositary published beside the record’s count.',
				tags: ['instruments'],
				parameters: [param('asOf')],
				responses: { '200': json('The instruments, in the order of the home page', schemas.InstrumentList), '400': badRequest }
			}
		},
		'/api/v1/instruments/{slug}': {
			get: {
				operationId: 'getInstrument',
				summary: 'One instrument and every participant the record holds an act of',
				description: 'The fields of the list, plus `participants` by name with each one’s status on the date.',
				tags: ['instruments'],
				parameters: [param('slug'), param('asOf')],
				responses: {
					'200': json('The instrument with its participants on the date', schemas.InstrumentDetail),
					'400': badRequest,
					'404': notFound
				}
			}
		},
		'/api/v1/instruments/{slug}/non-parties': {
			get: {
				operationId: 'listNonParties',
				summary: 'Who had not joined the instrument on the date',
				description:
					'Participants whose status is `none`, `signed` or `denounced` (a deposited consent not yet in force counts as ' +
					'joined), among those that may join (for ILO conventions the ILO members, for CETS 197 the Council of Europe ' +
					'members and the States invited to accede, for ACTIP the ASEAN members, on the date), optionally only the members of a region and of a group ' +
					'on that date. A State that did not yet exist on the date (South Sudan before 2011; start years from the Correlates of War ' +
					'state system) is no non-party and is left out. Where the record is partial, those it holds no act of are listed apart ' +
					'in `unknown`, never counted as non-parties. For an instrument without data `counts` is null and the lists are empty: ' +
					'unknown is not "nobody".',
				tags: ['lists'],
				parameters: [param('slug'), param('asOf'), param('region'), param('group')],
				responses: {
					'200': json('The lists', schemas.NonParties),
					'400': error('A malformed `asOf`, or a `region` or `group` that names none; the message names each unknown value'),
					'404': notFound
				}
			}
		},
		'/api/v1/participants/{code}': {
			get: {
				operationId: 'getParticipant',
				summary: 'One participant: its groups on the date and its status in every instrument',
				description: 'Each instrument’s `dataStatus` says whether a `none` is the record’s word or an `unknown` its silence.',
				tags: ['participants'],
				parameters: [param('code'), param('asOf')],
				responses: { '200': json('The participant', schemas.Participant), '400': badRequest, '404': notFound }
			}
		},
		'/api/v1/compare': {
			get: {
				operationId: 'compareParticipants',
				summary: 'The parity matrix: participants × instruments, with coverage among them',
				description: 'Give `codes`, `group`, or both; a group adds its members on the date. Only instruments with data are compared.',
				tags: ['parity'],
				parameters: SELECTION,
				responses: {
					'200': json('The matrix', schemas.Compare),
					'400': error('Neither codes nor group given, an unknown code or group (the message names them), or a malformed asOf')
				}
			}
		},
		'/api/v1/openapi.json': {
			get: {
				operationId: 'getOpenApiDocument',
				summary: 'This document',
				description: 'The OpenAPI 3.1 description of the API, the downloads and the feeds, generated from the schemas the responses are checked against.',
				tags: ['meta'],
				responses: { '200': json('OpenAPI 3.1', schemas.OpenApiDocument) }
			}
		},
		'/api/v1/instruments/{slug}/events': {
			get: {
				operationId: 'listActs',
				summary: 'The acts of an instrument, with their ids and versions',
				description:
					'Every act the record holds of the instrument (retracted ones too, with `retracted: true`), each as its current version ' +
					'says, with the `id` and `version` a correction or a retraction needs. Public, like the rest of the record.',
				tags: ['editing', 'instruments'],
				parameters: [param('slug'), param('participant')],
				responses: { '200': json('The acts', schemas.ActList), '400': badRequest, '404': notFound }
			},
			post: {
				operationId: 'recordAct',
				summary: 'Record a new act of the instrument',
				description:
					'A signature, a consent (ratification, acceptance, approval, accession…), a denunciation or an endorsement, with its date ' +
					'and its source. Checked before it is written: the participant and the date (not in the future, not before the instrument ' +
					'was adopted), a ratification without the signature it confirms, a duplicate (already in the record: correct it instead). ' +
					'A consent to a Protocol before the participant’s consent to its Convention (UNTOC art. 37) is a warning: the answer is a 400 ' +
					'listing it, and the same request with `"confirm": true` writes the act.',
				tags: ['editing'],
				security: EDITORS,
				parameters: [param('slug')],
				requestBody: requestBody('The act', schemas.RecordActRequest),
				responses: { '201': json('Written: the act with its first version', schemas.ActWritten), ...EDIT_REFUSALS, '404': notFound }
			}
		},
		'/api/v1/acts/{id}/corrections': {
			post: {
				operationId: 'correctAct',
				summary: 'Correct an act',
				description:
					'Appends a version with the changed attributes, on a source and with a reason. `basedOn` is the `version` the correction ' +
					'was made from; when the act has changed since, nothing is written (409). The same checks as a new act apply to a changed ' +
					'form or date.',
				tags: ['editing'],
				security: EDITORS,
				parameters: [param('id')],
				requestBody: requestBody('The correction', schemas.CorrectActRequest),
				responses: {
					'201': json('Written: the act with its new version', schemas.ActWritten),
					...EDIT_REFUSALS,
					'404': error('No act with this id'),
					'409': CONFLICT
				}
			}
		},
		'/api/v1/acts/{id}/retractions': {
			post: {
				operationId: 'retractAct',
				summary: 'Retract an act',
				description:
					'Appends a retracted version with its source and reason: the act no longer counts, and its versions stay. A correction ' +
					'restores it. `basedOn` as for a correction.',
				tags: ['editing'],
				security: EDITORS,
				parameters: [param('id')],
				requestBody: requestBody('The retraction', schemas.RetractActRequest),
				responses: {
					'201': json('Written: the act, retracted', schemas.ActWritten),
					...EDIT_REFUSALS,
					'404': error('No act with this id'),
					'409': CONFLICT
				}
			}
		},
		'/api/v1/me': {
			get: {
				operationId: 'getMe',
				summary: 'The account the request is made as',
				description: 'Who a personal API token (or the browser’s session) belongs to: a script checks its token here before it changes anything.',
				tags: ['accounts'],
				security: [{ apiToken: [] }, { session: [] }],
				responses: {
					'200': json('The account', schemas.Me),
					'401': error('No token, or one that is unknown, revoked, or of a disabled account')
				}
			}
		},
		'/instruments/{slug}/export.csv': {
			get: {
				operationId: 'exportInstrumentCsv',
				summary: "The instrument's participant table on the date, as CSV",
				description:
					'UTF-8 with a byte-order mark, CRLF line ends, ISO dates, a header row of column names: code, name, status, signature, ' +
					'signature_known_by, consent_date, consent_kind, consent_known_by, entry_into_force, source_id, source, source_recorded_on. ' +
					'Each row carries its source: `source_id`, `source` (its title) and `source_recorded_on` (the day the source reflects).',
				tags: ['downloads'],
				parameters: [param('slug'), param('asOf')],
				responses: { '200': csv('A CSV file (attachment named `{slug}-{asOf}.csv`)'), '400': badRequest, '404': notFound }
			}
		},
		'/instruments/{slug}/export.json': {
			get: {
				operationId: 'exportInstrumentJson',
				summary: "The instrument's participant table on the date, as JSON",
				description: 'The CSV’s rows (empty fields as null) under the instrument and its source.',
				tags: ['downloads'],
				parameters: [param('slug'), param('asOf')],
				responses: { '200': json('A JSON file (attachment)', schemas.ExportTable), '400': badRequest, '404': notFound }
			}
		},
		'/instruments/{slug}/non-parties.csv': {
			get: {
				operationId: 'exportNonPartiesCsv',
				summary: 'The non-parties list as CSV: exactly the rows of the page with the same query',
				description:
					'Columns: code, name, status, signature, signature_known_by, years_since_signature, denunciation, region, subregion, ' +
					'source_id, source, source_recorded_on. Those the record cannot answer for (`unknown`) are not non-parties and are not rows. ' +
					'A download cannot show a warning the way the page does, so an unknown region or group is a 400.',
				tags: ['downloads', 'lists'],
				parameters: [param('slug'), param('asOf'), param('region'), param('group')],
				responses: { '200': csv('A CSV file'), '400': badRequest, '404': notFound }
			}
		},
		'/compare/export.csv': {
			get: {
				operationId: 'exportCompareCsv',
				summary: 'The compare matrix as CSV, one row per participant × instrument',
				description:
					'Takes the query of /api/v1/compare. Columns: code, name, instrument, status, signature, consent_date, consent_kind, ' +
					'consent_known_by, entry_into_force, denunciation, source (id), source_recorded_on.',
				tags: ['downloads', 'parity'],
				parameters: SELECTION,
				responses: { '200': csv('A CSV file'), '400': badRequest }
			}
		},
		'/compare/export.json': {
			get: {
				operationId: 'exportCompareJson',
				summary: 'The compare matrix as JSON rows, the columns of the CSV',
				description: 'Takes the query of /api/v1/compare.',
				tags: ['downloads', 'parity'],
				parameters: SELECTION,
				responses: { '200': json('The rows', schemas.CompareExport), '400': badRequest }
			}
		},
		'/feed.atom': {
			get: {
				operationId: 'getFeed',
				summary: 'The 100 newest participation events of every instrument (Atom 1.0)',
				description: 'Newest first by event date; an event whose day is not recorded by the date it is known to have happened by.',
				tags: ['feeds'],
				responses: { '200': atom('An Atom feed') }
			}
		},
		'/instruments/{slug}/feed.atom': {
			get: {
				operationId: 'getInstrumentFeed',
				summary: 'The 100 newest participation events of one instrument (Atom 1.0)',
				description: 'As /feed.atom, for one instrument.',
				tags: ['feeds'],
				parameters: [param('slug')],
				responses: { '200': atom('An Atom feed'), '404': notFound }
			}
		}
	},
	components: {
		schemas: componentSchemas,
		parameters,
		responses: {
			BadRequest: error('A malformed or unknown parameter; the message names it'),
			NotFound: error('No such instrument or participant')
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
