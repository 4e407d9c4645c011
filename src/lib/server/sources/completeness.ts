// sources/completeness: whether a table brought in is complete — it lists every participant the
// record holds for the instrument by its date, or its rows match the totals it states — and so
// dates the instrument's record, or partial, vouching for its own rows only.
import type { CurrentAct } from '../record/participation';
import type { StatedTotals } from './readers';
import type { Incoming } from './imports';
import { number } from '../../i18n';
import { m } from '$lib/paraglide/messages';

export interface Completeness {
	complete: boolean;
	/** The participants the record holds by the file's date, and how many of them the file lists. */
	held: number;
	listed: number;
	/** Why, in a sentence: the participants it leaves out, or the stated totals its rows match. */
	why: string;
}

/**
 * A table is complete when it lists every participant the record holds for the instrument by
 * the table's date (as a depositary's status page does), or when its rows match the totals it
 * states; anything else is partial.
 */
export function completeness(record: CurrentAct[], incoming: Incoming[], opts: { on: string | null; stated: StatedTotals | null; read: { signatories: number; consents: number } }): Completeness {
	const listed = new Set(incoming.map((a) => a.participant));
	const held = new Set(
		record.filter((a) => !a.retracted && (!opts.on || (a.attributes.date ?? a.attributes.latest ?? a.attributes.earliest ?? '') <= opts.on)).map((a) => a.participant)
	);
	const missing = [...held].filter((c) => !listed.has(c)).sort();
	const both = [...held].filter((c) => listed.has(c)).length;
	const st = opts.stated;
	const totalsMatch =
		st !== null && st.parties !== null && st.parties === opts.read.consents && (st.signatories === null || st.signatories === opts.read.signatories);
	if (missing.length === 0) {
		return { complete: true, held: held.size, listed: both, why: held.size ? m.admin_completeness_all({ count: held.size, shown: number(held.size) }) : m.admin_completeness_none_held() };
	}
	if (totalsMatch) {
		const parties = { count: st!.parties!, shown: number(st!.parties!) };
		const why = st!.signatories !== null
			? m.admin_completeness_totals_signatories({ ...parties, signatories: number(st!.signatories) })
			: m.admin_completeness_totals(parties);
		return { complete: true, held: held.size, listed: both, why };
	}
	const codes = missing.slice(0, 5).join(', ');
	const not = missing.length > 5 ? m.admin_completeness_not_more({ codes, more: number(missing.length - 5) }) : m.admin_completeness_not({ codes });
	const counts = { count: held.size, listed: number(both), held: number(held.size), not };
	return {
		complete: false,
		held: held.size,
		listed: both,
		why: st ? m.admin_completeness_some_totals(counts) : m.admin_completeness_some(counts)
	};
}

