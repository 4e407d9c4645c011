// Statuses through time, for one instrument: every participant's status changes (what the
// browser redraws the map from for any date), a group's membership intervals, and the
// cumulative number of parties and of those in force.
import type { TreatyRecord, InstrumentRecord } from '../../record/record';
import { horizon, statusOn } from '../../record/status';
import { addDays } from '../../../dates';
import { isBound, type Status } from '../../../status';
import type { Change, Interval } from '../../../map/timeline';

const changeCache = new WeakMap<InstrumentRecord, Record<string, Change[]>>();

/**
 * Every participant's status changes for one instrument. statusOn only compares the date
 * asked about with the dates of events and of their entry into force, so evaluating it on
 * each of those dates finds every change.
 */
export function changes(ir: InstrumentRecord): Record<string, Change[]> {
	let out = changeCache.get(ir);
	if (out) return out;
	out = {};
	for (const [code, t] of ir.timelines) {
		const dates = new Set<string>();
		for (const e of t.events) {
			if (e.known) dates.add(e.known);
			if (e.entryIntoForceBy) dates.add(e.entryIntoForceBy);
		}
		// the day after the record can vouch for it: what is short of consent becomes unknown
		const h = horizon(ir, t);
		if (h) dates.add(addDays(h, 1));
		let last: Status = 'none';
		const list: Change[] = [];
		for (const d of [...dates].sort()) {
			const s = statusOn(ir, t, d).status;
			if (s !== last) list.push([d, s]);
			last = s;
		}
		if (list.length) out[code] = list;
	}
	changeCache.set(ir, out);
	return out;
}

export function memberships(record: TreatyRecord, group: string): Record<string, Interval[]> {
	const out: Record<string, Interval[]> = {};
	for (const m of record.memberships.get(group) ?? []) (out[m.code] ??= []).push([m.joined, m.left]);
	return out;
}

/** The cumulative number of parties and of those in force, at each date either changes. */
export function cumulative(ir: InstrumentRecord): { date: string; parties: number; inForce: number }[] {
	const deltas = new Map<string, { parties: number; inForce: number }>();
	for (const list of Object.values(changes(ir))) {
		let prev: Status = 'none';
		for (const [date, s] of list) {
			const d = deltas.get(date) ?? { parties: 0, inForce: 0 };
			d.parties += Number(isBound(s)) - Number(isBound(prev));
			d.inForce += Number(s === 'party') - Number(prev === 'party');
			deltas.set(date, d);
			prev = s;
		}
	}
	let parties = 0;
	let inForce = 0;
	const out: { date: string; parties: number; inForce: number }[] = [];
	for (const date of [...deltas.keys()].sort()) {
		const d = deltas.get(date)!;
		if (d.parties === 0 && d.inForce === 0) continue;
		parties += d.parties;
		inForce += d.inForce;
		out.push({ date, parties, inForce });
	}
	return out;
}
