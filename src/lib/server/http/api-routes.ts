// Every public endpoint, declared once: its method and path, its parameters (api-params.ts: the
// schemas its handler reads the request with), its body, its answers by status (api-schemas.ts)
// and its words. The handlers read their requests with these declarations (`read(routes.x,
// event)`, `body(request, routes.x.body.schema)`), and openapi.ts makes the document's `paths`
// from them; tests/unit/openapi.test.ts fails on a route under src/routes/api/v1 missing here.
import type { z } from 'zod';
import * as schemas from './api-schemas';
import { asOf, code, codes, compareGroup, group, id, mechanism, participant, region, slug, type Param } from './api-params';

/** The groups of endpoints in the document, with what each holds. */
export const TAGS = {
	instruments: 'Instruments and their participants on a date',
	participants: 'One participant across instruments',
	lists: 'Non-parties, for advocates',
	parity: 'Comparing participants and groups',
	downloads: 'CSV and JSON files of a participant table, a non-parties list or a comparison',
	feeds: 'Atom feeds of new participation events',
	meta: 'This document',
	accounts: 'The account a request is made as',
	editing: 'Adding, correcting and retracting acts of the record (the editor and secretariat roles)',
	reviews: 'The review mechanism: progress and published country reviews'
};

/**
 * An answer: a JSON body of a named schema, a file of a media type (a CSV is an attachment),
 * or one of the document's shared answers (a malformed parameter, nothing found).
 */
export type Answer =
	| { description: string; json: z.ZodType }
	| { description: string; file: 'text/csv' | 'application/atom+xml' }
	| { shared: 'BadRequest' | 'NotFound' };

export interface Endpoint {
	method: 'get' | 'post';
	/** As the document writes it: `/api/v1/instruments/{slug}`. */
	path: string;
	operationId: string;
	summary: string;
	description: string;
	tags: readonly (keyof typeof TAGS)[];
	params: readonly Param[];
	body?: { description: string; schema: z.ZodType };
	/** Needs an account: a personal API token, or the session of a browser signed in here. The record is public. */
	account?: true;
	/** Every endpoint also answers 400 to a parameter it does not take (see `read`); the document says so. */
	responses: Record<number, Answer>;
}

/** An endpoint, its declaration's types kept: the names of its parameters, the schema of its body. */
const endpoint = <const E extends Endpoint>(e: E): E => e;

const json = (description: string, schema: z.ZodType): Answer => ({ description, json: schema });
const error = (description: string) => json(description, schemas.ApiError);
const csv = (description: string): Answer => ({ description, file: 'text/csv' });
const atom = (description: string): Answer => ({ description, file: 'application/atom+xml' });
const badRequest: Answer = { shared: 'BadRequest' };
const notFound: Answer = { shared: 'NotFound' };

// ---- Reading the record --------------------------------------------------------------------

export const listInstruments = endpoint({
	method: 'get',
	path: '/api/v1/instruments',
	operationId: 'listInstruments',
	summary: 'Every instrument with its counts on the date',
	description:
		'`counts` is null for an instrument whose record holds nothing; for a partial record `counts.unknown` says how many ' +
		'participants it cannot answer for. `published` and `behind` put a total the depositary published beside the record’s count.',
	tags: ['instruments'],
	params: [asOf],
	responses: { 200: json('The instruments, in the order of the home page', schemas.InstrumentList), 400: badRequest }
});

export const getInstrument = endpoint({
	method: 'get',
	path: '/api/v1/instruments/{slug}',
	operationId: 'getInstrument',
	summary: 'One instrument and every participant the record holds an act of',
	description: 'The fields of the list, plus `participants` by name with each one’s status on the date.',
	tags: ['instruments'],
	params: [slug, asOf],
	responses: { 200: json('The instrument with its participants on the date', schemas.InstrumentDetail), 400: badRequest, 404: notFound }
});

export const listNonParties = endpoint({
	method: 'get',
	path: '/api/v1/instruments/{slug}/non-parties',
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
	params: [slug, asOf, region, group],
	responses: {
		200: json('The lists', schemas.NonParties),
		400: error('A malformed `asOf`, or a `region` or `group` that names none; the message names each unknown value'),
		404: notFound
	}
});

export const getParticipant = endpoint({
	method: 'get',
	path: '/api/v1/participants/{code}',
	operationId: 'getParticipant',
	summary: 'One participant: its groups on the date and its status in every instrument',
	description: 'Each instrument’s `dataStatus` says whether a `none` is the record’s word or an `unknown` its silence.',
	tags: ['participants'],
	params: [code, asOf],
	responses: { 200: json('The participant', schemas.Participant), 400: badRequest, 404: notFound }
});

/** What a comparison takes: the API's, and its downloads'. */
const SELECTION = [codes, compareGroup, asOf] as const;

export const compareParticipants = endpoint({
	method: 'get',
	path: '/api/v1/compare',
	operationId: 'compareParticipants',
	summary: 'The parity matrix: participants × instruments, with coverage among them',
	description: 'Give `codes`, `group`, or both; a group adds its members on the date. Only instruments with data are compared.',
	tags: ['parity'],
	params: SELECTION,
	responses: {
		200: json('The matrix', schemas.Compare),
		400: error('Neither codes nor group given, an unknown code or group (the message names them), or a malformed asOf')
	}
});

