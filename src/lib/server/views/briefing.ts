// A State's standing as a delegation's briefing note: its status in every instrument, what it
// has still to join, where it stands in its groups, the sources and the date — the same facts as
// its page, gathered once for the printable page and the Word file (briefing-docx).
import type { Db } from '../db';
import { STATUS_LABELS, CONSENT_LABELS, hasJoined, type Status } from '../../status';
import { formatDate, yearsBetween } from '../../dates';
import { consent, dated } from '../../format';
import * as records from '../record/record';
import * as status from '../record/status';
import * as parity from './parity';
import * as toJoin from './to-join';

export interface BriefingRow {
	slug: string;
	shortTitle: string;
	status: Status;
	/** "Party (in force)", "not open to it", "no data yet": as the State page says it. */
	label: string;
	signature: string;
	consent: string;
	entryIntoForce: string;
}

export interface Briefing {
	asOf: string;
	participant: { code: string; name: string };
	rows: BriefingRow[];
	joined: number;
	/** Each with its sentence: "signed 18 December 2001, not ratified; open to it since … (26 years)". */
	toJoin: (toJoin.ToJoin & { phrase: string })[];
	/** Its groups, each with how many members had joined each instrument it has not. */
	groups: { slug: string; name: string; members: number }[];
	gaps: { shortTitle: string; peersJoined: number; peers: number; group: string }[];
	sources: { id: string; title: string; recordedOn: string | null }[];
}

export async function forParticipant(db: Db, opts: { code: string; asOf: string }): Promise<Briefing | null> {
	const found = await status.participant(db, opts);
	if (!found) return null;
	const record = await records.get(db);
	const standing = await parity.forParticipant(db, { code: opts.code, asOf: opts.asOf });
	const shown = found.instruments.filter((i) => i.openToIt || (i.status !== 'none' && i.status !== 'unknown'));
	const rows = shown.map((i): BriefingRow => ({
		slug: i.slug,
		shortTitle: i.shortTitle,
		status: i.status,
		label: i.dataStatus === 'none' ? 'no data yet' : STATUS_LABELS[i.status],
		signature: dated(i.signatureDetail),
		consent: i.consent ? `${CONSENT_LABELS[i.consent.kind]}, ${consent(i.consent)}` : i.denunciation ? `denounced ${formatDate(i.denunciation)}` : i.endorsement ? `endorsed ${formatDate(i.endorsement)}` : '',
		entryIntoForce: i.entryIntoForce ? formatDate(i.entryIntoForce) : i.entryIntoForceBy ? `by ${formatDate(i.entryIntoForceBy)}` : ''
	}));
	const sourceIds = new Set(shown.map((i) => record.instruments.get(i.slug)?.source?.id).filter((s): s is string => !!s));
	return {
		asOf: opts.asOf,
		participant: { code: found.participant.code, name: found.participant.name },
		rows,
		joined: shown.filter((i) => hasJoined(i.status)).length,
		toJoin: ((await toJoin.forParticipant(db, opts)) ?? []).map((t) => ({ ...t, phrase: phrase(t, opts.asOf) })),
		groups: standing.groups.map((g) => ({ slug: g.slug, name: g.name, members: g.members })),
		gaps: standing.gaps.map((g) => ({ shortTitle: g.shortTitle, peersJoined: g.peersJoined, peers: g.peers, group: g.group.name })),
		sources: [...sourceIds].map((id) => record.sources.get(id)!).filter(Boolean).map((s) => ({ id: s.id, title: s.title, recordedOn: s.recorded_on }))
	};
}

function phrase(t: toJoin.ToJoin, asOf: string): string {
	const what =
		t.status === 'unknown' && t.lastKnown
			? `not joined when the record last knew (${formatDate(t.lastKnown.on)}); it may have since`
			: t.status === 'unknown'
			? 'not in our record (partial record: it may have joined)'
			: t.status === 'signed'
				? `signed${t.signed ? ` ${formatDate(t.signed)}` : ''}, not ${t.kind === 'plan' ? 'endorsed' : 'ratified'}`
				: t.status === 'denounced'
					? 'denounced'
					: t.kind === 'plan'
						? 'not endorsed'
						: 'no action';
	if (!t.openSince) return what;
	const n = yearsBetween(t.openSince, asOf);
	return `${what}; open to it since ${formatDate(t.openSince)} (${n === 0 ? 'less than a year' : n === 1 ? '1 year' : `${n} years`})`;
}
