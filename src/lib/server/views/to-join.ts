// "What must we still join?": for one participant on a date, every instrument open to it that it
// has not joined — signed only, no action, denounced, or not in our record (a record that holds
// no act of it may be silent, not empty) — with the day it became open to it. Unlike the peer
// gaps (parity), it asks nothing of the peers: India lacks the Forced Labour Protocol whether or
// not its neighbours have it.
import type { Db } from '../db';
import type { Status, LastKnown } from '../../status';
import { hasJoined } from '../../status';
import { formatDate, yearsBetween } from '../../dates';
import { number } from '../../i18n';
import { m } from '$lib/paraglide/messages';
import * as eligibility from '../record/eligibility';
import * as records from '../record/record';
import * as status from '../record/status';

export interface ToJoin {
	slug: string;
	shortTitle: string;
	kind: string;
	status: Extract<Status, 'none' | 'signed' | 'denounced' | 'unknown'>;
	/** The day it became open to the participant: the instrument's opening, the participant's start or its joining the group the instrument is open to, the latest of them; null when unknown. */
	openSince: string | null;
	/** The signature, for one that signed only. */
	signed: string | null;
	/** The instrument's record: `partial` where an `unknown` is the record's silence. */
	dataStatus: 'complete' | 'partial';
	dataAsOf: string | null;
	/** For `unknown` after the record's date: what the record last knew (not joined), and when. */
	lastKnown: LastKnown | null;
}

const latest = (dates: (string | null | undefined)[]) => dates.filter((d): d is string => !!d).sort().at(-1) ?? null;

/** The instruments `code` may join on `asOf` and has not, in the record's order; null for no such participant. */
export async function forParticipant(db: Db, opts: { code: string; asOf: string }): Promise<ToJoin[] | null> {
	const record = await records.get(db);
	const p = record.participants.get(opts.code);
	if (!p) return null;
	if (!records.existsOn(record, p.code, opts.asOf)) return [];
	const out: ToJoin[] = [];
	const instruments = [...record.instruments.values()].sort((a, b) => a.instrument.sort_order - b.instrument.sort_order);
	for (const ir of instruments) {
		// No data at all: the record cannot say, and says so on the status table.
		if (ir.dataStatus === 'none') continue;
		const i = ir.instrument;
		const opened = i.opened_for_signature ?? i.adopted;
		if (opened && opened > opts.asOf) continue;
		if (!eligibility.mayJoin(record, ir, p.code, opts.asOf)) continue;
		const s = status.statusOn(ir, ir.timelines.get(p.code), opts.asOf);
		if (hasJoined(s.status) || s.status === 'pending' || s.status === 'endorsed') continue;
		// Since when: the period of membership that holds the date, for an instrument open to a group's members.
		const periods = eligibility.periods(record, ir, p.code);
		const member = periods?.filter(([from, to]) => (!from || from <= opts.asOf) && (!to || to >= opts.asOf)).map(([from]) => from);
		out.push({
			slug: i.slug,
			shortTitle: i.short_title,
			kind: i.kind,
			status: s.status as ToJoin['status'],
			openSince: latest([opened, record.existsFrom.get(p.code), ...(member ?? [])]),
			signed: s.status === 'signed' ? (s.signature?.date ?? s.signature?.known ?? null) : null,
			dataStatus: ir.dataStatus,
			dataAsOf: ir.source?.recorded_on ?? null,
			lastKnown: s.lastKnown
		});
	}
	return out;
}

/** "open to it since 12 December 2000 (25 years)": how long an instrument has been open to it on `asOf`, in the request's language. */
export function openFor(since: string, asOf: string): string {
	const n = yearsBetween(since, asOf);
	const date = formatDate(since);
	return n === 0 ? m.states_open_since_less({ date }) : m.states_open_since_years({ date, count: n, shown: number(n) });
}
