// Who has not joined an instrument on a date: the advocates' list, filtered by M49 region
// and by group, as the page, its CSV and the API give it.
import type { Db } from '../db';
import type { GroupKind, InstrumentKind } from '../db/schema';
import { hasJoined, type Status, type LastKnown } from '../../status';
import { yearsBetween } from '../../dates';
import * as eligibility from '../record/eligibility';
import * as records from '../record/record';
import * as status from '../record/status';
import { toCsv } from './exports';
import type { DatedFact } from '../record/status';
import type { PublishedComparison } from '../../published';
import type { InstrumentRecord } from '../record/record';
import { quote } from '../text/query';
import { m } from '$lib/paraglide/messages';
import { collate, groupLabel, stateName } from '../../i18n';

const REGION_KINDS: readonly GroupKind[] = ['region', 'subregion'];
const GROUP_KINDS: readonly GroupKind[] = ['un-regional-group', 'organisation'];

export interface GroupOption {
	slug: string;
	name: string;
	kind: GroupKind;
}

export interface NonParty {
	code: string;
	name: string;
	status: 'none' | 'signed' | 'denounced' | 'unknown';
	region: string | null;
	subregion: string | null;
	signature: DatedFact | null;
	/** Year of the signature ("2002"); of the date it is known by when the day is not recorded. */
	signedIn: string | null;
	/** Whole years from the signature to the date asked about. */
	yearsSinceSignature: number | null;
	denunciation: string | null;
	sourceId: string | null;
	/** Not known on the date, which is later than the record can vouch for: what it last knew, and when. */
	lastKnown: LastKnown | null;
}

export interface Scope {
	/** The organisations whose members (on the date) are listed; empty = every participant. */
	groups: { slug: string; name: string }[];
	/** Participants that may join although not members (States invited to accede). */
	named: string[];
	/** Whether organisations (the European Union) may join: the UN Convention and its Protocols. */
	organisations: boolean;
}

export interface NonParties {
	asOf: string;
	instrument: {
		slug: string;
		title: string;
		shortTitle: string;
		kind: InstrumentKind;
		openTo: string | null;
		adopted: string | null;
		dataStatus: 'complete' | 'partial' | 'none';
		dataAsOf: string | null;
		/** The date asked about is later than the record. */
		stale: boolean;
	};
	source: { id: string; title: string; recordedOn: string | null } | null;
	/** The newest total published by the date asked about, beside the record's count then. */
	published: PublishedComparison | null;
	scope: Scope;
	filters: { region: GroupOption | null; group: GroupOption | null };
	/** Filter values given that name no region or group; those filters are not applied. */
	notFound: { region: string | null; group: string | null };
	/**
	 * Null when the record holds no data for the instrument: it cannot say who has not joined.
	 * `unknown` are not non-parties: the partial record holds no act of theirs.
	 */
	counts: { nonParties: number; signed: number; notSigned: number; denounced: number; unknown: number; stale: number } | null;
	signed: NonParty[];
	notSigned: NonParty[];
	denounced: NonParty[];
	/** Not in our record (a partial record): listed apart, never counted as non-parties. */
	unknown: NonParty[];
	/**
	 * Not parties when the record last knew (its date is earlier than the date asked about): they
	 * may have joined since. Listed apart, with what the record last knew; not counted as non-parties.
	 */
	stale: NonParty[];
}

/** The region and group filters a list can take, for the form's selects. */
export async function filters(db: Db): Promise<{ regions: GroupOption[]; groups: GroupOption[] }> {
	const all = await db.selectFrom('groups').select(['slug', 'name', 'kind']).orderBy('name').execute();
	return {
		regions: all.filter((g) => REGION_KINDS.includes(g.kind)),
		groups: all.filter((g) => GROUP_KINDS.includes(g.kind))
	};
}

/** Who may join an instrument, as the list states it: the organisations whose members may, named non-members, the EU. */
export function scopeOf(ir: InstrumentRecord, names: Map<string, string>): Scope {
	return {
		groups: (ir.openToGroups ?? []).map((slug) => ({ slug, name: names.get(slug) ?? slug })),
		named: ir.openToNamed,
		organisations: ir.openToOrganisations
	};
}

/**
 * Every participant that has not joined `slug` on `asOf` (none, signed, or denounced), among
 * those that existed then and may join it, optionally only the members of a region and of a
 * group on that date. Null for an unknown instrument. Unknown filter values are reported in
 * `notFound`, not applied.
 */
