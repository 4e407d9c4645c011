// The cumulative number of parties to an instrument over time, as numbers for an SVG chart:
// d3 computes the scales and the step lines, the component only draws them. Computed on
// the server, so the browser needs no d3 to show the chart. Drawn twice: a wide frame for
// a page, and a narrow one for a phone, where the wide one would shrink its text to a
// few pixels (a viewBox scales text with everything else).
import { scaleLinear, scaleUtc } from 'd3-scale';
import { area, curveStepAfter, line } from 'd3-shape';
import { formatDate } from '../dates';
import { number as formatNumber } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

export interface SeriesPoint {
	date: string;
	parties: number;
	inForce: number;
}

export interface Tick {
	at: number;
	label: string;
}

/** The chart drawn at one size, in its own viewBox units. */
export interface ChartFrame {
	width: number;
	height: number;
	plot: { left: number; right: number; top: number; bottom: number };
	/** The parties, as a step line. */
	parties: string;
	/** Those it is in force for, as a step area under the line (the gap between is "pending"). */
	inForce: string;
	xTicks: Tick[];
	yTicks: Tick[];
	/** The entry-into-force line at x, and its label's baseline y. */
	entryIntoForce: { x: number; y: number; label: string } | null;
	/** The date the page is about, when it is not the end of the chart. */
	asOf: { x: number; label: string; parties: number; inForce: number } | null;
	end: { x: number; parties: number; inForce: number; yParties: number; yInForce: number; date: string };
	/**
	 * Where the end figures go: right of the plot (wide), or inside it, right-aligned over
	 * the end of the line (narrow: no room beside it).
	 */
	endLabels: 'outside' | 'inside';
}

export interface CumulativeChart {
	/** For a page (720 units wide). */
	wide: ChartFrame;
	/** For a phone (360 units wide, drawn at about its size on a 390-pixel screen). */
	narrow: ChartFrame;
	/** Every date a count changed: the chart's data table. */
	points: SeriesPoint[];
	title: string;
	description: string;
}

export function cumulativeChart(
	series: SeriesPoint[],
	opts: { title: string; start: string; end: string; entryIntoForce: string | null; asOf: string }
): CumulativeChart {
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
	const eif = opts.entryIntoForce && opts.entryIntoForce >= start && opts.entryIntoForce <= end ? opts.entryIntoForce : null;
	const at = opts.asOf > start && opts.asOf < end ? valueOn(opts.asOf) : null;
	const years = (utc(end).getTime() - utc(start).getTime()) / (365.25 * 864e5);
	const max = Math.max(last.parties, ...shown.map((p) => p.parties), 1);

	function frame(
		width: number,
		height: number,
		plot: ChartFrame['plot'],
		ticks: { x: number; y: number },
		endLabels: ChartFrame['endLabels']
	): ChartFrame {
		const x = scaleUtc().domain([utc(start), utc(end)]).range([plot.left, plot.right]);
		const y = scaleLinear().domain([0, max]).nice().range([plot.bottom, plot.top]);
		const xFormat = x.tickFormat();
		return {
			width,
			height,
			plot,
			parties:
				line<SeriesPoint>()
					.x((p) => x(utc(p.date)))
					.y((p) => y(p.parties))
					.curve(curveStepAfter)
					.digits(1)(steps) ?? '',
			inForce:
				area<SeriesPoint>()
					.x((p) => x(utc(p.date)))
					.y0(plot.bottom)
					.y1((p) => y(p.inForce))
					.curve(curveStepAfter)
					.digits(1)(steps) ?? '',
			xTicks: x.ticks(Math.max(2, Math.min(ticks.x, Math.round(years)))).map((d) => ({ at: round(x(d)), label: xFormat(d) })),
			yTicks: y.ticks(ticks.y).map((v) => ({ at: round(y(v)), label: formatNumber(v) })),
			entryIntoForce: eif
				? endLabels === 'outside'
					? { x: round(x(utc(eif))), y: plot.top + 8, label: m.home_chart_in_force({ date: formatDate(eif) }) }
					: // Above the plot, clear of the line; the year alone leaves room for the end figure (the date is in the description).
						{ x: round(x(utc(eif))), y: plot.top - 8, label: m.home_chart_in_force({ date: eif.slice(0, 4) }) }
				: null,
			asOf: at ? { x: round(x(utc(at.date))), label: formatDate(at.date), parties: at.parties, inForce: at.inForce } : null,
			end: {
				x: plot.right,
				parties: last.parties,
				inForce: last.inForce,
				yParties: round(y(last.parties)),
				yInForce: round(y(last.inForce)),
				date: end
			},
			endLabels
		};
	}

	return {
		wide: frame(720, 260, { left: 40, right: 720 - 96, top: 16, bottom: 260 - 28 }, { x: 8, y: 5 }, 'outside'),
		// Room above the plot for the end figure, which sits over the end of the line.
		narrow: frame(360, 240, { left: 30, right: 360 - 8, top: 30, bottom: 240 - 26 }, { x: 4, y: 4 }, 'inside'),
		points: shown,
		title: opts.title,
		description: (() => {
			const values = { count: last.parties, parties: formatNumber(last.parties), inForce: formatNumber(last.inForce), start: formatDate(start), end: formatDate(end) };
			return eif ? m.home_chart_description({ ...values, entry: formatDate(eif) }) : m.home_chart_description_not_in_force(values);
		})()
	};
}

function utc(date: string): Date {
	return new Date(`${date}T00:00:00Z`);
}

function round(n: number): number {
	return Math.round(n * 10) / 10;
}
