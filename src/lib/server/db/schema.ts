import type { Generated, Insertable, Selectable } from 'kysely';
import type { ActKind, DatePrecision, EventKind } from '../../acts';
import type { Role } from '../../roles';
import type { Stage } from '../../review/stages';
import type { Locale } from '../../paraglide/runtime';
import type { AnswerStatus, FollowUp, ObservationKind } from '../../review/labels';

export type { ActKind, DatePrecision, EventKind };

export interface SourcesTable {
	id: string;
	title: string;
	file: string | null;
	origin: string;
	recorded_on: string | null;
	recorded_on_note: string | null;
	partial: number;
	licence: string | null;
	note: string | null;
	/** A status table of this instrument: the record was brought in from it. */
	table_of: string | null;
	/** The reader that reads it (untc-csv, untc-html, normlex-csv…). */
	format: string | null;
	sha256: string | null;
	/** Who added it: null for the shipped catalogue (data/sources.json), else the actor. */
	added_by: string | null;
}

export interface ParticipantsTable {
	code: string;
	name: string;
	kind: 'state' | 'organisation';
	iso2: string | null;
	numeric: string | null;
	region_code: string | null;
	region: string | null;
	subregion_code: string | null;
	subregion: string | null;
	sids: number;
	source_id: string;
	/** First day it existed as a State (ISO date); null: no known start, treated as always existing. */
	since: string | null;
	since_precision: 'day' | 'year' | null;
	since_source_id: string | null;
	/** Where `since` comes from, or why there is none. */
	since_note: string | null;
}

export interface ParticipantAliasesTable {
	alias: string;
	code: string;
	note: string | null;
	/** Null for the reference aliases (data/aliases.csv); who mapped the name otherwise. */
	added_by?: string | null;
	added_at?: string | null;
}

export type GroupKind = 'un-regional-group' | 'region' | 'subregion' | 'organisation';

export interface GroupsTable {
	slug: string;
	name: string;
	kind: GroupKind;
	source_id: string;
	note: string | null;
}

export interface MembershipsTable {
	id: Generated<number>;
	group_slug: string;
	participant_code: string;
	joined: string | null;
	left: string | null;
	precision: 'day' | 'year' | 'unknown';
	source_id: string;
	note: string | null;
}

export type InstrumentKind = 'convention' | 'protocol' | 'plan';
export type DataStatus = 'complete' | 'partial' | 'none';

export interface InstrumentsTable {
	slug: string;
	title: string;
	short_title: string;
	kind: InstrumentKind;
	body: string;
	depositary: string | null;
	reference: string | null;
	adopted: string | null;
	parent_slug: string | null;
	prerequisite_slug: string | null;
	eif_rule: string;
	open_to: string | null;
	source_url: string | null;
	recorded_entry_into_force: string | null;
	recorded_entry_into_force_source_id: string | null;
	sort_order: number;
	note: string | null;
	/** 0 for a non-binding plan (endorsed, never in force). */
	binding: number;
	/** JSON array of group slugs whose members may join on the date; null: any State. */
	open_to_groups: string | null;
	/** JSON array of codes that may join without being members (invited States). */
	open_to_named: string;
	/** 1 when a regional economic integration organisation (the EU) may join. */
	open_to_organisations: number;
	/** The depositary's status page, which `npm run refresh` reads, and the reader of its format. */
	status_page_url: string | null;
	status_page_format: string | null;
	/** The day it was opened for signature, where that is what its text dates it by (CETS 197), not its adoption. */
	opened_for_signature: string | null;
	/** Its United Nations Treaty Series reference: registration number, volume and page, with their source. */
	unts_registration: string | null;
	unts_volume: number | null;
	unts_page: number | null;
	unts_source_id: string | null;
	unts_source_line: number | null;
}

