// The JSON API's responses, one zod schema each: the handlers' bodies are typed by them (and
// checked against them in development and tests, see api.ts), and the OpenAPI document
// (openapi.ts) is generated from them, so the API and its description cannot drift apart.
// Every object is strict: a field the code adds without describing it here fails the check.
import { z } from 'zod';
import { STATUSES, STATUS_LABELS } from '../status';
import { CONSENT_KINDS, DATE_PRECISIONS } from '../acts';
import type { PublishedComparison as PublishedComparisonType } from '../published';
import type { DataStatus as DataStatusType, GroupKind as GroupKindType, InstrumentKind as InstrumentKindType } from './db/schema';

/** The named schemas: each becomes `#/components/schemas/{id}` and is referred to by $ref. */
export const components = z.registry<{ id: string }>();

function named<S extends z.ZodType>(id: string, schema: S, description?: string): S {
	const described = description ? schema.describe(description) : schema;
	components.add(described, { id });
	return described;
}

/**
 * A vocabulary that exists only as a TypeScript union, as an enum whose values are exactly the
 * union's (the Record makes a missing or extra value a compile error), each with what it means.
 */
function vocabulary<T extends string>(meanings: Record<T, string>) {
	const values = Object.keys(meanings) as [T, ...T[]];
	return z.enum(values).describe(values.map((v) => `\`${v}\`: ${meanings[v]}`).join('; '));
}

// ---- Parts ---------------------------------------------------------------------------------

/** An ISO date, YYYY-MM-DD: every date that crosses the API. */
export const isoDate = () => z.iso.date();
const nullableDate = (description?: string) => (description ? isoDate().nullable().describe(description) : isoDate().nullable());
const count = (description?: string) => (description ? z.int().nonnegative().describe(description) : z.int().nonnegative());
const slug = () => z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const alpha3 = () => z.string().regex(/^[A-Z]{3}$/);

export const Status = named(
	'Status',
	z.enum(STATUSES),
	'A participant’s standing in an instrument on the date: ' +
		STATUSES.map((s) => `\`${s}\` (${STATUS_LABELS[s].toLowerCase()})`).join(', ') +
		'. `endorsed` is for non-binding plans. `unknown`: the instrument’s record is partial or missing and holds no act ' +
		'of the participant — not “no action”, which only a complete record can say.'
);

export const DataStatus = named(
	'DataStatus',
	vocabulary<DataStatusType>({
		complete: 'the depositary’s whole table; a participant with no act in it has taken none',
		partial: 'excerpts, or acts without a status table; a participant with no act in it is `unknown`',
		none: 'the record holds nothing for the instrument; counts are null'
	})
);

const instrumentKind = vocabulary<InstrumentKindType>({
	convention: 'a treaty',
	protocol: 'a treaty supplementing another',
	plan: 'a non-binding plan or declaration, endorsed rather than ratified'
});

const groupKind = vocabulary<GroupKindType>({
	'un-regional-group': 'a UN regional group',
	region: 'an M49 region',
	subregion: 'an M49 sub-region',
	organisation: 'an organisation (European Union, Council of Europe, ASEAN…) or the United Nations'
});

export const Group = named('Group', z.strictObject({ slug: slug(), name: z.string(), kind: groupKind }), 'A group of participants');

const GroupName = z.strictObject({ slug: slug(), name: z.string() });

export const DatedFact = named(
	'DatedFact',
	z.strictObject({
		date: nullableDate('null when the source does not record the day'),
		precision: z.enum(DATE_PRECISIONS),
		knownBy: nullableDate('when the day is not recorded: the date by which it had certainly happened')
	}),
	'An event as precisely as the source dates it'
);

export const Consent = named(
	'Consent',
	z.strictObject({
		date: nullableDate('null when the source does not record the day'),
		kind: z.enum(CONSENT_KINDS),
		precision: z.enum(DATE_PRECISIONS),
		knownBy: nullableDate('when the day is not recorded: the date by which it had certainly happened')
	}),
	'A consent to be bound (ratification, accession…) deposited by the date'
);

