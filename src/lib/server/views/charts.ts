// The data behind the charts: the cumulative parties of an instrument, and a participant's
// events across instruments, computed into drawable numbers (lib/charts) on the server.
import type { Db } from '../db';
import * as records from '../record/record';
import type { InstrumentRecord } from '../record/record';
import * as maps from './map';
import { cumulativeChart, type CumulativeChart } from '../../charts/cumulative';
import { timelineChart, type TimelineChart } from '../../charts/timeline';
import { today } from '../../dates';
import { instrumentName, locale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

/**
 * The charts made lately for each instrument's record, by date shown and day: one instrument's
 * record stays the same object until a write changes it (record/build), so a chart is drawn once
 * per state of its instrument and language, not once per page.
 */
const drawn = new WeakMap<InstrumentRecord, Map<string, CumulativeChart>>();
const KEPT_PER_INSTRUMENT = 8;

/** Parties over time from adoption to today; null for a plan or an instrument without data. */
export async function cumulative(db: Db, opts: { slug: string; asOf: string }): Promise<CumulativeChart | null> {
	const record = await records.get(db);
	const ir = record.instruments.get(opts.slug);
	if (!ir || ir.instrument.kind === 'plan' || ir.dataStatus === 'none') return null;
	const end = today();
	// its title, labels and dates are in the request's language
	const key = `${opts.asOf}|${end}|${locale()}`;
	let charts = drawn.get(ir);
	if (!charts) drawn.set(ir, (charts = new Map()));
	let chart = charts.get(key);
	if (!chart) {
		chart = draw(ir, opts.asOf, end);
		if (charts.size >= KEPT_PER_INSTRUMENT) charts.delete(charts.keys().next().value!);
		charts.set(key, chart);
	}
	return chart;
}

function draw(ir: InstrumentRecord, asOf: string, end: string): CumulativeChart {
	const series = maps.cumulative(ir);
	return cumulativeChart(series, {
		title: m.home_chart_title({ instrument: instrumentName(ir.instrument.slug, ir.instrument.short_title).text }),
		start: ir.instrument.adopted ?? series[0]?.date ?? end,
		end,
		entryIntoForce: ir.entryIntoForce,
		asOf
	});
}

/** One row per instrument the participant has acted on, in the instruments' order. */
export async function timeline(db: Db, opts: { code: string; asOf: string }): Promise<TimelineChart | null> {
	const record = await records.get(db);
	const rows = [...record.instruments.values()]
		.sort((a, b) => a.instrument.sort_order - b.instrument.sort_order)
		.map((ir) => ({
			slug: ir.instrument.slug,
			shortTitle: ir.instrument.short_title,
			events: (ir.timelines.get(opts.code)?.events ?? []).map((e) => ({ kind: e.kind, known: e.known, exact: e.date !== null }))
		}))
		.filter((r) => r.events.length);
	if (rows.length === 0) return null;
	return timelineChart(rows, { end: today(), asOf: opts.asOf });
}
