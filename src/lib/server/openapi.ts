// The OpenAPI 3.1 description of every public endpoint: the JSON API under /api/v1, the
// downloads and the Atom feeds. Served at /api/v1/openapi.json; a unit test checks that every
// route under src/routes/api/v1 is described here.

/** The parts of OpenAPI 3.1 this document uses (JSON Schema 2020-12 for schemas). */
type Schema = { $ref: string } | ({ description?: string; example?: unknown } & Record<string, unknown>);

interface Parameter {
	name: string;
	in: 'path' | 'query';
	required?: boolean;
	description: string;
	schema: Schema;
	example?: unknown;
}

interface Response {
	description: string;
	headers?: Record<string, { description: string; schema: Schema }>;
	content?: Record<string, { schema: Schema; example?: unknown }>;
}

interface Operation {
	operationId: string;
	summary: string;
	description?: string;
	tags: string[];
	parameters?: Parameter[];
	responses: Record<string, Response>;
}

export interface OpenApiDocument {
	openapi: '3.1.0';
	info: { title: string; version: string; description: string; license?: { name: string; identifier?: string } };
	servers: { url: string; description?: string }[];
	tags: { name: string; description: string }[];
	paths: Record<string, { get: Operation }>;
	components: { schemas: Record<string, Schema>; parameters: Record<string, Parameter>; responses: Record<string, Response> };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string) => ({ $ref: `#/components/parameters/${name}` }) as unknown as Parameter;
