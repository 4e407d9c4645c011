// The map of one instrument, of the world or fitted to a group: the instrument, who may join it
// and when, the view's geometry and every status change, all a page or a file draws from.
import type { Db } from '../../db';
import * as groups from '../../record/groups';
import * as records from '../../record/record';
import * as eligibility from '../../record/eligibility';
import type { InstrumentRecord, TreatyRecord } from '../../record/record';
import type { MapGroup, MapModel, MapParticipant } from '../../../map/model';
import type { Interval } from '../../../map/timeline';
import { today } from '../../../dates';
import { collate, stateName } from '../../../i18n';
import { joinOf } from './atlas';
import { geometry, groupView, worldView } from './projection';
import { changes, memberships } from './series';

export type GroupRef = MapGroup;

/**
 * The region a regional treaty's map is framed to by default: the one group whose members may
 * join it (CETS 197: the Council of Europe; ACTIP: ASEAN). Null for a treaty open to every
 * State, to the members of a worldwide organisation, or to the members of several groups.
 */
export async function defaultGroup(db: Db, slug: string): Promise<GroupRef | null> {
	const ir = (await records.get(db)).instruments.get(slug);
	const open = ir?.openToGroups ?? [];
	if (open.length !== 1 || groups.WORLDWIDE.has(open[0])) return null;
	const found = (await groups.list(db)).find((g) => g.slug === open[0]);
	return found ? { slug: found.slug, name: found.name, kind: found.kind } : null;
}

/**
 * The `group` query parameter: `world` for the whole world; absent, the instrument's own region
 * (a regional treaty) or the world; a 400 page naming the group when there is no such group (a
 * typo in a shared link should say what is wrong, not show the world).
/** The group named `slug` (`world`: the whole world, null); undefined when there is no such group. */
export async function group(db: Db, slug: string): Promise<GroupRef | null | undefined> {
	if (slug === 'world') return null;
	const found = (await groups.list(db)).find((g) => g.slug === slug);
	return found ? { slug: found.slug, name: found.name, kind: found.kind } : undefined;
}

/** A map of an instrument, of the world or fitted to a group; null when there is no such instrument. */
export async function model(db: Db, opts: { slug: string; group?: GroupRef | null }): Promise<MapModel | null> {
	const record = await records.get(db);
	const ir = record.instruments.get(opts.slug);
	if (!ir) return null;
	const group = opts.group ?? null;
	const i = ir.instrument;
	return {
		instrument: {
			slug: i.slug,
			shortTitle: i.short_title,
			title: i.title,
			kind: i.kind,
			adopted: i.adopted,
			entryIntoForce: ir.entryIntoForce,
			dataAsOf: ir.source?.recorded_on ?? null,
			dataStatus: ir.dataStatus,
			binding: ir.rule.kind !== 'non-binding'
		},
		group,
		participants: participants(record, ir),
		geometry: geometry(record, group ? groupView(record, group.slug) : worldView()),
		changes: changes(ir),
		members: group ? memberships(record, group.slug) : null,
		today: today()
	};
}

/**
 * Every participant by its name in the request's language, with from when it exists and when it
 * may join the instrument (shipped: the browser redraws any date). Made per request, never
 * cached: it holds words.
 */
function participants(record: TreatyRecord, ir: InstrumentRecord): MapParticipant[] {
	const open = openTo(record, ir);
	return [...record.participants.values()]
		.map((p) => {
			const out: MapParticipant = { code: p.code, name: stateName(p.code, p.name) };
			const from = record.existsFrom.get(p.code);
			const label = records.existenceLabel(record, p.code);
			if (from && label) out.exists = { from, label };
			const intervals = open.get(p.code);
			if (intervals) out.open = intervals;
			return out;
		})
		.sort((a, b) => collate(a.name, b.name));
}

/** When each participant may join the instrument, for those that may not whenever they exist. */
function openTo(record: TreatyRecord, ir: InstrumentRecord): Map<string, Interval[]> {
	const out = new Map<string, Interval[]>();
	for (const p of record.participants.values()) {
		const periods = eligibility.periods(record, ir, p.code);
		if (periods) out.set(p.code, periods);
	}
	return out;
}

/** Warms the caches at server start, so the first map request is as fast as the rest. */
export async function warm(db: Db): Promise<void> {
	worldView();
	joinOf(await records.get(db));
}
