// Parity: where a participant stands against the groups it belongs to, and the compare
// matrix of several participants × instruments. Everything is as of one date.
import type { Db } from '../db';
import type { GroupKind } from '../db/schema';
import { hasJoined, type Status } from '../../status';
import { within } from '../../dates';
import * as eligibility from '../record/eligibility';
import * as records from '../record/record';
import * as status from '../record/status';
import * as groupsOf from '../record/groups';
import { normaliseName } from '../text/names';
import type { InstrumentRecord, TreatyRecord } from '../record/record';
import { collate, groupLabel, instrumentName, stateName, translated } from '../../i18n';
import { m } from '$lib/paraglide/messages';

/**
 * Members of a group on a date (classifications without dates always), among the participants
 * that existed then: the African Group of 1950 is not every African State of today.
 */
export function membersOn(record: TreatyRecord, group: string, date: string): string[] {
	const out = new Set<string>();
	for (const member of record.memberships.get(group) ?? []) {
		if (within(date, member.joined, member.left)) out.add(member.code);
	}
	return [...out].filter((c) => record.participants.has(c) && records.existsOn(record, c, date));
}

/** Instruments that can be compared: those with data (a plan without data says nothing). */
function comparable(record: TreatyRecord): InstrumentRecord[] {
	return [...record.instruments.values()]
		.filter((ir) => ir.dataStatus !== 'none')
		.sort((a, b) => a.instrument.sort_order - b.instrument.sort_order);
}

export interface Coverage {
	slug: string;
	shortTitle: string;
	dataStatus: string;
	own: Status;
	/** Members (the participant included) that have joined: consent deposited, or endorsed. */
	parties: number;
	members: number;
	/** Members of which a partial record holds nothing: `parties` is at least this far from sure. */
	unknown: number;
}

export interface GroupParity {
	slug: string;
	name: string;
	kind: GroupKind;
	members: number;
	rows: Coverage[];
}

export interface Gap {
	slug: string;
	shortTitle: string;
	dataStatus: string;
	/** When the instrument's record was taken: a gap may be an event the record is too old to know. */
	dataAsOf: string | null;
	own: Status;
	/** Share of peers (the peer group's other members that may join) that have joined. */
	share: number;
	peersJoined: number;
	peers: number;
	/** Peers of which a partial record holds nothing (counted as not joined: the share is a floor). */
	peersUnknown: number;
	group: { slug: string; name: string };
}

const KIND_ORDER: GroupKind[] = ['un-regional-group', 'organisation', 'region', 'subregion'];

/** Why a group is the one a participant is measured against, by default (in the request's language). */
const REASONS: Readonly<Record<GroupKind, string>> = translated({
	organisation: m.states_reason_organisation,
	'un-regional-group': m.states_reason_un_regional_group,
	subregion: m.states_reason_subregion,
	region: m.states_reason_region
});

/** Groups, instruments and States by the names the request's language shows. */
const byGroupName = (a: { slug: string; name: string }, b: { slug: string; name: string }) => collate(groupLabel(a.slug, a.name).text, groupLabel(b.slug, b.name).text);

export interface Peers {
	slug: string;
	name: string;
	kind: GroupKind;
	members: number;
	/** Why this group, in the request's language: the default ("its UN regional group") or "chosen". */
	reason: string;
}

/**
 * The groups a delegation compares itself with, in the order it would: its regional
 * organisations (the smallest first: ASEAN before the UN), its UN regional group, its
 * sub-region, its region. Worldwide groups (groups.WORLDWIDE) are left out.
 */
function peerOrder(groups: groupsOf.GroupRef[], size: (slug: string) => number): groupsOf.GroupRef[] {
	const rank: GroupKind[] = ['organisation', 'un-regional-group', 'subregion', 'region'];
	return groups
		.filter((g) => !groupsOf.WORLDWIDE.has(g.slug) && size(g.slug) > 1)
		.sort((a, b) => rank.indexOf(a.kind) - rank.indexOf(b.kind) || size(a.slug) - size(b.slug) || byGroupName(a, b));
}