export const getOpenApiDocument = endpoint({
	method: 'get',
	path: '/api/v1/openapi.json',
	operationId: 'getOpenApiDocument',
	summary: 'This document',
	description: 'The OpenAPI 3.1 description of the API, the downloads and the feeds, generated from the schemas the responses are checked against.',
	tags: ['meta'],
	params: [],
	responses: { 200: json('OpenAPI 3.1', schemas.OpenApiDocument) }
});

// ---- Editing the record --------------------------------------------------------------------

const EDIT_REFUSALS = {
	400: json('Nothing written: a message per field at fault (`fields`), or warnings to confirm with `"confirm": true`', schemas.ValidationError),
	401: error('No session or API token: sign in, or send `Authorization: Bearer tt_…`'),
	403: error('The account’s role may not edit the record (the editor and secretariat roles may); the message says what is lacking'),
	415: error('The body is not sent as `application/json`')
};
const CONFLICT = json(
	'Nothing written: the act changed since the version the request was made from. The body holds the act as it now stands and every change since',
	schemas.ActConflict
);

export const listActs = endpoint({
	method: 'get',
	path: '/api/v1/instruments/{slug}/events',
	operationId: 'listActs',
	summary: 'The acts of an instrument, with their ids and versions',
	description:
		'Every act the record holds of the instrument (retracted ones too, with `retracted: true`), each as its current version ' +
		'says, with the `id` and `version` a correction or a retraction needs. Public, like the rest of the record.',
	tags: ['editing', 'instruments'],
	params: [slug, participant],
	responses: { 200: json('The acts', schemas.ActList), 400: badRequest, 404: notFound }
});

export const recordAct = endpoint({
	method: 'post',
	path: '/api/v1/instruments/{slug}/events',
	operationId: 'recordAct',
	summary: 'Record a new act of the instrument',
	description:
		'A signature, a consent (ratification, acceptance, approval, accession…), a denunciation or an endorsement, with its date ' +
		'and its source. Checked before it is written: the participant and the date (not in the future, not before the instrument ' +
		'was adopted), a ratification without the signature it confirms, a duplicate (already in the record: correct it instead). ' +
		'A consent to a Protocol before the participant’s consent to its Convention (UNTOC art. 37) is a warning: the answer is a 400 ' +
		'listing it, and the same request with `"confirm": true` writes the act.',
	tags: ['editing'],
	account: true,
	params: [slug],
	body: { description: 'The act', schema: schemas.RecordActRequest },
	responses: { 201: json('Written: the act with its first version', schemas.ActWritten), ...EDIT_REFUSALS, 404: notFound }
});

export const correctAct = endpoint({
	method: 'post',
	path: '/api/v1/acts/{id}/corrections',
	operationId: 'correctAct',
	summary: 'Correct an act',
	description:
		'Appends a version with the changed attributes, on a source and with a reason. `basedOn` is the `version` the correction ' +
		'was made from; when the act has changed since, nothing is written (409). The same checks as a new act apply to a changed ' +
		'form or date.',
	tags: ['editing'],
	account: true,
	params: [id],
	body: { description: 'The correction', schema: schemas.CorrectActRequest },
	responses: { 201: json('Written: the act with its new version', schemas.ActWritten), ...EDIT_REFUSALS, 404: error('No act with this id'), 409: CONFLICT }
});

export const retractAct = endpoint({
	method: 'post',
	path: '/api/v1/acts/{id}/retractions',
	operationId: 'retractAct',
	summary: 'Retract an act',
	description:
		'Appends a retracted version with its source and reason: the act no longer counts, and its versions stay. A correction ' +
		'restores it. `basedOn` as for a correction.',
	tags: ['editing'],
	account: true,
	params: [id],
	body: { description: 'The retraction', schema: schemas.RetractActRequest },
	responses: { 201: json('Written: the act, retracted', schemas.ActWritten), ...EDIT_REFUSALS, 404: error('No act with this id'), 409: CONFLICT }
});

export const getMe = endpoint({
	method: 'get',
	path: '/api/v1/me',
	operationId: 'getMe',
	summary: 'The account the request is made as',
	description: 'Who a personal API token (or the browser’s session) belongs to: a script checks its token here before it changes anything.',
	tags: ['accounts'],
	account: true,
	params: [],
	responses: { 200: json('The account', schemas.Me), 401: error('No token, or one that is unknown, revoked, or of a disabled account') }
});

// ---- Country reviews -----------------------------------------------------------------------

export const listReviews = endpoint({
	method: 'get',
	path: '/api/v1/reviews',
	operationId: 'listReviews',
	summary: 'The progress of every review cycle, and every published country review',
	description:
		'How many States of each cycle are not started, under way and published, and how many reviews are at each stage; ' +
		'then each published review with its summary and recommendations. A review’s work before publication is never here.',
	tags: ['reviews'],
	params: [],
	responses: { 200: json('Progress and published reviews', schemas.ReviewList), 400: badRequest }
});