export const Counts = named(
	'Counts',
	z.strictObject({
		signatories: count(),
		parties: count('consent deposited and not denounced'),
		inForce: count('parties for which the instrument is in force'),
		endorsed: count('for a plan: participants that endorsed it'),
		unknown: count(
			'participants that existed and may join but of which a partial record holds no act: the counts above are at least these far from sure'
		)
	}),
	'Counts of the participants on the date'
);

export const PublishedComparison = named(
	'PublishedComparison',
	z.strictObject({
		asOf: isoDate().describe('ISO day; for a month, its last day; for `after`, the day the total is known to be after'),
		precision: vocabulary<PublishedComparisonType['precision']>({
			day: 'published on that day',
			month: 'published in that month',
			after: 'published some time after that day'
		}),
		reportedBy: vocabulary<PublishedComparisonType['reportedBy']>({
			depositary: 'the depositary',
			secretariat: 'the Conference’s secretariat (UNODC)',
			secondary: 'a secondary source'
		}),
		signatories: count().nullable(),
		parties: count().nullable(),
		note: z.string().nullable(),
		sourceId: z.string(),
		sourceLine: z.int().positive().nullable().describe('the line of the source file the total was read from'),
		record: z.strictObject({ parties: count(), signatories: count() }).describe('the record’s own counts on that date'),
		missing: count('parties (or signatories) the record lacks against the published total; 0 when it holds as many or more'),
		newerThanRecord: z.boolean().describe('published after the record was taken: the record is behind, not wrong')
	}),
	'A total a depositary (or another) published on a date, beside the record’s own count then: "the depositary reported 123 parties on 4 May 2024; this record holds 109 — 14 are missing"'
);

export const Source = named(
	'Source',
	z.strictObject({ id: z.string(), title: z.string(), recordedOn: nullableDate('the day the source reflects') }),
	'Where the record of an instrument is taken from'
);

export const ApiError = named(
	'Error',
	z.strictObject({ error: z.string().min(1).describe('what was wrong, naming the parameter at fault') }),
	'Every error, as JSON'
);

// ---- Instruments ---------------------------------------------------------------------------

const instrumentFields = {
	slug: slug(),
	title: z.string(),
	shortTitle: z.string(),
	kind: instrumentKind,
	body: z.string().describe('the adopting organisation'),
	adopted: nullableDate(),
	entryIntoForce: nullableDate('null while not in force on the date'),
	entryIntoForceBasis: z.enum(['computed', 'recorded']).nullable().describe('computed from the record by the instrument’s rule, or as recorded by a source'),
	dataAsOf: nullableDate('the day the depositary’s record reflects'),
	dataStatus: DataStatus,
	stale: z.boolean().describe('the date asked about is later than `dataAsOf`: later events may be missing'),
	counts: Counts.nullable().describe('null when the record holds nothing for the instrument: no data is not zero parties'),
	published: PublishedComparison.nullable().describe('the newest total published on or before the date asked about, beside the record’s count then'),
	behind: PublishedComparison.nullable().describe('the newest total published at all, when it is newer than the record and the record lacks parties')
};

export const InstrumentSummary = named('InstrumentSummary', z.strictObject(instrumentFields), 'An instrument and its counts on the date');

export const ParticipantStatus = named(
	'ParticipantStatus',
	z.strictObject({
		code: alpha3(),
		name: z.string(),
		status: Status,
		signature: nullableDate(),
		signatureDetail: DatedFact.nullable(),
		consent: Consent.nullable(),
		entryIntoForce: nullableDate('when the instrument entered into force for it'),
		entryIntoForceBy: nullableDate('when the consent’s day is not recorded: the date by which it was certainly in force'),
		denunciation: nullableDate(),
		endorsement: nullableDate(),
		declarations: z.string().nullable(),
		sourceId: z.string().nullable().describe('the source the status rests on'),
		qualityFlag: z.string().nullable()
	}),
	'One participant’s row in an instrument on the date'
);

export const InstrumentList = named(
	'InstrumentList',
	z.strictObject({ asOf: isoDate(), instruments: z.array(InstrumentSummary) }),
	'Every instrument, in the order of the home page'
);