export async function forParticipant(db: Db, opts: { code: string; asOf: string; minShare?: number; peers?: string | null }) {
	const record = await records.get(db);
	const { code, asOf } = opts;
	const groups = await groupsOf.ofParticipant(db, { code, asOf });
	groups.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || byGroupName(a, b));

	const instruments = comparable(record);
	const statusIn = (ir: InstrumentRecord, c: string) => status.statusOn(ir, ir.timelines.get(c), asOf).status;

	// Each group's members on the date, once: the parity rows and the gaps both count them.
	const membersOf = new Map(groups.map((g) => [g.slug, membersOn(record, g.slug, asOf)]));
	const parity: GroupParity[] = groups.map((g) => {
		const members = membersOf.get(g.slug)!;
		return {
			...g,
			members: members.length,
			rows: instruments.map((ir) => ({
				slug: ir.instrument.slug,
				shortTitle: ir.instrument.short_title,
				dataStatus: ir.dataStatus,
				own: statusIn(ir, code),
				parties: members.filter((m) => hasJoined(statusIn(ir, m))).length,
				members: members.length,
				unknown: members.filter((m) => statusIn(ir, m) === 'unknown').length
			}))
		};
	});

	// Gaps: not joined by this participant, joined by most of its peers — in one group, the
	// one it would compare itself with first, or the one the reader chose.
	const options = peerOrder(groups, (slug) => membersOf.get(slug)!.length);
	const picked = options.find((g) => g.slug === opts.peers) ?? options[0];
	const peers: Peers | null = picked
		? {
				...picked,
				members: membersOf.get(picked.slug)!.length,
				reason: picked.slug === opts.peers && picked !== options[0] ? m.states_reason_chosen() : REASONS[picked.kind]
			}
		: null;
	const minShare = opts.minShare ?? 0.5;
	const gaps: Gap[] = [];
	for (const ir of peers ? instruments : []) {
		const own = statusIn(ir, code);
		// Not a gap: joined already, not open to it (the EU and an ILO convention), or unknown —
		// a partial record that holds nothing of the participant cannot say it has not joined.
		if (hasJoined(own) || own === 'unknown' || !eligibility.mayJoin(record, ir, code, asOf)) continue;
		const others = membersOf.get(peers!.slug)!.filter((m) => m !== code && eligibility.mayJoin(record, ir, m, asOf));
		if (others.length === 0) continue;
		const peersJoined = others.filter((m) => hasJoined(statusIn(ir, m))).length;
		const share = peersJoined / others.length;
		if (share < minShare) continue;
		gaps.push({
			slug: ir.instrument.slug,
			shortTitle: ir.instrument.short_title,
			dataStatus: ir.dataStatus,
			dataAsOf: ir.source?.recorded_on ?? null,
			own,
			share,
			peersJoined,
			peers: others.length,
			peersUnknown: others.filter((m) => statusIn(ir, m) === 'unknown').length,
			group: { slug: peers!.slug, name: peers!.name }
		});
	}
	gaps.sort((a, b) => b.share - a.share || collate(instrumentName(a.slug, a.shortTitle).text, instrumentName(b.slug, b.shortTitle).text));
	return { groups: parity, gaps, peers, peerOptions: options.map(({ slug, name, kind }) => ({ slug, name, kind })) };
}

export interface NotFound {
	codes: string[];
	groups: string[];
}

/**
 * Reads a selection: codes ("FRA,DEU"), names typed by a person ("Italy", or "Italie" on a
 * French page), and a group, its members by the names the request's language shows.
 * Unknown entries are reported, never silently dropped.
 */