export const getReviewMechanism = endpoint({
	method: 'get',
	path: '/api/v1/review-mechanisms/{id}',
	operationId: 'getReviewMechanism',
	summary: 'A review mechanism: its instruments, clusters and settings',
	description: 'The clusters in order, each article with its instrument’s slug, its number as text and whether its placement is confirmed by a source.',
	tags: ['reviews'],
	params: [mechanism],
	responses: { 200: json('The mechanism', schemas.ReviewMechanism), 404: notFound }
});

// ---- Downloads and feeds -------------------------------------------------------------------

export const exportInstrumentCsv = endpoint({
	method: 'get',
	path: '/instruments/{slug}/export.csv',
	operationId: 'exportInstrumentCsv',
	summary: "The instrument's participant table on the date, as CSV",
	description:
		'UTF-8 with a byte-order mark, CRLF line ends, ISO dates, a header row of column names: code, name, status, signature, ' +
		'signature_known_by, consent_date, consent_kind, consent_known_by, entry_into_force, source_id, source, source_recorded_on. ' +
		'Each row carries its source: `source_id`, `source` (its title) and `source_recorded_on` (the day the source reflects).',
	tags: ['downloads'],
	params: [slug, asOf],
	responses: { 200: csv('A CSV file (attachment named `{slug}-{asOf}.csv`)'), 400: badRequest, 404: notFound }
});

export const exportInstrumentJson = endpoint({
	method: 'get',
	path: '/instruments/{slug}/export.json',
	operationId: 'exportInstrumentJson',
	summary: "The instrument's participant table on the date, as JSON",
	description: 'The CSV’s rows (empty fields as null) under the instrument and its source.',
	tags: ['downloads'],
	params: [slug, asOf],
	responses: { 200: json('A JSON file (attachment)', schemas.ExportTable), 400: badRequest, 404: notFound }
});

export const exportNonPartiesCsv = endpoint({
	method: 'get',
	path: '/instruments/{slug}/non-parties.csv',
	operationId: 'exportNonPartiesCsv',
	summary: 'The non-parties list as CSV: exactly the rows of the page with the same query',
	description:
		'Columns: code, name, status, signature, signature_known_by, years_since_signature, denunciation, region, subregion, ' +
		'source_id, source, source_recorded_on. Those the record cannot answer for (`unknown`) are not non-parties and are not rows. ' +
		'A download cannot show a warning the way the page does, so an unknown region or group is a 400.',
	tags: ['downloads', 'lists'],
	params: [slug, asOf, region, group],
	responses: { 200: csv('A CSV file'), 400: badRequest, 404: notFound }
});

export const exportCompareCsv = endpoint({
	method: 'get',
	path: '/compare/export.csv',
	operationId: 'exportCompareCsv',
	summary: 'The compare matrix as CSV, one row per participant × instrument',
	description:
		'Takes the query of /api/v1/compare. Columns: code, name, instrument, status, signature, consent_date, consent_kind, ' +
		'consent_known_by, entry_into_force, denunciation, source (id), source_recorded_on.',
	tags: ['downloads', 'parity'],
	params: SELECTION,
	responses: { 200: csv('A CSV file'), 400: badRequest }
});

export const exportCompareJson = endpoint({
	method: 'get',
	path: '/compare/export.json',
	operationId: 'exportCompareJson',
	summary: 'The compare matrix as JSON rows, the columns of the CSV',
	description: 'Takes the query of /api/v1/compare.',
	tags: ['downloads', 'parity'],
	params: SELECTION,
	responses: { 200: json('The rows', schemas.CompareExport), 400: badRequest }
});

export const getFeed = endpoint({
	method: 'get',
	path: '/feed.atom',
	operationId: 'getFeed',
	summary: 'The 100 newest participation events of every instrument (Atom 1.0)',
	description: 'Newest first by event date; an event whose day is not recorded by the date it is known to have happened by.',
	tags: ['feeds'],
	params: [],
	responses: { 200: atom('An Atom feed') }
});

export const getInstrumentFeed = endpoint({
	method: 'get',
	path: '/instruments/{slug}/feed.atom',
	operationId: 'getInstrumentFeed',
	summary: 'The 100 newest participation events of one instrument (Atom 1.0)',
	description: 'As /feed.atom, for one instrument.',
	tags: ['feeds'],
	params: [slug],
	responses: { 200: atom('An Atom feed'), 404: notFound }
});

/** Every endpoint, in the order the document lists them. */
export const endpoints: readonly Endpoint[] = [
	listInstruments,
	getInstrument,
	listNonParties,
	getParticipant,
	compareParticipants,
	getOpenApiDocument,
	listActs,
	recordAct,
	correctAct,
	retractAct,
	getMe,
	listReviews,
	getReviewMechanism,
	exportInstrumentCsv,
	exportInstrumentJson,
	exportNonPartiesCsv,
	exportCompareCsv,
	exportCompareJson,
	getFeed,
	getInstrumentFeed
];

export { notFound, read } from './api-params';
