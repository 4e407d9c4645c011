// The JSON API's responses, one zod schema each: the handlers' bodies are typed by them (and
// checked against them in development and tests, see api.ts), and the OpenAPI document
// (openapi.ts) is generated from them, so the API and its description cannot drift apart.
// Every object is strict: a field the code adds without describing it here fails the check.
import { z } from 'zod';
import { STATUSES, STATUS_LABELS } from '../../status';
import { ACT_KINDS, CONSENT_KINDS, DATE_PRECISIONS, EVENT_KINDS } from '../../acts';
import { ROLES } from '../../roles';
import { STAGES, STAGE_LABELS } from '../../review/stages';
import { FOLLOW_UPS } from '../../review/labels';
import type { PublishedComparison as PublishedComparisonType } from '../../published';
import type { DataStatus as DataStatusType, GroupKind as GroupKindType, InstrumentKind as InstrumentKindType } from '../db/schema';
import { MAX_REASON, MAX_SOURCE, MAX_TEXT, type TextField } from '../record/validation';

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
		'. `endorsed` is for non-binding plans. `unknown`: what the record cannot say — the instrument’s record is partial or ' +
		'missing and holds no act of the participant (not “no action”, which only a complete record can say), or the date ' +
		'asked about is later than the record can vouch for and the participant had not consented by then (a party stays ' +
		'a party; a signatory may since have ratified): see `lastKnown`.'
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
	openedForSignature: z.boolean().describe('`adopted` is the day it was opened for signature (CETS 197): its adoption is not recorded'),
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

const LastKnown = z
	.strictObject({ status: Status, on: isoDate().describe('the last day the record can vouch for: the instrument’s record date, or the newest source that speaks of the participant') })
	.nullable()
	.describe('for `unknown` after the record’s date: the status the record last knew, and on which day (Japan on UNTOC today: signed, on 2014-01-27)');

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
		qualityFlag: z.string().nullable(),
		lastKnown: LastKnown
	}),
	'One participant’s row in an instrument on the date'
);

export const InstrumentList = named(
	'InstrumentList',
	z.strictObject({ asOf: isoDate(), instruments: z.array(InstrumentSummary) }),
	'Every instrument, in the order of the home page'
);

export const TreatySeries = named(
	'TreatySeries',
	z.strictObject({
		number: z.string().regex(/^\d+$/).describe('the registration number, as the Treaty Series writes it'),
		volume: z.int().positive(),
		page: z.int().positive(),
		sourceId: z.string().describe('the source the reference was read from'),
		sourceLine: z.int().positive().nullable().describe('the line of that source file')
	}),
	'Where the instrument is registered and published in the United Nations Treaty Series: "UNTS vol. 2237, p. 319, No. 39574"'
);

export const InstrumentDetail = named(
	'InstrumentDetail',
	z.strictObject({
		asOf: isoDate(),
		...instrumentFields,
		treatySeries: TreatySeries.nullable().describe('its UN Treaty Series reference; null when the record has none (not registered with the UN, or not known)'),
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
				dataAsOf: nullableDate('the day the instrument’s record reflects'),
				lastKnown: LastKnown
			})
		),
		toJoin: z
			.array(
				z.strictObject({
					slug: slug(),
					status: Status.describe('none, signed, denounced, or unknown where the record cannot say (see lastKnown)'),
					lastKnown: LastKnown,
					openSince: nullableDate('the day it became open to the participant (its opening, the participant’s start, or its joining the group the instrument is open to)')
				})
			)
			.describe('every instrument open to it on the date that it has not joined, whatever its peers did')
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
		sourceId: z.string().nullable(),
		lastKnown: LastKnown
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
				unknown: count('not in a partial record: listed apart, never counted as non-parties'),
				stale: count('not joined when the record last knew, which is earlier than the date: listed apart, never counted as non-parties')
			})
			.nullable()
			.describe('null when the record holds nothing for the instrument: it cannot say who has not joined'),
		signed: z.array(NonParty).describe('signed, not ratified'),
		notSigned: z.array(NonParty),
		denounced: z.array(NonParty),
		unknown: z.array(NonParty).describe('not in our record (a partial record holds no act of theirs): not non-parties'),
		stale: z.array(NonParty).describe('not joined when the record last knew (each with `lastKnown`); the date asked about is later, so they may have joined since: not non-parties')
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
				denunciation: nullableDate(),
				lastKnown: LastKnown,
				open: z.boolean().describe('false when the instrument was not open to the participant on the date and it had done nothing: "not open to it", not "no action"')
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
				open: z.boolean().describe('false: the instrument was not open to the participant on the date, and it had done nothing'),
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

// ---- Accounts ------------------------------------------------------------------------------

export const Me = named(
	'Me',
	z.strictObject({
		email: z.email(),
		name: z.string().nullable(),
		role: z.enum(ROLES).describe('what the account may do: secretariat, editor, focal-point or reviewer'),
		participant: alpha3().nullable().describe('the participant a focal point speaks for; null for the other roles')
	}),
	'The account a request is made as (by its API token or session)'
);