/** A check of an instrument's status page: by the server's schedule or `npm run refresh`. */
/** A message to send by e-mail, written with the change it tells of (mail/outbox). */
export interface OutboxTable {
	id: Generated<number>;
	user_id: number;
	email: string;
	kind: string;
	subject: string;
	body: string;
	link: string;
	review_id: number | null;
	dedupe: string | null;
	created_at: string;
	sent_at: string | null;
	attempts: Generated<number>;
	next_attempt_at: string | null;
	last_error: string | null;
	failed_at: string | null;
}

export interface RefreshChecksTable {
	id: Generated<number>;
	instrument_slug: string;
	url: string;
	checked_at: string;
	by: 'schedule' | 'command';
	outcome: 'changes' | 'no-change' | 'not-modified' | 'failed';
	http_status: number | null;
	etag: string | null;
	last_modified: string | null;
	message: string;
	file_id: number | null;
	counts: string | null;
}

export interface RecordMetaTable {
	id: number;
	/** The treaty record's revision (audit/changes.ts says what moves it). */
	revision: number;
	/** The public state's revision, and when it last moved. */
	public_revision: number;
	public_at: string | null;
	seeded_at: string | null;
	seeded_from: string | null;
	reference_hash: string | null;
}

/** An act's identity: what it is, never its date or its source. */
export interface ActsTable {
	id: Generated<number>;
	instrument_slug: string;
	participant_code: string;
	kind: ActKind;
	seq: number;
	revision: number;
}

/** The attributes of an act, as one source or correction gives them. Append-only. */
export interface ActVersionsTable {
	id: Generated<number>;
	act_id: number;
	version: number;
	retracted: number;
	event: EventKind;
	date: string | null;
	precision: DatePrecision;
	earliest: string | null;
	latest: string | null;
	declarations: string | null;
	territorial_application: string | null;
	recorded_entry_into_force: string | null;
	note: string | null;
	quality_flag: string | null;
	source_id: string;
	source_line: number | null;
	reason: string | null;
	revision: number;
	recorded_at: Generated<string>;
}

/** The view current_acts: every act with its current version, retracted ones too. */
export interface CurrentActsView extends Omit<ActVersionsTable, 'id' | 'recorded_at'> {
	id: number;
	recorded_at: string;
	act_id: number;
	instrument_slug: string;
	participant_code: string;
	act: ActKind;
	seq: number;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: Generated<string>;
	actor: string;
	action: string;
	entity: string;
	entity_id: string;
	summary: string;
	before: string | null;
	after: string | null;
	source_id: string | null;
	reason: string | null;
	revision: number;
	user_id: number | null;
	role: string | null;
	address: string | null;
}

export interface UsersTable {
	id: Generated<number>;
	email: string;
	name: string | null;
	role: Role;
	participant_code: string | null;
	password_hash: string | null;
	created_at: Generated<string>;
	disabled_at: string | null;
	version: Generated<number>;
}

export interface SessionsTable {
	id_hash: string;
	user_id: number;
	created_at: string;
	expires_at: string;
	address: string | null;
	user_agent: string | null;
}

export interface InvitationsTable {
	token_hash: string;
	user_id: number;
	created_by: number | null;
	created_at: string;
	expires_at: string;
	used_at: string | null;
}

export interface ApiTokensTable {
	id: Generated<number>;
	user_id: number;
	name: string;
	token_hash: string;
	created_at: string;
	last_used_at: string | null;
	revoked_at: string | null;
}

export interface SignInAttemptsTable {
	id: Generated<number>;
	email: string;
	address: string | null;
	at: string;
	ok: number;
}

/** An article of an instrument's authentic English text (reference data, from data/raw/treaty_texts_laws_markdown). */
export interface ArticlesTable {
	id: Generated<number>;
	instrument_slug: string;
	/** Its key in the instrument and in URLs: "6"; an Annex's articles are "annex-i-3". */
	number: string;
	sort_order: number;
	/** The chapter, part or annex it stands in, as the text heads it. */
	section: string | null;
	/** Null when the text gives none (ILO conventions). */
	title: string | null;
	/** Plain text, one paragraph or sub-item a line. */
	text: string;
	source_id: string;
	source_line: number;
}