const isoDate = { type: 'string', format: 'date', description: 'ISO date, YYYY-MM-DD' };
const nullableDate = { type: ['string', 'null'], format: 'date' };
const json = (schema: Schema) => ({ 'application/json': { schema } });
const errors = (...codes: (400 | 404)[]) =>
	Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/${c === 400 ? 'BadRequest' : 'NotFound'}` } as unknown as Response]));

const STATUS = ['none', 'signed', 'pending', 'party', 'denounced', 'endorsed'];
const CONSENT_KINDS = ['ratification', 'acceptance', 'approval', 'accession', 'succession', 'formal-confirmation', 'definitive-signature'];
const PRECISION = ['day', 'month', 'year', 'unknown'];

export const document: OpenApiDocument = {
	openapi: '3.1.0',
	info: {
		title: 'Treaty Tracker API',
		version: '1.0.0',
		description:
			'Who has signed, ratified, accepted or acceded to the international instruments against trafficking in persons, ' +
			'as of any date. Every endpoint takes an optional `asOf` date (default today) and answers as the record stood ' +
			'then. Statuses are derived from the depositaries\' records; every row names its source. Errors are JSON ' +
			'`{ "error": "…" }` naming the parameter at fault.'
	},
	servers: [{ url: '/', description: 'this server' }],
	tags: [
		{ name: 'instruments', description: 'Instruments and their participants on a date' },
		{ name: 'participants', description: 'One participant across instruments' },
		{ name: 'lists', description: 'Non-parties, for advocates' },
		{ name: 'parity', description: 'Comparing participants and groups' },
		{ name: 'downloads', description: 'CSV and JSON files of a participant table' },
		{ name: 'feeds', description: 'Atom feeds of new participation events' },
		{ name: 'meta', description: 'This document' }
	],
	paths: {
		'/api/v1/instruments': {
			get: {
				operationId: 'listInstruments',
				summary: 'Every instrument with its counts on the date',
				tags: ['instruments'],
				parameters: [param('asOf')],
				responses: {
					'200': {
						description: 'The instruments, in the order of the home page',
						content: json({
							type: 'object',
							required: ['asOf', 'instruments'],
							properties: { asOf: isoDate, instruments: { type: 'array', items: ref('InstrumentSummary') } }
						})
					},
					...errors(400)
				}
			}
		},
		'/api/v1/instruments/{slug}': {
			get: {
				operationId: 'getInstrument',
				summary: 'One instrument and every participant the record holds an event for',
				tags: ['instruments'],
				parameters: [param('slug'), param('asOf')],
				responses: {
					'200': {
						description: 'The instrument with its participants on the date, by name',
						content: json({
							allOf: [
								ref('InstrumentSummary'),
								{
									type: 'object',
									required: ['asOf', 'participants'],
									properties: { asOf: isoDate, participants: { type: 'array', items: ref('ParticipantStatus') } }
								}
							]
						})
					},
					...errors(400, 404)
				}
			}
		},
		'/api/v1/instruments/{slug}/non-parties': {
			get: {
				operationId: 'listNonParties',
				summary: 'Who has not joined the instrument on the date',
				description:
					'Participants whose status is `none`, `signed` or `denounced` (a deposited consent not yet in force counts as ' +
					'joined), among those that may join (for ILO conventions the ILO members, for CETS 197 the Council of Europe ' +
					'members, for ACTIP the ASEAN members, on the date), optionally only the members of a region and of a group ' +
					'on that date. A State that did not yet exist on the date (South Sudan before 2011; start years from the Correlates of War ' +
					'state system) is no non-party and is left out. For an instrument without data `counts` is null and the lists are empty: ' +
					'unknown is not "nobody".',
				tags: ['lists'],
				parameters: [param('slug'), param('asOf'), param('region'), param('group')],
				responses: {
					'200': { description: 'The lists', content: json(ref('NonParties')) },
					'400': {
						description: 'A malformed `asOf`, or a `region` or `group` that names none; the message names each unknown value',
						content: json(ref('Error'))
					},
					...errors(404)
				}
			}
		},
		'/api/v1/participants/{code}': {
			get: {
				operationId: 'getParticipant',
				summary: 'One participant: its groups on the date and its status in every instrument',
				tags: ['participants'],
				parameters: [
					{
						name: 'code',
						in: 'path',
						required: true,
						description: 'ISO 3166-1 alpha-3 code; the European Union is EUU',
						schema: { type: 'string', pattern: '^[A-Za-z]{3}$' },
						example: 'IND'
					},
					param('asOf')
				],
				responses: { '200': { description: 'The participant', content: json(ref('Participant')) }, ...errors(400, 404) }
			}
		},
		'/api/v1/compare': {
			get: {
				operationId: 'compare',
				summary: 'The parity matrix: participants × instruments, with coverage among them',
				description: 'Give `codes`, `group`, or both; a group adds its members on the date. Only instruments with data are compared.',
				tags: ['parity'],
				parameters: [
					{
						name: 'codes',
						in: 'query',
						description: 'ISO 3166-1 alpha-3 codes, comma-separated',
						schema: { type: 'string' },
						example: 'FRA,DEU'
					},
					{
						name: 'group',
						in: 'query',
						description: 'Any group slug (UN regional group, organisation, M49 region): adds its members on the date',
						schema: { type: 'string' },
						example: 'council-of-europe'
					},
					param('asOf')
				],
				responses: {
					'200': { description: 'The matrix', content: json(ref('Compare')) },
					'400': {
						description: 'Neither codes nor group given, an unknown code or group (the message names them), or a malformed asOf',
						content: json(ref('Error'))
					}
				}
			}
		},
		'/api/v1/openapi.json': {
			get: {
				operationId: 'openapi',
				summary: 'This document',
				tags: ['meta'],
				responses: { '200': { description: 'OpenAPI 3.1', content: json({ type: 'object' }) } }
			}
		},
		'/instruments/{slug}/export.csv': {
			get: {
				operationId: 'exportCsv',
				summary: "The instrument's participant table on the date, as CSV",
				description:
					'UTF-8 with a byte-order mark, CRLF line ends, ISO dates, a header row of column names. Each row carries its ' +
					'source: `source_id`, `source` (its title) and `source_recorded_on` (the day the source reflects).',
				tags: ['downloads'],
				parameters: [param('slug'), param('asOf')],
				responses: {
					'200': {
						description: 'A CSV file (attachment named `{slug}-{asOf}.csv`)',
						headers: { 'Content-Disposition': { description: 'attachment; filename="…"', schema: { type: 'string' } } },
						content: { 'text/csv': { schema: { type: 'string' }, example: 'code,name,status,signature,signature_known_by,consent_date,…' } }
					},
					...errors(400, 404)
				}
			}
		},
		'/instruments/{slug}/export.json': {
			get: {
				operationId: 'exportJson',
				summary: "The instrument's participant table on the date, as JSON: the CSV's rows under its source",
				tags: ['downloads'],
				parameters: [param('slug'), param('asOf')],
				responses: { '200': { description: 'A JSON file', content: json(ref('ExportTable')) }, ...errors(400, 404) }
			}
		},
		'/instruments/{slug}/non-parties.csv': {
			get: {
				operationId: 'nonPartiesCsv',
				summary: 'The non-parties list as CSV: exactly the rows of the page with the same query',
				description: 'Unlike the JSON endpoint, an unknown region or group is left out (as on the page) rather than refused.',
				tags: ['downloads', 'lists'],
				parameters: [param('slug'), param('asOf'), param('region'), param('group')],
				responses: {
					'200': {
						description:
							'Columns: code, name, status, signature, signature_known_by, years_since_signature, denunciation, region, subregion, source_id, source, source_recorded_on',
						content: { 'text/csv': { schema: { type: 'string' } } }
					},
					...errors(400, 404)
				}
			}
		},
		'/compare/export.csv': {
			get: {
				operationId: 'compareCsv',
				summary: 'The compare matrix as CSV, one row per participant × instrument',
				description:
					'Takes the query of /api/v1/compare. Columns: code, name, instrument, status, signature, consent_date, consent_kind, ' +
					'consent_known_by, entry_into_force, denunciation, source (id), source_recorded_on.',
				tags: ['downloads', 'parity'],
				parameters: [
					{ name: 'codes', in: 'query', description: 'ISO 3166-1 alpha-3 codes, comma-separated', schema: { type: 'string' }, example: 'FRA,DEU' },
					{ name: 'group', in: 'query', description: 'Any group slug: adds its members on the date', schema: { type: 'string' } },
					param('asOf')
				],
				responses: { '200': { description: 'A CSV file', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors(400) }
			}
		},
		'/compare/export.json': {
			get: {
				operationId: 'compareJson',
				summary: 'The compare matrix as JSON rows, the columns of the CSV',
				tags: ['downloads', 'parity'],
				parameters: [
					{ name: 'codes', in: 'query', description: 'ISO 3166-1 alpha-3 codes, comma-separated', schema: { type: 'string' }, example: 'FRA,DEU' },
					{ name: 'group', in: 'query', description: 'Any group slug: adds its members on the date', schema: { type: 'string' } },
					param('asOf')
				],
				responses: {
					'200': {
						description: '`{ asOf, group, notFound, rows }`',
						content: json({
							type: 'object',
							properties: {
								asOf: isoDate,
								group: { type: ['object', 'null'] },
								notFound: { type: 'object' },
								rows: { type: 'array', items: { type: 'object' } }
							}
						})
					},
					...errors(400)
				}
			}
		},
		'/feed.atom': {
			get: {
				operationId: 'feed',
				summary: 'The 100 newest participation events of every instrument (Atom 1.0)',
				description: 'Newest first by event date; an event whose day is not recorded by the date it is known to have happened by.',
				tags: ['feeds'],
				responses: { '200': { description: 'An Atom feed', content: { 'application/atom+xml': { schema: { type: 'string' } } } } }
			}
		},
		'/instruments/{slug}/feed.atom': {
			get: {
				operationId: 'instrumentFeed',
				summary: 'The 100 newest participation events of one instrument (Atom 1.0)',
				tags: ['feeds'],
				parameters: [param('slug')],
				responses: {
					'200': { description: 'An Atom feed', content: { 'application/atom+xml': { schema: { type: 'string' } } } },
					'404': { description: 'No such instrument' }
				}
			}
		}
	},
	components: {
		parameters: {
			asOf: {
				name: 'asOf',
				in: 'query',
				description: 'Answer as the record stood on this date (default: today)',
				schema: isoDate,
				example: '2008-06-03'
			},
			slug: {
				name: 'slug',
				in: 'path',
				required: true,
				description: 'Instrument slug, e.g. untoc, trafficking-protocol, cets-197, ilo-c029',
				schema: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
				example: 'trafficking-protocol'
			},
			region: {
				name: 'region',
				in: 'query',
				description: 'An M49 region or sub-region slug (e.g. europe, sub-saharan-africa)',
				schema: { type: 'string' },
				example: 'europe'
			},
			group: {
				name: 'group',
				in: 'query',
				description:
					'A group slug: a UN regional group (african-group, asia-pacific-group, eastern-european-group, grulac, weog) or an ' +
					'organisation (european-union, council-of-europe, osce, african-union, oau, asean, saarc, ilo); membership as of `asOf`',
				schema: { type: 'string' },
				example: 'council-of-europe'
			}
		},
		responses: {
			BadRequest: { description: 'A malformed or unknown parameter; the message names it', content: json(ref('Error')) },
			NotFound: { description: 'No such instrument or participant', content: json(ref('Error')) }
		},
		schemas: {
			Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
			Status: {
				type: 'string',
				enum: STATUS,
				description: '`pending`: consent deposited, not yet in force for it; `endorsed`: a non-binding plan'
			},
			DatedFact: {
				type: 'object',
				properties: {
					date: { ...nullableDate, description: 'null when the source does not record the day' },
					precision: { type: 'string', enum: PRECISION },
					knownBy: { ...nullableDate, description: 'when the day is not recorded: the date by which it had certainly happened' }
				}
			},
			Consent: {
				type: ['object', 'null'],
				properties: {
					date: nullableDate,
					kind: { type: 'string', enum: CONSENT_KINDS },
					precision: { type: 'string', enum: PRECISION },
					knownBy: nullableDate
				}
			},
			Counts: {
				type: 'object',
				properties: {
					signatories: { type: 'integer' },
					parties: { type: 'integer', description: 'consent deposited and not denounced' },
					inForce: { type: 'integer' },
					endorsed: { type: 'integer' }
				}
			},
			InstrumentSummary: {
				type: 'object',
				properties: {
					slug: { type: 'string' },
					title: { type: 'string' },
					shortTitle: { type: 'string' },
					kind: { type: 'string', enum: ['convention', 'protocol', 'plan'] },
					body: { type: 'string' },
					adopted: nullableDate,
					entryIntoForce: { ...nullableDate, description: 'null while not in force on the date' },
					entryIntoForceBasis: { type: ['string', 'null'], enum: ['computed', 'recorded', null] },
					dataAsOf: { ...nullableDate, description: "the day the depositary's record reflects" },
					dataStatus: { type: 'string', enum: ['complete', 'partial', 'none'] },
					stale: { type: 'boolean', description: 'the date asked about is later than dataAsOf' },
					counts: ref('Counts')
				}
			},
			ParticipantStatus: {
				type: 'object',
				properties: {
					code: { type: 'string' },
					name: { type: 'string' },
					status: ref('Status'),
					signature: nullableDate,
					signatureDetail: { oneOf: [ref('DatedFact'), { type: 'null' }] },
					consent: ref('Consent'),
					entryIntoForce: nullableDate,
					entryIntoForceBy: nullableDate,
					denunciation: nullableDate,
					endorsement: nullableDate,
					declarations: { type: ['string', 'null'] },
					sourceId: { type: ['string', 'null'] },
					qualityFlag: { type: ['string', 'null'] }
				}
			},
			Participant: {
				type: 'object',
				properties: {
					asOf: isoDate,
					code: { type: 'string' },
					name: { type: 'string' },
					kind: { type: 'string', enum: ['state', 'organisation'] },
					since: {
						description: 'when the State entered the international system, at the precision the source gives; null when unknown or before 1919',
						oneOf: [
							{
								type: 'object',
								properties: { date: isoDate, precision: { type: 'string', enum: ['day', 'year'] }, source: { type: 'string' } }
							},
							{ type: 'null' }
						]
					},
					iso2: { type: ['string', 'null'] },
					numeric: { type: ['string', 'null'] },
					region: { type: ['string', 'null'] },
					subregion: { type: ['string', 'null'] },
					groups: { type: 'array', items: ref('Group') },
					instruments: {
						type: 'array',
						items: {
							type: 'object',
							properties: {
								slug: { type: 'string' },
								status: ref('Status'),
								signature: nullableDate,
								consent: ref('Consent'),
								entryIntoForce: nullableDate
							}
						}
					}
				}
			},
			Group: {
				type: 'object',
				properties: {
					slug: { type: 'string' },
					name: { type: 'string' },
					kind: { type: 'string', enum: ['un-regional-group', 'region', 'subregion', 'organisation'] }
				}
			},
			Source: {
				type: ['object', 'null'],
				properties: { id: { type: 'string' }, title: { type: 'string' }, recordedOn: nullableDate }
			},
			NonParty: {
				type: 'object',
				properties: {
					code: { type: 'string' },
					name: { type: 'string' },
					status: { type: 'string', enum: ['none', 'signed', 'denounced'] },
					region: { type: ['string', 'null'] },
					subregion: { type: ['string', 'null'] },
					signature: { oneOf: [ref('DatedFact'), { type: 'null' }] },
					signedIn: { type: ['string', 'null'], description: 'year of the signature, YYYY' },
					yearsSinceSignature: { type: ['integer', 'null'], description: 'whole years from the signature to asOf' },
					denunciation: nullableDate,
					sourceId: { type: ['string', 'null'] }
				}
			},
			NonParties: {
				type: 'object',
				properties: {
					asOf: isoDate,
					instrument: {
						type: 'object',
						properties: {
							slug: { type: 'string' },
							title: { type: 'string' },
							shortTitle: { type: 'string' },
							kind: { type: 'string' },
							openTo: { type: ['string', 'null'] },
							dataStatus: { type: 'string', enum: ['complete', 'partial', 'none'] },
							dataAsOf: nullableDate,
							stale: { type: 'boolean' }
						}
					},
					source: ref('Source'),
					scope: {
						type: 'object',
						description: 'Who is listed: members of these organisations on the date (empty: every participant)',
						properties: {
							groups: { type: 'array', items: { type: 'object', properties: { slug: { type: 'string' }, name: { type: 'string' } } } },
							organisations: { type: 'boolean', description: 'whether the European Union is listed' }
						}
					},
					filters: {
						type: 'object',
						properties: { region: { oneOf: [ref('Group'), { type: 'null' }] }, group: { oneOf: [ref('Group'), { type: 'null' }] } }
					},
					notFound: {
						type: 'object',
						properties: { region: { type: ['string', 'null'] }, group: { type: ['string', 'null'] } }
					},
					counts: {
						type: ['object', 'null'],
						description: 'null when the record holds no data for the instrument',
						properties: {
							nonParties: { type: 'integer' },
							signed: { type: 'integer' },
							notSigned: { type: 'integer' },
							denounced: { type: 'integer' }
						}
					},
					signed: { type: 'array', items: ref('NonParty'), description: 'signed, not ratified' },
					notSigned: { type: 'array', items: ref('NonParty') },
					denounced: { type: 'array', items: ref('NonParty') }
				}
			},
			Compare: {
				type: 'object',
				required: ['asOf', 'participants', 'instruments', 'cells', 'groupCoverage', 'notFound'],
				properties: {
					asOf: isoDate,
					group: { type: ['object', 'null'], properties: { slug: { type: 'string' }, name: { type: 'string' } } },
					participants: {
						type: 'array',
						items: {
							type: 'object',
							properties: {
								code: { type: 'string' },
								name: { type: 'string' },
								note: {
									type: ['string', 'null'],
									description: 'Set when the participant did not yet exist on the date: "not yet a State on this date (COW: in system from 2011)"; its cells are then none'
								}
							}
						}
					},
					instruments: {
						type: 'array',
						items: { type: 'object', properties: { slug: { type: 'string' }, shortTitle: { type: 'string' } } }
					},
					cells: {
						type: 'array',
						items: {
							type: 'object',
							properties: {
								code: { type: 'string' },
								slug: { type: 'string' },
								status: ref('Status'),
								signature: nullableDate,
								consent: ref('Consent'),
								entryIntoForce: nullableDate
							}
						}
					},
					groupCoverage: {
						type: 'array',
						items: {
							type: 'object',
							properties: {
								slug: { type: 'string' },
								parties: { type: 'integer', description: 'participants compared that have joined' },
								members: { type: 'integer', description: 'participants compared' }
							}
						}
					},
					notFound: {
						type: 'object',
						properties: { codes: { type: 'array', items: { type: 'string' } }, groups: { type: 'array', items: { type: 'string' } } }
					}
				}
			},
			ExportTable: {
				type: 'object',
				properties: {
					instrument: {
						type: 'object',
						properties: {
							slug: { type: 'string' },
							title: { type: 'string' },
							shortTitle: { type: 'string' },
							dataStatus: { type: 'string' }
						}
					},
					asOf: isoDate,
					source: ref('Source'),
					columns: { type: 'array', items: { type: 'string' } },
					rows: {
						type: 'array',
						items: {
							type: 'object',
							description: 'the CSV columns as keys; empty CSV fields are null',
							properties: {
								code: { type: 'string' },
								name: { type: 'string' },
								status: ref('Status'),
								signature: nullableDate,
								signature_known_by: nullableDate,
								consent_date: nullableDate,
								consent_kind: { type: ['string', 'null'], enum: [...CONSENT_KINDS, null] },
								consent_known_by: nullableDate,
								entry_into_force: nullableDate,
								source_id: { type: ['string', 'null'] },
								source: { type: ['string', 'null'] },
								source_recorded_on: nullableDate
							}
						}
					}
				}
			}
		}
	}
};
