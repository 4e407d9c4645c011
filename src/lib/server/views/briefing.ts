// A State's standing as a delegation's briefing note: its status in every instrument, what it
// has still to join, where it stands in its groups, the sources and the date — the same facts as
// its page, gathered once for the printable page and the Word file (briefing-docx). Its words
// are the request's language: it is built for each request, never kept.
import type { Db } from '../db';
import { STATUS_LABELS, CONSENT_LABELS, hasJoined, type Status } from '../../status';
import { formatDate } from '../../dates';
import { consent, dated } from '../../format';
import { groupLabel, instrumentName, stateName, type Named } from '../../i18n';
import { m } from '$lib/paraglide/messages';
import * as records from '../record/record';
import * as status from '../record/status';
import * as parity from './parity';
import * as toJoin from './to-join';

export interface BriefingRow {
	slug: string;
	shortTitle: string;
	/** Its name in the request's language, or the English one (marked). */
	name: Named;
	status: Status;
	/** "Party (in force)", "not open to it", "no data yet": as the State page says it. */
	label: string;
	signature: string;
	consent: string;
	entryIntoForce: string;
}

export interface Briefing {
	asOf: string;
	/** `name` as the request's language writes it. */
	participant: { code: string; name: string };
	rows: BriefingRow[];
	joined: number;
	/** Each with its sentence: "signed 18 December 2001, not ratified; open to it since … (26 years)". */
	toJoin: (toJoin.ToJoin & { name: Named; phrase: string })[];
	/** Its groups, each with how many members had joined each instrument it has not. */
	groups: { slug: string; name: Named; members: number }[];
	gaps: { shortTitle: string; name: Named; peersJoined: number; peers: number; group: Named }[];
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
		name: instrumentName(i.slug, i.shortTitle),
		status: i.status,
		label: i.dataStatus === 'none' ? m.states_no_data() : STATUS_LABELS[i.status],
		signature: dated(i.signatureDetail),
		consent: i.consent
			? m.states_briefing_consent({ kind: CONSENT_LABELS[i.consent.kind], date: consent(i.consent) })
			: i.denunciation
				? m.states_briefing_denounced({ date: formatDate(i.denunciation) })
				: i.endorsement
					? m.states_briefing_endorsed({ date: formatDate(i.endorsement) })
					: '',
		entryIntoForce: i.entryIntoForce ? formatDate(i.entryIntoForce) : i.entryIntoForceBy ? m.states_briefing_by({ date: formatDate(i.entryIntoForceBy) }) : ''
	}));
	const sourceIds = new Set(shown.map((i) => record.instruments.get(i.slug)?.source?.id).filter((s): s is string => !!s));
	return {
		asOf: opts.asOf,
		participant: { code: found.participant.code, name: stateName(found.participant.code, found.participant.name) },
		rows,
		joined: shown.filter((i) => hasJoined(i.status)).length,
		toJoin: ((await toJoin.forParticipant(db, opts)) ?? []).map((t) => ({ ...t, name: instrumentName(t.slug, t.shortTitle), phrase: phrase(t, opts.asOf) })),
		groups: standing.groups.map((g) => ({ slug: g.slug, name: groupLabel(g.slug, g.name), members: g.members })),
		gaps: standing.gaps.map((g) => ({
			shortTitle: g.shortTitle,
			name: instrumentName(g.slug, g.shortTitle),
			peersJoined: g.peersJoined,
			peers: g.peers,
			group: groupLabel(g.group.slug, g.group.name)
		})),
		sources: [...sourceIds].map((id) => record.sources.get(id)!).filter(Boolean).map((s) => ({ id: s.id, title: s.title, recordedOn: s.recorded_on }))
	};
}

function phrase(t: toJoin.ToJoin, asOf: string): string {
	const plan = t.kind === 'plan';
	const what =
		t.status === 'unknown' && t.lastKnown
			? m.states_phrase_last_known({ date: formatDate(t.lastKnown.on) })
			: t.status === 'unknown'
				? m.states_phrase_unknown()
				: t.status === 'signed'
					? t.signed
						? (plan ? m.states_phrase_signed_on_not_endorsed : m.states_phrase_signed_on_not_ratified)({ date: formatDate(t.signed) })
						: plan
							? m.states_phrase_signed_not_endorsed()
							: m.states_phrase_signed_not_ratified()
					: t.status === 'denounced'
						? m.states_phrase_denounced()
						: plan
							? m.states_phrase_not_endorsed()
							: m.states_phrase_no_action();
	if (!t.openSince) return what;
	return m.states_phrase_open({ what, since: toJoin.openFor(t.openSince, asOf) });
}