// ---- Editing the record (the editor and secretariat roles) ---------------------------------

const eventKind = z.enum(EVENT_KINDS).describe('the form of the act: ' + EVENT_KINDS.join(', '));
const text = (max: number, description: string) => z.string().max(max).nullable().describe(description);

export const Act = named(
	'Act',
	z.strictObject({
		id: z.int().positive().describe('the act’s id: stable across its corrections'),
		instrument: slug(),
		participant: alpha3(),
		kind: z.enum(ACT_KINDS).describe('what the act is; with instrument, participant and seq, its identity'),
		seq: z.int().positive().describe('1 unless the act repeats (a second consent after a denunciation)'),
		version: z.int().positive().describe('its current version: send it back as `basedOn` to correct or retract the act'),
		retracted: z.boolean().describe('a retracted act no longer counts; its versions stay'),
		reason: z.string().nullable().describe('why the current version was written'),
		recordedAt: z.string().describe('when the current version was written (ISO timestamp, UTC)'),
		event: eventKind,
		date: nullableDate('null when the source does not give the day'),
		precision: z.enum(DATE_PRECISIONS),
		earliest: nullableDate('when the day is not given: the earliest it can have been'),
		latest: nullableDate('when the day is not given: the day by which it had certainly happened'),
		declarations: z.string().nullable(),
		territorialApplication: z.string().nullable(),
		recordedEntryIntoForce: nullableDate('the entry into force for the participant, as a source states it'),
		note: z.string().nullable(),
		qualityFlag: z.string().nullable().describe('a doubt about the act, as its source or an editor flags it'),
		sourceId: z.string().describe('the source of the current version: see /sources'),
		sourceLine: z.int().positive().nullable().describe('the line of the source file it was read from')
	}),
	'An act of the record (a signature, a consent, a denunciation, an endorsement), as its current version says'
);

export const ActList = named(
	'ActList',
	z.strictObject({ instrument: slug(), acts: z.array(Act).describe('by participant, then kind; retracted ones too') }),
	'The acts of an instrument, with the ids and versions a script needs to correct or retract one'
);

export const Finding = named(
	'Finding',
	z.strictObject({
		field: z.enum(['instrument', 'participant', 'event', 'date', 'source', 'reason', 'basedOn', 'act', ...(Object.keys(MAX_TEXT) as TextField[])]).describe('the field it is about'),
		message: z.string().min(1),
		href: z.string().optional().describe('a page that helps: the act to correct instead, the article cited')
	}),
	'A problem with one field of an edit, or a warning about it'
);

export const ValidationError = named(
	'ValidationError',
	z.strictObject({
		error: z.string().min(1).describe('every problem, each naming its field'),
		fields: z.record(z.string(), z.string()).describe('one message per field at fault'),
		warnings: z.array(Finding).describe('to confirm: send the request again with `"confirm": true` to write it anyway'),
		needsConfirmation: z.boolean().describe('true when only warnings stand in the way')
	}),
	'An edit refused, nothing written: a message per field, and the warnings to confirm'
);

export const ActWritten = named(
	'ActWritten',
	z.strictObject({
		act: Act,
		warnings: z.array(Finding).describe('the warnings confirmed with the request'),
		source: z.strictObject({
			id: z.string(),
			added: z.boolean().describe('true when the request’s notification reference or address became a new source')
		})
	}),
	'The act as written, with its new version'
);

export const ActConflict = named(
	'ActConflict',
	z.strictObject({
		error: z.string().min(1),
		basedOn: z.int().positive().describe('the version the request was made from'),
		current: Act,
		changes: z
			.array(
				z.strictObject({
					version: z.int().positive(),
					action: z.string().nullable().describe('record, correct or retract'),
					by: z.string().nullable().describe('who wrote it: an account’s email, or a process (an import)'),
					role: z.string().nullable(),
					at: z.string().nullable().describe('when (ISO timestamp, UTC)'),
					reason: z.string().nullable(),
					sourceId: z.string(),
					retracted: z.boolean(),
					event: eventKind,
					date: nullableDate(),
					latest: nullableDate()
				})
			)
			.describe('what was written since `basedOn`, oldest first')
	}),
	'The act changed since the version the request was made from: nothing was written'
);

const sourceRef = z
	.string()
	.min(1)
	.max(MAX_SOURCE)
	.describe('a source id (see /sources), a UN depositary notification such as C.N.123.2024.TREATIES-XVIII.12.a, or an http(s) address; a new reference or address joins the catalogue');