export const InstrumentDetail = named(
	'InstrumentDetail',
	z.strictObject({
		asOf: isoDate(),
		...instrumentFields,
		participants: z.array(ParticipantStatus).describe('every participant the record holds an act of, by name')
	}),
	'An instrument with its participants on the date'
);

// ---- Participants --------------------------------------------------------------------------

export const Participant = named(
	'Participant',
	z.strictObject({
		asOf: isoDate(),
		code: alpha3().describe('ISO 3166-1 alpha-3; the European Union is EUU'),
		name: z.string(),
		kind: z.enum(['state', 'organisation']),
		since: z
			.strictObject({ date: isoDate(), precision: z.enum(['day', 'year']).nullable(), source: z.string().nullable() })
			.nullable()
			.describe('when the State entered the international system, at the precision the source gives; null when unknown'),
		iso2: z.string().nullable(),
		numeric: z.string().nullable().describe('ISO 3166-1 numeric, as world-atlas ids it'),
		region: z.string().nullable(),
		subregion: z.string().nullable(),
		groups: z.array(Group).describe('the groups it belongs to on the date'),
		instruments: z.array(
			z.strictObject({
				slug: slug(),
				status: Status,
				signature: nullableDate(),
				consent: Consent.nullable(),
				entryIntoForce: nullableDate(),
				dataStatus: DataStatus,
				dataAsOf: nullableDate('the day the instrument’s record reflects')
			})
		)
	}),
	'One participant: its groups on the date and its status in every instrument'
);

// ---- Non-parties ---------------------------------------------------------------------------

export const NonParty = named(
	'NonParty',
	z.strictObject({
		code: alpha3(),
		name: z.string(),
		status: z.enum(['none', 'signed', 'denounced', 'unknown']),
		region: z.string().nullable(),
		subregion: z.string().nullable(),
		signature: DatedFact.nullable(),
		signedIn: z.string().regex(/^\d{4}$/).nullable().describe('the year of the signature, YYYY'),
		yearsSinceSignature: count('whole years from the signature to asOf').nullable(),
		denunciation: nullableDate(),
		sourceId: z.string().nullable()
	}),
	'A participant that had not joined on the date'
);

export const NonParties = named(
	'NonParties',
	z.strictObject({
		asOf: isoDate(),
		instrument: z.strictObject({
			slug: slug(),
			title: z.string(),
			shortTitle: z.string(),
			kind: instrumentKind,
			openTo: z.string().nullable().describe('who may join, in words; null: any State'),
			adopted: nullableDate(),
			dataStatus: DataStatus,
			dataAsOf: nullableDate(),
			stale: z.boolean()
		}),
		source: Source.nullable(),
		published: PublishedComparison.nullable().describe('the newest total published by the date asked about, beside the record’s count then'),
		scope: z
			.strictObject({
				groups: z.array(GroupName).describe('the organisations whose members (on the date) may join; empty: every participant'),
				named: z.array(alpha3()).describe('participants that may join although not members (States invited to accede)'),
				organisations: z.boolean().describe('whether the European Union may join')
			})
			.describe('Who is listed'),
		filters: z.strictObject({ region: Group.nullable(), group: Group.nullable() }),
		notFound: z
			.strictObject({ region: z.string().nullable(), group: z.string().nullable() })
			.describe('filter values that name no region or group (the API answers those with a 400)'),
		counts: z
			.strictObject({
				nonParties: count('signed + notSigned + denounced'),
				signed: count(),
				notSigned: count(),
				denounced: count(),
				unknown: count('not in a partial record: listed apart, never counted as non-parties')
			})
			.nullable()
			.describe('null when the record holds nothing for the instrument: it cannot say who has not joined'),
		signed: z.array(NonParty).describe('signed, not ratified'),
		notSigned: z.array(NonParty),
		denounced: z.array(NonParty),
		unknown: z.array(NonParty).describe('not in our record (a partial record holds no act of theirs): not non-parties')
	}),
	'Who had not joined an instrument on the date, among those that existed and may join it'
);

// ---- Compare -------------------------------------------------------------------------------