/** A total an instrument's depositary, secretariat or a secondary source published on a date. */
export interface PublishedTotalsTable {
	id: Generated<number>;
	instrument_slug: string;
	as_of: string;
	precision: 'day' | 'month' | 'after';
	signatories: number | null;
	parties: number | null;
	reported_by: 'depositary' | 'secretariat' | 'secondary';
	source_id: string;
	source_line: number | null;
	note: string | null;
}

/** One source's account of a dated event of the policy framework (a GA resolution, a launch): data/policy-events.csv. */
export interface PolicyEventsTable {
	id: Generated<number>;
	/** The event it speaks of: two sources dating one event differently are two rows of one event. */
	event: string;
	/** ISO day, or YYYY-MM / YYYY as precise as the source is. */
	date: string;
	precision: 'day' | 'month' | 'year';
	/** The last day of an event of several days. */
	end_date: string | null;
	title: string;
	place: string | null;
	description: string | null;
	source_id: string;
	source_line: number | null;
	note: string | null;
}

/** A file uploaded or pasted for an import, kept to be shown later as the source it became. */
export interface ImportFilesTable {
	id: Generated<number>;
	name: string;
	media_type: string;
	size: number;
	sha256: string;
	content: Buffer;
	uploaded_by: number | null;
	uploaded_at: string;
	source_id: string | null;
}

/** An applied import: who brought which file into which instrument, writing which acts. */
export interface ImportsTable {
	id: Generated<number>;
	instrument_slug: string;
	source_id: string;
	file_id: number | null;
	format: string;
	user_id: number | null;
	actor: string;
	at: string;
	revision: number | null;
	written: number;
	/** JSON */
	summary: string;
}

/** The column mapping last confirmed for a table pasted from a depositary. */
export interface ColumnMappingsTable {
	origin: string;
	/** JSON ColumnMapping */
	mapping: string;
	header: string | null;
	updated_by: number | null;
	updated_at: string;
}

// ——— the review mechanism ———

export interface ReviewMechanismsTable {
	id: string;
	title: string;
	short_title: string;
	/** JSON array of instrument slugs */
	instruments: string;
	instruments_note: string | null;
	established_earliest: string;
	established_latest: string;
	launched_earliest: string | null;
	launched_latest: string | null;
	/** JSON: established, launched, secretariat, progress — each with its line in the source */
	facts: string;
	source_id: string;
}

export interface ReviewSettingsTable {
	mechanism_id: string;
	key: string;
	/** JSON */
	value: string | null;
	confirmed: number;
	text: string;
	source_id: string;
	source_line: number | null;
	confirmed_by: string | null;
	confirmed_at: string | null;
}

export interface ReviewCyclesTable {
	id: string;
	mechanism_id: string;
	title: string;
	draft: number;
	draft_note: string | null;
	starts: string;
	ends: string;
	phase_months: number;
	/** JSON [{n, year, size, line}] */
	start_groups: string;
	source_id: string;
}

export interface ReviewClustersTable {
	cycle_id: string;
	n: number;
	title: string;
	title_confirmed: number;
	source_line: number | null;
}

export interface ReviewClusterArticlesTable {
	cycle_id: string;
	cluster_n: number;
	instrument_slug: string;
	article_number: string;
	confirmed: number;
	sort_order: number;
}

export interface ReviewDrawsTable {
	id: Generated<number>;
	cycle_id: string;
	seed: number;
	algorithm: string;
	parties_on: string;
	/** JSON */
	result: string;
	/** JSON */
	problems: string;
	drawn_by: string;
	drawn_at: string;
}

export interface ReviewsTable {
	id: Generated<number>;
	cycle_id: string;
	cluster_n: number;
	state_code: string;
	start_group: number | null;
	launched_on: string | null;
	stage: Stage;
	/** JSON {stage: ISO day reached} */
	reached: Generated<string>;
	summary: string | null;
	/** JSON {underReview?: {by, on}, reviewers?: {by, on}} */
	agreements: Generated<string>;
	version: Generated<number>;
	/** The working language: its questionnaire, report and e-mails are written in it ('en' for those launched before there was a choice). */
	language: Generated<Locale>;
}