export async function resolveSelection(
	db: Db,
	opts: { codes: string[]; names?: string[]; group?: string | null; asOf: string }
): Promise<{ codes: string[]; group: { slug: string; name: string } | null; notFound: NotFound }> {
	const record = await records.get(db);
	const notFound: NotFound = { codes: [], groups: [] };
	const codes: string[] = [];
	const add = (c: string) => {
		if (!codes.includes(c)) codes.push(c);
	};
	for (const raw of opts.codes) {
		const c = raw.trim().toUpperCase();
		if (!c) continue;
		if (record.participants.has(c)) add(c);
		else notFound.codes.push(raw.trim());
	}
	for (const raw of opts.names ?? []) {
		const name = raw.trim();
		if (!name) continue;
		const byCode = name.toUpperCase();
		if (record.participants.has(byCode)) {
			add(byCode);
			continue;
		}
		const hit = await db
			.selectFrom('participant_aliases')
			.select('code')
			.where('alias', '=', normaliseName(name))
			.executeTakeFirst();
		const typed = normaliseName(name);
		const exact =
			hit ?? [...record.participants.values()].find((p) => normaliseName(p.name) === typed || normaliseName(stateName(p.code, p.name)) === typed);
		if (exact) add(exact.code);
		else notFound.codes.push(name);
	}
	let group: { slug: string; name: string } | null = null;
	if (opts.group) {
		const g = await db.selectFrom('groups').select(['slug', 'name']).where('slug', '=', opts.group).executeTakeFirst();
		if (g) {
			group = g;
			const shown = (c: string) => stateName(c, record.participants.get(c)!.name);
			for (const c of membersOn(record, g.slug, opts.asOf).sort((a, b) => collate(shown(a), shown(b))))
				add(c);
		} else notFound.groups.push(opts.group);
	}
	return { codes, group, notFound };
}

export interface Cell {
	code: string;
	slug: string;
	status: Status;
	signature: string | null;
	consent: status.ParticipantStatus['consent'];
	entryIntoForce: string | null;
	entryIntoForceBy: string | null;
	denunciation: string | null;
	lastKnown: status.ParticipantStatus['lastKnown'];
	/** False when the instrument was not open to the participant on the date and it had done nothing (a regional plan, a Council of Europe treaty for a State outside it): not "no action". */
	open: boolean;
}

/** The compare matrix: participants × instruments, with coverage among the participants shown. */
export async function matrix(db: Db, opts: { codes: string[]; asOf: string }) {
	const record = await records.get(db);
	const instruments = comparable(record);
	const cells: Cell[] = [];
	for (const code of opts.codes) {
		for (const ir of instruments) {
			const full = status.view(record, ir, code, opts.asOf);
			cells.push({
				code,
				slug: ir.instrument.slug,
				status: full.status,
				signature: full.signature,
				consent: full.consent,
				entryIntoForce: full.entryIntoForce,
				entryIntoForceBy: full.entryIntoForceBy,
				denunciation: full.denunciation,
				lastKnown: full.lastKnown,
				open: full.status !== 'none' || eligibility.mayJoin(record, ir, code, opts.asOf)
			});
		}
	}
	// A participant picked by name is shown even before it existed, saying so.
	const participants = opts.codes.map((code) => {
		const label = records.existsOn(record, code, opts.asOf) ? null : records.existenceLabel(record, code);
		return { code, name: record.participants.get(code)!.name, note: label && m.states_not_yet_state({ label }) };
	});
	const coverage = instruments.map((ir) => ({
		slug: ir.instrument.slug,
		parties: cells.filter((c) => c.slug === ir.instrument.slug && hasJoined(c.status)).length,
		members: participants.length
	}));
	return {
		participants,
		instruments: instruments.map((ir) => ({
			slug: ir.instrument.slug,
			shortTitle: ir.instrument.short_title,
			dataStatus: ir.dataStatus,
			dataAsOf: ir.source?.recorded_on ?? null
		})),
		cells,
		coverage
	};
}
