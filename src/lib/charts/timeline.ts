// One participant's events across instruments, as numbers for an SVG chart: one row per
// instrument, a mark at each signature, consent, denunciation or endorsement, and bars for
// the time between signature and consent and the time bound by the instrument.
import { scaleUtc } from 'd3-scale';
import { formatDate } from '../dates';
import type { Tick } from './cumulative';
import { translated } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

export type MarkKind = 'signature' | 'consent' | 'denunciation' | 'endorsement';

export interface TimelineEvent {
	kind: string;
	/** The date, or the date by which it had certainly happened. */
	known: string | null;
	/** False when the day is not recorded (`known` is then a bound). */
	exact: boolean;
}

export interface TimelineInput {
	slug: string;
	shortTitle: string;
	events: TimelineEvent[];
}

export interface TimelineRow {
	slug: string;
	shortTitle: string;
	y: number;
	marks: { x: number; kind: MarkKind; label: string }[];
	/** signed-but-not-bound and bound spans, as x ranges */
	spans: { x0: number; x1: number; kind: 'signed' | 'bound' }[];
}

export interface TimelineChart {
	width: number;
	height: number;
	plot: { left: number; right: number; top: number; bottom: number };
	rowHeight: number;
	xTicks: Tick[];
	rows: TimelineRow[];
	/** x of the date the page is about */
	asOf: { x: number; label: string } | null;
}

/** Each kind of act as a mark's label names it. */
const KIND_LABELS: Readonly<Record<string, string>> = translated({
	signature: m.event_signature,
	ratification: m.consent_ratification,
	acceptance: m.home_mark_acceptance,
	approval: m.home_mark_approval,
	accession: m.home_mark_accession,
	succession: m.home_mark_succession,
	'formal-confirmation': m.home_mark_formal_confirmation,
	'definitive-signature': m.consent_definitive_signature,
	denunciation: m.event_denunciation,
	endorsement: m.event_endorsement
});

function markKind(kind: string): MarkKind {
	if (kind === 'signature') return 'signature';
	if (kind === 'denunciation') return 'denunciation';
	if (kind === 'endorsement') return 'endorsement';
	return 'consent';
}

export function timelineChart(input: TimelineInput[], opts: { end: string; asOf: string; width?: number }): TimelineChart {
	const rows = input.filter((r) => r.events.some((e) => e.known));
	const width = opts.width ?? 720;
	const rowHeight = 34;
	const plot = { left: 12, right: width - 12, top: 8, bottom: 8 + rows.length * rowHeight };
	const height = plot.bottom + 26;
	const dates = rows.flatMap((r) => r.events.map((e) => e.known!).filter(Boolean));
	const first = dates.length ? dates.reduce((a, b) => (a < b ? a : b)) : opts.end;
	// Start on a round year a little before the first event, so its mark is not on the edge.
	const startYear = Math.floor((Number(first.slice(0, 4)) - 1) / 5) * 5;
	const x = scaleUtc()
		.domain([new Date(Date.UTC(startYear, 0, 1)), utc(opts.end)])
		.range([plot.left, plot.right]);
	const at = (d: string) => Math.round(x(utc(d)) * 10) / 10;
	const xFormat = x.tickFormat();

	return {
		width,
		height,
		plot,
		rowHeight,
		xTicks: x.ticks(8).map((d) => ({ at: Math.round(x(d) * 10) / 10, label: xFormat(d) })),
		asOf: opts.asOf < opts.end ? { x: at(opts.asOf), label: formatDate(opts.asOf) } : null,
		rows: rows.map((r, n) => {
			const events = r.events.filter((e) => e.known).sort((a, b) => (a.known! < b.known! ? -1 : 1));
			const spans: TimelineRow['spans'] = [];
			const signature = events.find((e) => markKind(e.kind) === 'signature');
			const consent = events.find((e) => markKind(e.kind) === 'consent');
			const denunciation = events.find((e) => markKind(e.kind) === 'denunciation' && (!consent || e.known! >= consent.known!));
			if (signature && (!consent || consent.known! > signature.known!)) {
				spans.push({ x0: at(signature.known!), x1: at(consent?.known ?? opts.end), kind: 'signed' });
			}
			if (consent) spans.push({ x0: at(consent.known!), x1: at(denunciation?.known ?? opts.end), kind: 'bound' });
			return {
				slug: r.slug,
				shortTitle: r.shortTitle,
				y: plot.top + n * rowHeight,
				spans,
				marks: events.map((e) => ({
					x: at(e.known!),
					kind: markKind(e.kind),
					label: (e.exact ? m.home_mark_on : m.home_mark_by)({ kind: KIND_LABELS[e.kind] ?? capitalise(e.kind), date: formatDate(e.known) })
				}))
			};
		})
	};
}

function capitalise(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1).replace(/-/g, ' ');
}

function utc(date: string): Date {
	return new Date(`${date}T00:00:00Z`);
}
