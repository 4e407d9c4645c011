import type { Generated, Insertable, Selectable } from 'kysely';

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
	data_source_id: string | null;
	data_status: DataStatus;
	recorded_entry_into_force: string | null;
	recorded_entry_into_force_source_id: string | null;
	sort_order: number;
	note: string | null;
}

export type EventKind =
	| 'signature'
	| 'ratification'
	| 'acceptance'
	| 'approval'
	| 'accession'
	| 'succession'
	| 'formal-confirmation'
	| 'definitive-signature'
	| 'denunciation'
	| 'endorsement';

export type DatePrecision = 'day' | 'month' | 'year' | 'unknown';

export interface EventsTable {
	id: Generated<number>;
	instrument_slug: string;
	participant_code: string;
	kind: EventKind;
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
	recorded_at: Generated<string>;
}

export interface Database {
	sources: SourcesTable;
	participants: ParticipantsTable;
	participant_aliases: ParticipantAliasesTable;
	groups: GroupsTable;
	memberships: MembershipsTable;
	instruments: InstrumentsTable;
	events: EventsTable;
}

export type Source = Selectable<SourcesTable>;
export type Participant = Selectable<ParticipantsTable>;
export type Group = Selectable<GroupsTable>;
export type Membership = Selectable<MembershipsTable>;
export type Instrument = Selectable<InstrumentsTable>;
export type ParticipationEvent = Selectable<EventsTable>;
export type NewParticipationEvent = Insertable<EventsTable>;