export interface ReviewReviewersTable {
	id: Generated<number>;
	cycle_id: string;
	state_code: string;
	instrument_slug: string;
	reviewer_code: string;
	draw_id: number;
	replaced_at: string | null;
	replaced_reason: string | null;
	replaced_by: number | null;
}

export interface ReviewPeopleTable {
	id: Generated<number>;
	review_id: number;
	participant_code: string;
	role: 'focal-point' | 'expert';
	name: string;
	user_id: number | null;
	named_on: string;
}

export interface ReviewAnswersTable {
	review_id: number;
	instrument_slug: string;
	article_number: string;
	text: Generated<string>;
	status: AnswerStatus | null;
	/** JSON [{title, article, link}] */
	legislation: Generated<string>;
	version: Generated<number>;
	updated_by: string | null;
	updated_at: string | null;
}

export interface ReviewFilesTable {
	id: Generated<number>;
	review_id: number;
	instrument_slug: string;
	article_number: string;
	name: string;
	media_type: string;
	size: number;
	sha256: string;
	content: Buffer;
	uploaded_by: string;
	uploaded_at: string;
	removed_at: string | null;
}

export interface ReviewCommentsTable {
	id: Generated<number>;
	review_id: number;
	instrument_slug: string;
	article_number: string;
	kind: 'comment' | 'question' | 'answer';
	parent_id: number | null;
	body: string;
	author: string;
	author_participant: string | null;
	at: string;
}

export interface ReviewObservationsTable {
	id: Generated<number>;
	review_id: number;
	instrument_slug: string;
	article_number: string;
	kind: ObservationKind;
	text: string;
	follow_up: FollowUp | null;
	follow_up_evidence: string | null;
	follow_up_on: string | null;
	author: string;
	version: Generated<number>;
	updated_at: string;
}

export interface Database {
	sources: SourcesTable;
	participants: ParticipantsTable;
	participant_aliases: ParticipantAliasesTable;
	groups: GroupsTable;
	memberships: MembershipsTable;
	instruments: InstrumentsTable;
	refresh_checks: RefreshChecksTable;
	outbox: OutboxTable;
	record_meta: RecordMetaTable;
	published_totals: PublishedTotalsTable;
	policy_events: PolicyEventsTable;
	acts: ActsTable;
	act_versions: ActVersionsTable;
	current_acts: CurrentActsView;
	audit_log: AuditLogTable;
	users: UsersTable;
	sessions: SessionsTable;
	invitations: InvitationsTable;
	api_tokens: ApiTokensTable;
	sign_in_attempts: SignInAttemptsTable;
	articles: ArticlesTable;
	import_files: ImportFilesTable;
	imports: ImportsTable;
	column_mappings: ColumnMappingsTable;
	review_mechanisms: ReviewMechanismsTable;
	review_settings: ReviewSettingsTable;
	review_cycles: ReviewCyclesTable;
	review_clusters: ReviewClustersTable;
	review_cluster_articles: ReviewClusterArticlesTable;
	review_draws: ReviewDrawsTable;
	reviews: ReviewsTable;
	review_reviewers: ReviewReviewersTable;
	review_people: ReviewPeopleTable;
	review_answers: ReviewAnswersTable;
	review_files: ReviewFilesTable;
	review_comments: ReviewCommentsTable;
	review_observations: ReviewObservationsTable;
}

export type Source = Selectable<SourcesTable>;
export type Participant = Selectable<ParticipantsTable>;
export type Group = Selectable<GroupsTable>;
export type Membership = Selectable<MembershipsTable>;
export type Instrument = Selectable<InstrumentsTable>;
export type Act = Selectable<ActsTable>;
export type ActVersion = Selectable<ActVersionsTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type PublishedTotal = Selectable<PublishedTotalsTable>;
export type PolicyEvent = Selectable<PolicyEventsTable>;
export type User = Selectable<UsersTable>;
export type Article = Selectable<ArticlesTable>;
