// Counting statuses for a legend. The figures must be the ones the API gives for the same
// date: "parties" are those with consent deposited (pending + party), "in force" the party
// ones (status.countsOn).
import { isBound, STATUSES, STATUS_ORDER, type Status, type LastKnown } from '../status';

export interface Tally {
	byStatus: Record<Status, number>;
	parties: number;
	inForce: number;
	total: number;
}

export function tally(statuses: Iterable<Status>): Tally {
	const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
	let total = 0;
	for (const s of statuses) {
		byStatus[s]++;
		total++;
	}
	const parties = STATUSES.filter(isBound).reduce((n, s) => n + byStatus[s], 0);
	return { byStatus, parties, inForce: byStatus.party, total };
}

/**
 * The statuses a legend lists for an instrument: a plan is endorsed or not; a treaty never
 * "endorsed"; "not in our record" only where the record is partial or missing.
 */
export function legendStatuses(kind: string, dataStatus: 'complete' | 'partial' | 'none' = 'complete', anyUnknown = false): Status[] {
	const shown = new Set<Status>(kind === 'plan' ? ['endorsed', 'none'] : ['party', 'pending', 'signed', 'denounced', 'none']);
	if (dataStatus !== 'complete' || anyUnknown) shown.add('unknown');
	return STATUS_ORDER.filter((s) => shown.has(s));
}

/** Participants not known since the record's date, by the status the record last knew, and that date. */
export interface StaleTally {
	byLastKnown: Partial<Record<Status, number>>;
	total: number;
	since: string | null;
}

export function staleTally(rows: Iterable<{ lastKnown: LastKnown | null }>): StaleTally {
	const out: StaleTally = { byLastKnown: {}, total: 0, since: null };
	for (const r of rows) {
		if (!r.lastKnown) continue;
		out.byLastKnown[r.lastKnown.status] = (out.byLastKnown[r.lastKnown.status] ?? 0) + 1;
		out.total++;
		if (!out.since || r.lastKnown.on < out.since) out.since = r.lastKnown.on;
	}
	return out;
}