const confirm = z.boolean().optional().describe('write it despite the warnings an earlier answer listed');
const attributes = {
	date: isoDate().nullable().optional().describe('the day; giving one makes the act day-precision, without bounds'),
	precision: z.enum(DATE_PRECISIONS).optional().describe('when the day is not given: how precisely the source dates it'),
	earliest: isoDate().nullable().optional(),
	latest: isoDate().nullable().optional().describe('when the day is not given: the day by which it had certainly happened'),
	declarations: text(MAX_TEXT.declarations, 'declarations and reservations, as the source gives them').optional(),
	territorialApplication: text(MAX_TEXT.territorialApplication, 'territorial application').optional(),
	recordedEntryIntoForce: isoDate().nullable().optional().describe('the entry into force for the participant, as the source states it'),
	note: text(MAX_TEXT.note, 'a note about the act').optional(),
	qualityFlag: text(MAX_TEXT.qualityFlag, 'a doubt about the act; null clears it').optional()
};

export const RecordActRequest = named(
	'RecordActRequest',
	z.strictObject({
		participant: z.string().regex(/^[A-Za-z]{3}$/).describe('ISO 3166-1 alpha-3 (EUU for the European Union)'),
		event: eventKind,
		...attributes,
		source: sourceRef,
		reason: z.string().max(MAX_REASON).optional().describe('why it is added (optional)'),
		confirm
	}),
	'A new act: its participant, form, date and source'
);

export const CorrectActRequest = named(
	'CorrectActRequest',
	z.strictObject({
		basedOn: z.int().positive().describe('the version the correction was made from (`version` of the act as read)'),
		changes: z.strictObject({ event: eventKind.optional(), ...attributes }).describe('only what changes'),
		source: sourceRef,
		reason: z.string().min(1).max(MAX_REASON).describe('why: what was wrong, and what the source shows'),
		confirm
	}),
	'A correction of an act, from the version it was made from'
);

export const RetractActRequest = named(
	'RetractActRequest',
	z.strictObject({
		basedOn: z.int().positive().describe('the version the retraction was made from'),
		source: sourceRef,
		reason: z.string().min(1).max(MAX_REASON).describe('why the act should no longer count')
	}),
	'A retraction of an act: it no longer counts, and its versions stay'
);

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

// ---- Country reviews -----------------------------------------------------------------------

const reviewStage = z.enum(STAGES).describe(STAGES.map((s) => `\`${s}\`: ${STAGE_LABELS[s].toLowerCase()}`).join('; '));

export const PublishedReview = named(
	'PublishedReview',
	z.strictObject({
		id: z.int().positive(),
		state: alpha3(),
		stateName: z.string(),
		cycle: z.string(),
		cluster: z.strictObject({ number: z.int().positive(), title: z.string() }),
		instruments: z.array(slug()).describe('the instruments the State was reviewed on'),
		reviewers: z.array(z.strictObject({ instrument: slug(), states: z.array(alpha3()) })),
		stages: z.array(z.strictObject({ stage: reviewStage, on: nullableDate('the day it was reached; null: not recorded') })),
		published: nullableDate(),
		summary: z.string().nullable().describe('the executive summary; null when the mechanism does not publish summaries'),
		recommendations: z.array(
			z.strictObject({
				instrument: slug(),
				article: z.string(),
				text: z.string(),
				followUp: z.enum(FOLLOW_UPS).nullable(),
				followUpOn: nullableDate()
			})
		),
		page: z.string().describe('the public page of the review (a path)')
	}),
	'A published country review: what anyone may read of it — never the answers, evidence, comments or people'
);

export const ReviewList = named(
	'ReviewList',
	z.strictObject({
		progress: z.array(
			z.strictObject({
				cycle: z.string(),
				mechanism: z.string(),
				notStarted: count('States with reviewers drawn and no review launched'),
				underWay: count('reviews launched and not yet published'),
				published: count(),
				byStage: z.strictObject(Object.fromEntries(STAGES.map((st) => [st, count()])) as Record<(typeof STAGES)[number], ReturnType<typeof count>>).describe('reviews at each stage')
			})
		),
		published: z.array(PublishedReview).describe('newest publication first')
	}),
	'The progress of every review cycle, and every published country review'
);

export const ReviewMechanism = named(
	'ReviewMechanism',
	z.strictObject({
		id: slug(),
		title: z.string(),
		instruments: z.array(slug()).describe('the instruments it reviews; each State on those it is party to'),
		clusters: z
			.array(
				z.strictObject({
					number: z.int().positive(),
					title: z.string(),
					titleConfirmed: z.boolean(),
					articles: z.array(
						z.strictObject({
							instrument: slug(),
							article: z.string().describe('the article’s number, as text ("2", "5")'),
							title: z.string().nullable(),
							confirmed: z.boolean().describe('false: a placement Treaty Tracker proposes, for the secretariat to confirm')
						})
					)
				})
			)
			.describe('in order; the clusters of its first cycle'),
		settings: z
			.array(
				z.strictObject({
					key: z.string(),
					number: z.number().nullable().describe('a number setting’s value (null: none, e.g. no deadline, or a yes/no setting)'),
					flag: z.boolean().nullable().describe('a yes/no setting’s value (null: a number setting)'),
					confirmed: z.boolean(),
					text: z.string()
				})
			)
			.describe('the rules of the draw and the deadlines; confirmed false: this configuration’s proposal')
	}),
	'A review mechanism: its instruments, its clusters with their articles, its settings'
);
