// An ILO NORMLEX "ratifications by convention" page (normlex.ilo.org …
// f?p=NORMLEXPUB:11300:…:P11300_INSTRUMENT_ID:<id>) saved as HTML from a browser. The
// ratifications are the table of class "horizontalLine" (cellspacing 0) whose first row heads
// the columns Country | Date | Status | Note — the table the CSV exports of NORMLEX were scraped
// from (data/raw/crba_etl_2023_normlex_untc/normlex_*.csv), so a row means what a CSV row means
// and is read by the same code (rowActs in normlex-csv.ts): Date is when the ILO registered the
// ratification, the Note may add the day it will enter into force for the State or a
// denunciation. The Country cell holds the State as a link, with its declarations after it
// ("Minimum age specified: 14 years"); where the cell has no link the name is split from the
// declarations as the CSV reader does (splitCountry).
// Status (In Force, Not in force, Denounced) is not kept — the app derives it — but must be one
// of these, and one that disagrees with the note is reported as a warning.
// The page's title ("Ratifications of C182 - Worst Forms of Child Labour Convention, 1999
// (No. 182)") gives `title`; a stated "Number of ratifications: N", where the page shows one, is
// `stated.parties` and must equal the rows. NORMLEX counts every ratification registered,
// a denounced one too, so it is compared with every row. The page states no "as at".
import { parse, type HTMLElement } from 'node-html-parser';
import { LoadError } from '../../text/errors';
import { cellsOf, clean, guarded, lineIndex, refuseCutOff, rowsOf, textOf } from './html';
import { rowActs, splitCountry } from './normlex-csv';
import { result, type Reader, type ReaderContext, type SourceAct } from './types';

const STATUSES = ['in force', 'not in force', 'denounced'];

/** True when the text looks like a saved NORMLEX ratifications page: its table and its column headings. */
export function recognises(text: string): boolean {
	return (
		/<table\b[^>]*\bclass\s*=\s*["']?[^"'>]*\bhorizontalLine\b/i.test(text) &&
		/>\s*Country\s*</i.test(text) &&
		/>\s*Date\s*</i.test(text) &&
		/>\s*Status\s*</i.test(text)
	);
}

/** The cells of the first row of a table, as text. */
function headings(table: HTMLElement): string[] {
	const first = rowsOf(table)[0];
	return first ? cellsOf(first).map((c) => clean(textOf(c))) : [];
}

/** The ratifications table: the first "horizontalLine" table whose first row heads a Country column. */
function ratificationsTable(root: HTMLElement, file: string): HTMLElement {
	const tables = root.querySelectorAll('table').filter((t) => /\bhorizontalLine\b/.test(t.getAttribute('class') ?? ''));
	if (!tables.length) {
		throw new LoadError('no ratifications table (a table of class "horizontalLine"): is this a NORMLEX ratifications page?', { file });
	}
	const withCountry = tables.filter((t) => headings(t).some((h) => /^country$/i.test(h)));
	if (!withCountry.length) {
		throw new LoadError(`no Country column in the ratifications table (${headings(tables[0]).join(' | ') || 'no headings'})`, { file });
	}
	return withCountry[0];
}

/**
 * The State and its declarations: the link's text and what follows it; without a link, split
 * as the CSV reader splits them, from the text glued as the CSV has it (a <br> is nothing).
 */
function country(ctx: ReaderContext, cell: HTMLElement): { name: string; declarations: string | null } {
	const text = clean(textOf(cell));
	const link = cell.querySelector('a');
	const linked = link ? clean(textOf(link)) : '';
	if (linked && text.startsWith(linked)) return { name: linked, declarations: clean(text.slice(linked.length)) || null };
	const { name, declarations } = splitCountry(ctx, clean(textOf(cell, '')));
	return { name, declarations: declarations && clean(declarations) };
}

/** "Ratifications of C182 - Worst Forms of Child Labour Convention, 1999 (No. 182)" → the title. */
function titleOf(root: HTMLElement): string | null {
	for (const el of root.querySelectorAll('title, h1, h2, h3, h4, caption')) {
		const m = /^Ratifications (?:of|for)\s+(?:[CPR]\d{1,3}\s*-\s*)?(.+)$/i.exec(clean(textOf(el)));
		if (m) return m[1];
	}
	return null;
}

export const read: Reader = (text, ctx) =>
	guarded(ctx.file, 'a NORMLEX ratifications page', () => {
		const lineAt = lineIndex(text);
		refuseCutOff(text, ctx.file, lineAt);
		// Unclosed elements stay where they are: mending them takes time that grows with the square
		// of their number, and a table cut off is refused above.
		const root = parse(text, { parseNoneClosedTags: true });
		const table = ratificationsTable(root, ctx.file);
		const rows = rowsOf(table).slice(1);
		const header = headings(table);
		const column = (name: string) => {
			const i = header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
			if (i === -1) throw new LoadError(`no ${name} column in the ratifications table (${header.join(' | ')})`, { file: ctx.file });
			return i;
		};
		const at = { country: column('Country'), date: column('Date'), status: column('Status'), note: column('Note') };

		const acts: SourceAct[] = [];
		const warnings: string[] = [];
		let ratifications = 0;
		for (const row of rows) {
			const cells = cellsOf(row);
			if (cells.length === 0 && !clean(row.text)) continue;
			const line = lineAt((cells[at.country] ?? row).range[0]);
			const where = { file: ctx.file, line };
			if (cells.length !== header.length) throw new LoadError(`expected ${header.length} cells, found ${cells.length}`, where);
			const { name, declarations } = country(ctx, cells[at.country]);
			if (!name) throw new LoadError('a row without a country', where);
			const date = clean(textOf(cells[at.date]));
			const status = clean(textOf(cells[at.status]));
			const note = clean(textOf(cells[at.note]));
			const found = rowActs(ctx, line, { name, declarations, date, note });
			if (!STATUSES.includes(status.toLowerCase())) {
				throw new LoadError(`status not understood: "${status}" (In Force, Not in force or Denounced)`, { ...where, value: status });
			}
			const denounced = found.some((a) => a.event === 'denunciation');
			if (denounced && status.toLowerCase() === 'in force') warnings.push(`${ctx.file}:${line}: ${name} is "In Force" but the note says "${note}"`);
			if (!denounced && status.toLowerCase() === 'denounced') warnings.push(`${ctx.file}:${line}: ${name} is "Denounced" but no note dates the denunciation`);
			acts.push(...found);
			ratifications++;
		}

		const stated = /Number of ratifications\s*:?\s*(\d+)/i.exec(clean(root.text));
		const parties = stated ? Number(stated[1]) : null;
		if (parties !== null && parties !== ratifications) {
			throw new LoadError(`the page states ${parties} ratifications, the table has ${ratifications} — saved incompletely, or read wrong`, {
				file: ctx.file
			});
		}
		return result(acts, { stated: parties === null ? null : { signatories: null, parties }, title: titleOf(root), warnings });
	});