export async function list(
	db: Db,
	opts: { slug: string; asOf: string; region?: string | null; group?: string | null }
): Promise<NonParties | null> {
	const record = await records.get(db);
	const ir = record.instruments.get(opts.slug);
	if (!ir) return null;
	const { asOf } = opts;
	const options = await filters(db);
	const groupNames = new Map([...options.regions, ...options.groups].map((g) => [g.slug, g.name]));

	const pick = (value: string | null | undefined, among: GroupOption[]) => {
		if (!value) return { found: null, missing: null };
		const found = among.find((g) => g.slug === value) ?? null;
		// reported back as a message quotes it: a long mistake is cut
		return { found, missing: found ? null : quote(value) };
	};
	const region = pick(opts.region, options.regions);
	const group = pick(opts.group, options.groups);

	const scope = scopeOf(ir, groupNames);
	const recorded = status.recordDate(ir, asOf);
	const source = ir.source;

	const result: NonParties = {
		asOf,
		instrument: {
			slug: ir.instrument.slug,
			title: ir.instrument.title,
			shortTitle: ir.instrument.short_title,
			kind: ir.instrument.kind,
			adopted: ir.instrument.adopted,
			openTo: ir.instrument.open_to,
			dataStatus: ir.dataStatus,
			dataAsOf: recorded.dataAsOf,
			stale: recorded.stale
		},
		source: source ? { id: source.id, title: source.title, recordedOn: source.recorded_on } : null,
		published: status.publishedOn(ir, asOf),
		scope,
		filters: { region: region.found, group: group.found },
		notFound: { region: region.missing, group: group.missing },
		counts: null,
		signed: [],
		notSigned: [],
		denounced: [],
		unknown: [],
		stale: []
	};
	// No data is not "nobody has joined": say nothing rather than list everyone.
	if (ir.dataStatus === 'none') return result;

	for (const p of record.participants.values()) {
		if (!eligibility.mayJoin(record, ir, p.code, asOf)) continue;
		if (region.found && !records.memberOn(record, region.found.slug, p.code, asOf)) continue;
		if (group.found && !records.memberOn(record, group.found.slug, p.code, asOf)) continue;
		// A State that did not yet exist is no non-party (Montenegro before 2006).
		if (!records.existsOn(record, p.code, asOf)) continue;
		const s = status.view(record, ir, p.code, asOf);
		if (hasJoined(s.status)) continue;
		const signedOn = s.signatureDetail ? (s.signatureDetail.date ?? s.signatureDetail.knownBy) : null;
		const row: NonParty = {
			code: p.code,
			name: p.name,
			status: s.status as NonParty['status'],
			region: p.region,
			subregion: p.subregion,
			signature: s.signatureDetail,
			signedIn: signedOn?.slice(0, 4) ?? null,
			yearsSinceSignature: signedOn ? yearsBetween(signedOn, asOf) : null,
			denunciation: s.denunciation,
			sourceId: s.sourceId ?? source?.id ?? null,
			lastKnown: s.lastKnown
		};
		if (s.status === 'denounced') result.denounced.push(row);
		else if (s.lastKnown) result.stale.push(row);
		else if (s.status === 'unknown') result.unknown.push(row);
		else if (s.status === 'signed') result.signed.push(row);
		else result.notSigned.push(row);
	}
	for (const rows of [result.signed, result.notSigned, result.denounced, result.unknown, result.stale]) {
		rows.sort((a, b) => a.name.localeCompare(b.name, 'en'));
	}
	result.counts = {
		nonParties: result.signed.length + result.notSigned.length + result.denounced.length,
		signed: result.signed.length,
		notSigned: result.notSigned.length,
		denounced: result.denounced.length,
		unknown: result.unknown.length,
		stale: result.stale.length
	};
	return result;
}

/**
 * The list as its page shows it, in the request's language: participants' and groups' names in
 * it, each list sorted as the language sorts names. The CSV and the API keep the record's names.
 */
export function named(list: NonParties): NonParties {
	const rows = (rs: NonParty[]) => rs.map((r) => ({ ...r, name: stateName(r.code, r.name) })).sort((a, b) => collate(a.name, b.name));
	const group = <G extends { slug: string; name: string }>(g: G): G => ({ ...g, name: groupLabel(g.slug, g.name).text });
	return {
		...list,
		scope: { ...list.scope, groups: list.scope.groups.map(group) },
		filters: { region: list.filters.region && group(list.filters.region), group: list.filters.group && group(list.filters.group) },
		signed: rows(list.signed),
		notSigned: rows(list.notSigned),
		denounced: rows(list.denounced),
		unknown: rows(list.unknown),
		stale: rows(list.stale)
	};
}

/** The filters' options with their names in the request's language, sorted as it sorts them. */
export function namedFilters(options: { regions: GroupOption[]; groups: GroupOption[] }): { regions: GroupOption[]; groups: GroupOption[] } {
	const named = (gs: GroupOption[]) => gs.map((g) => ({ ...g, name: groupLabel(g.slug, g.name).text })).sort((a, b) => collate(a.name, b.name));
	return { regions: named(options.regions), groups: named(options.groups) };
}

/** The non-parties of a list in one array, in the order the page shows them (not those unknown). */
export function rows(list: NonParties): NonParty[] {
	return [...list.signed, ...list.notSigned, ...list.denounced];
}

export const CSV_COLUMNS = [
	'code',
	'name',
	'status',
	'signature',
	'signature_known_by',
	'years_since_signature',
	'denunciation',
	'region',
	'subregion',
	'source_id',
	'source',
	'source_recorded_on'
];

/** Exactly the rows the page lists, in its order, each with its source. */
export async function csv(db: Db, list: NonParties): Promise<string> {
	const record = await records.get(db);
	return toCsv(
		CSV_COLUMNS,
		rows(list).map((r) => {
			const src = r.sourceId ? record.sources.get(r.sourceId) : undefined;
			return [
				r.code,
				r.name,
				r.status,
				r.signature?.date ?? null,
				r.signature?.knownBy ?? null,
				r.yearsSinceSignature,
				r.denunciation,
				r.region,
				r.subregion,
				r.sourceId,
				src?.title ?? null,
				src?.recorded_on ?? null
			];
		})
	);
}

/** "non-parties-trafficking-protocol-2008-06-03-europe.csv" ("non-parties" in the request's language) */
export function filename(list: NonParties, ext: string): string {
	const parts = [m.instruments_filename_non_parties(), list.instrument.slug, list.asOf, list.filters.region?.slug, list.filters.group?.slug];
	return `${parts.filter(Boolean).join('-')}.${ext}`;
}
