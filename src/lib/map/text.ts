// Words on a map in the request's language. A message is a whole sentence with placeholders; where
// markup must wrap a value (a bold count, a link, a date), the value is passed as a `slot` and the
// sentence cut there (`parts`), so that no HTML goes into a message and each language keeps its
// own word order. SVG text set right to left: `svgDir`.
import { dir, groupLabel } from '../i18n';
import type { MapGroup } from './model';

export { slot, parts, type Part } from '../i18n';

/**
 * A group as the messages that name it take it: its name in the request's language, and its
 * kind, by which each language words the phrase (English: "members of Europe", "members of the
 * African Union"; Russian: "членов организации «…»").
 */
export function groupWords(group: Pick<MapGroup, 'slug' | 'name' | 'kind'>): { group: string; kind: 'region' | 'group' | 'organisation' } {
	const kind = group.kind === 'region' || group.kind === 'subregion' ? 'region' : group.kind === 'un-regional-group' ? 'group' : 'organisation';
	return { group: groupLabel(group.slug, group.name).text, kind };
}

/**
 * How SVG text is set in the request's language. Right to left, a line is anchored at its right
 * end and its words ordered right to left by Unicode isolates (RLI … PDI) rather than by the
 * `direction` attribute: resvg (the share card's PNG) ignores `direction`, and browsers flip
 * what `text-anchor` means under it, so the isolates and an explicit end anchor are the one
 * setting every renderer draws alike. The geometry (map, swatches' order aside) is not mirrored.
 */
export function svgDir(): {
	rtl: boolean;
	anchor: 'end' | undefined;
	/** `s` isolated right to left (as is, left to right). */
	text: (s: string) => string;
	/** The isolate's ends, for a line whose words are split among tspans. */
	open: string;
	close: string;
	/** `x` from the left margin, or as far from the right one. */
	x: (x: number, width: number) => number;
} {
	const rtl = dir() === 'rtl';
	const open = rtl ? '\u2067' : '';
	const close = rtl ? '\u2069' : '';
	return {
		rtl,
		anchor: rtl ? 'end' : undefined,
		text: (s) => `${open}${s}${close}`,
		open,
		close,
		x: (x, width) => (rtl ? width - x : x)
	};
}

/**
 * About how wide a line of text is drawn at `size` (for laying out an SVG without a browser to
 * measure it): ideographs a full em, other letters `letter` of one (a little over half in a
 * sans-serif, about half in the card's serif title).
 */
export function textWidth(s: string, size: number, letter = 0.58): number {
	let em = 0;
	for (const ch of s) em += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(ch) ? 1 : letter;
	return em * size;
}

/** The font size (at most `size`) at which `s` fits in `width`. */
export function fitSize(s: string, size: number, width: number, letter = 0.58): number {
	const w = textWidth(s, size, letter);
	return w <= width ? size : Math.floor((size * width) / w);
}
