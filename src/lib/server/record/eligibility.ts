// Who may join an instrument, read from the instrument's own data (instruments.json `open_to`):
// the members of some groups on the date, or any State; participants named although not
// members; and a regional economic integration organisation where the instrument admits one.
// Maps, non-parties lists, parity and the participant page all ask here, so a State that may
// not join a treaty is never counted as not having joined it.
import type { Interval } from '../../map/timeline';
import type { InstrumentRecord, TreatyRecord } from './record';
import { memberOn } from './record';

/** May `code` join the instrument on `date`? (Whether it existed then is asked separately.) */
export function mayJoin(record: TreatyRecord, ir: InstrumentRecord, code: string, date: string): boolean {
	const p = record.participants.get(code);
	if (!p) return false;
	if (p.kind === 'organisation') return ir.openToOrganisations;
	if (ir.openToNamed.includes(code)) return true;
	return ir.openToGroups === null || ir.openToGroups.some((g) => memberOn(record, g, code, date));
}

/**
 * When `code` may join, for the browser to redraw any date: null when whenever it exists,
 * otherwise its periods in the groups the instrument is open to (none: never).
 */
export function periods(record: TreatyRecord, ir: InstrumentRecord, code: string): Interval[] | null {
	const p = record.participants.get(code);
	if (!p) return [];
	if (p.kind === 'organisation') return ir.openToOrganisations ? null : [];
	if (ir.openToNamed.includes(code) || ir.openToGroups === null) return null;
	const out: Interval[] = [];
	for (const g of ir.openToGroups) {
		for (const m of record.memberships.get(g) ?? []) if (m.code === code) out.push([m.joined, m.left]);
	}
	return out;
}
