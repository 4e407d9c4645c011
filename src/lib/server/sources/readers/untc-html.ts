// The UN Treaty Collection status page of a treaty, saved as HTML from a browser (the format
// of 2026: the participant grid is the table whose id ends in "tblgrid"). Besides the rows,
// the page states when it was taken ("STATUS AS AT : 03-02-2026") and its totals
// ("Signatories : 122. Parties : 178"), which must equal the rows read: a page whose rows
// and header disagree has been read wrong, or saved incompletely.
import { parse, type HTMLElement } from 'node-html-parser';
import { UNTC_SUFFIXES } from '../../../acts';
import { isIsoDate } from '../../../dates';
import { dayMonYear } from '../../text/dates';
import { LoadError } from '../../text/errors';
import { clean, guarded, lineIndex, textOf } from './html';
import { act, result, type Reader, type SourceAct } from './types';
import { untcConsent } from './untc-csv';

/** "03-02-2026 10:16:18 EDT" → 2026-02-03 (UNTC writes day-month-year). */
function statusDate(page: string, file: string): string | null {
	const m = /STATUS AS AT\s*:\s*(\d{2})-(\d{2})-(\d{4})/i.exec(page);
	if (!m) return null;
	const iso = `${m[3]}-${m[2]}-${m[1]}`;
	// Date.parse would take "31-02-2026" (it rolls over to March): a real day of the calendar only.
	if (!isIsoDate(iso)) throw new LoadError(`"STATUS AS AT" is not a date: "${m[0]}"`, { file, value: m[0] });
	return iso;
}

function total(page: string, label: string): number | null {
	const m = new RegExp(`${label}\\s*:\\s*(\\d+)`, 'i').exec(page);
	return m ? Number(m[1]) : null;
}

export const read: Reader = (text, ctx) => guarded(ctx.file, 'a UN Treaty Collection status page', () => {
	// Unclosed elements are left where they are: mending them costs time that grows with the
	// square of their number (seconds for a few MB of junk), and a status page closes its rows.
	const root = parse(text, { parseNoneClosedTags: true });
	const grid = root.querySelector('table[id$="tblgrid"]');
	if (!grid) {
		throw new LoadError('no participant table (an element whose id ends in "tblgrid"): is this a UN Treaty Collection status page?', {
			file: ctx.file
		});
	}
	const rows = grid.querySelectorAll('tr');
	const lineAt = lineIndex(text);
	const header = rows[0]?.querySelectorAll('td, th').map((c) => clean(c.text)) ?? [];
	const column = (pattern: RegExp, what: string) => {
		const i = header.findIndex((h) => pattern.test(h));
		if (i === -1) throw new LoadError(`no ${what} column in the participant table (${header.join(' | ')})`, { file: ctx.file });
		return i;
	};
	const participant = column(/^participant/i, 'participant');
	const signature = column(/^signature/i, 'signature');
	const consent = column(/ratification|accession/i, 'consent');

	const acts: SourceAct[] = [];
	let signatories = 0;
	let parties = 0;
	for (const row of rows.slice(1)) {
		const cells: HTMLElement[] = row.querySelectorAll('td');
		// The line of the participant's cell: where a person searching the file for the name lands.
		const line = lineAt((cells[participant] ?? row).range[0]);
		const where = { file: ctx.file, line };
		if (cells.length !== header.length) throw new LoadError(`expected ${header.length} cells, found ${cells.length}`, where);
		// Footnote numbers follow names as <sup> links ("Belgium 1"): not part of the name.
		for (const sup of cells[participant].querySelectorAll('sup')) sup.remove();
		// textOf: markup in a name ("<script>…") stays the literal text of the page, not stripped.
		const name = clean(textOf(cells[participant]));
		const signed = clean(cells[signature].text);
		const consented = clean(cells[consent].text);
		if (!name) throw new LoadError('a row without a participant', where);
		if (signed) {
			acts.push(act(line, name, 'signature', dayMonYear(signed, where)));
			signatories++;
		}
		if (consented) {
			const c = untcConsent(consented);
			if (!c) throw new LoadError(`not a UNTC date with an optional a/A/AA/d/c: "${consented}"`, { ...where, value: consented });
			acts.push(act(line, name, UNTC_SUFFIXES[c.suffix], dayMonYear(c.date, where)));
			parties++;
		}
	}

	const page = clean(root.text);
	const stated = { signatories: total(page, 'Signatories'), parties: total(page, 'Parties') };
	const mismatch = [
		stated.signatories !== null && stated.signatories !== signatories && `${stated.signatories} signatories, the table has ${signatories}`,
		stated.parties !== null && stated.parties !== parties && `${stated.parties} parties, the table has ${parties}`
	].filter(Boolean);
	if (mismatch.length) {
		throw new LoadError(`the page states ${mismatch.join('; and ')} — saved incompletely, or read wrong`, { file: ctx.file });
	}
	const title = clean(root.querySelector('[id$="tcTreaty"]')?.text ?? '').replace(/^\d+\s*\.\s*[a-z]?\s*/, '') || null;
	return result(acts, { asOf: statusDate(page, ctx.file), stated, title });
});
