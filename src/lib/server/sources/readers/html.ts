// What the readers of saved web pages share: cell text as a person reads it, the line of an
// element, the rows and cells of a table (not those of a table nested in it), and a guard that
// turns whatever a malformed page makes a parser throw into a LoadError naming the file.
import { NodeType, type HTMLElement, type Node } from 'node-html-parser';
import { LoadError } from '../../text/errors';

/** Text as a reader sees it: entities decoded, no-break spaces and tabs as spaces, trimmed. */
export function clean(s: string): string {
	return s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The text of an element as it reads: text decoded, <br> a space (or `br`). A script or style element is
 * kept as the literal characters of the file ("<script>…</script>"), never run, never dropped:
 * a name is what the page shows, and a name with markup in it is a name to look at.
 */
export function textOf(el: Node, br = ' '): string {
	if (el.nodeType === NodeType.TEXT_NODE) return el.text;
	if (el.nodeType !== NodeType.ELEMENT_NODE) return '';
	const tag = (el as HTMLElement).rawTagName?.toLowerCase();
	if (tag === 'script' || tag === 'style' || tag === 'noscript') return el.toString();
	if (tag === 'br') return br;
	return el.childNodes.map((n) => textOf(n, br)).join('');
}

/** A function giving the 1-based line of an offset of the text (a binary search over its line starts). */
export function lineIndex(text: string): (offset: number) => number {
	const starts = [0];
	for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
	return (offset) => {
		let lo = 0;
		let hi = starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (starts[mid] <= offset) lo = mid;
			else hi = mid - 1;
		}
		return lo + 1;
	};
}

function elements(el: HTMLElement, tags: string[]): HTMLElement[] {
	return el.childNodes.filter(
		(n): n is HTMLElement => n.nodeType === NodeType.ELEMENT_NODE && tags.includes((n as HTMLElement).rawTagName?.toLowerCase())
	);
}

/** The rows of a table, in order, through its thead/tbody/tfoot; not the rows of a nested table. */
export function rowsOf(table: HTMLElement): HTMLElement[] {
	return elements(table, ['tr', 'thead', 'tbody', 'tfoot']).flatMap((el) => (el.rawTagName.toLowerCase() === 'tr' ? [el] : elements(el, ['tr'])));
}

/** The cells (th or td) of a row. */
export function cellsOf(row: HTMLElement): HTMLElement[] {
	return elements(row, ['td', 'th']);
}

/**
 * The offset of the first table the text opens and never closes, or -1. A page cut off inside a
 * table is the usual cause, and a parser would hide it (it drops the unclosed table's tag and
 * keeps its rows), so it is looked for in the text itself, leaving out comments, scripts and
 * styles, whose "<table" is not markup.
 */
export function unclosedTable(text: string): number {
	const markup = text.replace(/<!--[\s\S]*?(?:-->|$)|<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, (m) => ' '.repeat(m.length));
	const open: number[] = [];
	for (const m of markup.matchAll(/<(\/?)table\b/gi)) {
		if (m[1]) open.pop();
		else open.push(m.index);
	}
	return open.length ? open[0] : -1;
}

/** A LoadError for a page with a table left open, at the line it opens on; nothing for a whole page. */
export function refuseCutOff(text: string, file: string, lineAt: (offset: number) => number): void {
	const open = unclosedTable(text);
	if (open !== -1) {
		throw new LoadError('a table is cut off (no </table> for the one opened here): the page was saved incompletely', { file, line: lineAt(open) });
	}
}

/**
 * Runs a reader on a page. A LoadError passes through; anything else a malformed page makes
 * the parser or the reader throw (a TypeError on a tree that is not what a page makes) becomes
 * a LoadError naming the file, so an upload gets a message, never a crash.
 */
export function guarded<T>(file: string, what: string, read: () => T): T {
	try {
		return read();
	} catch (e) {
		if (e instanceof LoadError) throw e;
		throw new LoadError(`cannot read this as ${what} (${e instanceof Error ? e.message : String(e)})`, { file });
	}
}