export const Compare = named(
	'Compare',
	z.strictObject({
		asOf: isoDate(),
		group: GroupName.nullable().describe('the group whose members were added'),
		participants: z.array(
			z.strictObject({
				code: alpha3(),
				name: z.string(),
				note: z
					.string()
					.nullable()
					.describe('set when the participant did not yet exist on the date: "not yet a State on this date (COW: in system from 2011)"')
			})
		),
		instruments: z
			.array(z.strictObject({ slug: slug(), shortTitle: z.string(), dataStatus: DataStatus, dataAsOf: nullableDate() }))
			.describe('the instruments with data'),
		cells: z.array(
			z.strictObject({
				code: alpha3(),
				slug: slug(),
				status: Status,
				signature: nullableDate(),
				consent: Consent.nullable(),
				entryIntoForce: nullableDate(),
				entryIntoForceBy: nullableDate('when the consent’s day is not recorded: the date by which it was certainly in force'),
				denunciation: nullableDate()
			})
		),
		groupCoverage: z.array(
			z.strictObject({
				slug: slug(),
				parties: count('participants compared that have joined'),
				members: count('participants compared')
			})
		),
		notFound: z.strictObject({ codes: z.array(z.string()), groups: z.array(z.string()) })
	}),
	'The parity matrix: participants × instruments on the date'
);

// ---- Downloads -----------------------------------------------------------------------------

const source = { id: z.string().nullable(), title: z.string().nullable(), recordedOn: nullableDate() };

export const ExportTable = named(
	'ExportTable',
	z.strictObject({
		instrument: z.strictObject({ slug: slug(), title: z.string(), shortTitle: z.string(), dataStatus: DataStatus }),
		asOf: isoDate(),
		source: Source.nullable(),
		columns: z.array(z.string()).readonly().describe('the CSV’s header row'),
		rows: z.array(
			z
				.strictObject({
					code: alpha3(),
					name: z.string(),
					status: Status,
					signature: nullableDate(),
					signature_known_by: nullableDate(),
					consent_date: nullableDate(),
					consent_kind: z.enum(CONSENT_KINDS).nullable(),
					consent_known_by: nullableDate(),
					entry_into_force: nullableDate(),
					source_id: source.id,
					source: source.title.describe('the title of the source the row comes from'),
					source_recorded_on: source.recordedOn.describe('the day that source reflects')
				})
				.describe('the CSV’s columns as keys; empty fields are null')
		)
	}),
	'An instrument’s participant table on the date, as the CSV has it, under its source'
);

export const CompareExport = named(
	'CompareExport',
	z.strictObject({
		asOf: isoDate(),
		group: GroupName.nullable(),
		notFound: z.strictObject({ codes: z.array(z.string()), groups: z.array(z.string()) }),
		rows: z.array(
			z.strictObject({
				code: alpha3(),
				name: z.string(),
				instrument: slug(),
				status: Status,
				signature: nullableDate(),
				consent_date: nullableDate(),
				consent_kind: z.enum(CONSENT_KINDS).nullable(),
				consent_known_by: nullableDate(),
				entry_into_force: nullableDate(),
				denunciation: nullableDate(),
				source: z.string().nullable().describe('the id of the instrument’s source'),
				source_recorded_on: nullableDate()
			})
		)
	}),
	'The compare matrix as rows, one per participant × instrument: the columns of the CSV'
);

// ---- Parameters ----------------------------------------------------------------------------

/** The shapes of the path and query parameters, for the document. */
export const params = {
	asOf: isoDate(),
	slug: slug(),
	code: z.string().regex(/^[A-Za-z]{3}$/),
	region: slug(),
	group: slug(),
	codes: z.array(z.string().regex(/^[A-Za-z]{3}$/)).min(1)
};

// ---- This document -------------------------------------------------------------------------

export const OpenApiDocument = named(
	'OpenApiDocument',
	z.looseObject({
		openapi: z.literal('3.1.0'),
		info: z.looseObject({ title: z.string(), version: z.string() }),
		paths: z.record(z.string(), z.unknown())
	}),
	'An OpenAPI 3.1 document (this one)'
);
