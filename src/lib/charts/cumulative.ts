// The cumulative number of parties to an instrument over time, as numbers for an SVG chart:
// d3 computes the scales and the step lines, the component only draws them. Computed on
// the server, so the browser needs no d3 to show the chart.
import { area, curveStepAfter, line, scaleLinear, scaleUtc } from 'd3';
import { formatDate } from '../dates';

export interface SeriesPoint {
	date: string;
	parties: number;
	inForce: number;
}

export interface Tick {
	at: number;
	label: string;
}

export interface CumulativeChart {
	width: number;
	height: number;
	plot: { left: number; right: number; top: number; bottom: number };
	/** The parties, as a step line. */
	parties: string;
	/** Those it is in force for, as a step area under the line (the gap between is "pending"). */
	inForce: string;
	xTicks: Tick[];
	yTicks: Tick[];
	entryIntoForce: { x: number; label: string } | null;
	/** The date the page is about, when it is not the end of the chart. */
	asOf: { x: number; label: string; parties: number; inForce: number } | null;
	end: { x: number; parties: number; inForce: number; yParties: number; yInForce: number; date: string };
	/** Every date a count changed: the chart's data table. */
	points: SeriesPoint[];
	title: string;
	description: string;
}

export function cumulativeChart(
	series: SeriesPoint[],
	opts: { title: string; start: string; end: string; entryIntoForce: string | null; asOf: string; width?: number; height?: number }
): CumulativeChart {
	const width = opts.width ?? 720;
	const height = opts.height ?? 260;
	const plot = { left: 40, right: width - 96, top: 16, bottom: height - 28 };
	const start = series.length && series[0].date < opts.start ? series[0].date : opts.start;
	const end = opts.end;
	const shown = series.filter((p) => p.date <= end);
	const valueOn = (date: string): SeriesPoint => {
		let found: SeriesPoint = { date, parties: 0, inForce: 0 };
		for (const p of shown) if (p.date <= date) found = p;
		return { ...found, date };
	};
	const last = valueOn(end);
	// The step line starts at zero on adoption and runs on to the end date.
	const steps = [{ date: start, parties: 0, inForce: 0 }, ...shown, last];

	const x = scaleUtc().domain([utc(start), utc(end)]).range([plot.left, plot.right]);
	const y = scaleLinear()
		.domain([0, Math.max(last.parties, ...shown.map((p) => p.parties), 1)])
		.nice()
		.range([plot.bottom, plot.top]);
	const partiesLine =
		line<SeriesPoint>()
			.x((p) => x(utc(p.date)))
			.y((p) => y(p.parties))
			.curve(curveStepAfter)
			.digits(1)(steps) ?? '';
	const inForceArea =
		area<SeriesPoint>()
			.x((p) => x(utc(p.date)))
			.y0(plot.bottom)
			.y1((p) => y(p.inForce))
			.curve(curveStepAfter)
			.digits(1)(steps) ?? '';

	const years = (utc(end).getTime() - utc(start).getTime()) / (365.25 * 864e5);
	const xFormat = x.tickFormat();
	const eif = opts.entryIntoForce && opts.entryIntoForce >= start && opts.entryIntoForce <= end ? opts.entryIntoForce : null;
	const at = opts.asOf > start && opts.asOf < end ? valueOn(opts.asOf) : null;

	return {
		width,
		height,
		plot,
		parties: partiesLine,
		inForce: inForceArea,
		xTicks: x.ticks(Math.max(2, Math.min(8, Math.round(years)))).map((d) => ({ at: round(x(d)), label: xFormat(d) })),
		yTicks: y.ticks(5).map((v) => ({ at: round(y(v)), label: String(v) })),
		entryIntoForce: eif ? { x: round(x(utc(eif))), label: `In force ${formatDate(eif)}` } : null,
		asOf: at ? { x: round(x(utc(at.date))), label: formatDate(at.date), parties: at.parties, inForce: at.inForce } : null,
		end: {
			x: plot.right,
			parties: last.parties,
			inForce: last.inForce,
			yParties: round(y(last.parties)),
			yInForce: round(y(last.inForce)),
			date: end
		},
		points: shown,
		title: opts.title,
		description:
			`Step chart from ${formatDate(start)} to ${formatDate(end)}: ${last.parties} parties on ${formatDate(end)}, ` +
			`${last.inForce} of them with the instrument in force.` +
			(eif ? ` It entered into force on ${formatDate(eif)}.` : ' It is not in force on the record.')
	};
}

function utc(date: string): Date {
	return new Date(`${date}T00:00:00Z`);
}

function round(n: number): number {
	return Math.round(n * 10) / 10;
}
