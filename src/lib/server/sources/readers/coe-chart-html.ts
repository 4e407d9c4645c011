// The Council of Europe Treaty Office's "Chart of signatures and ratifications of Treaty N"
// (coe.int/en/web/conventions/full-list?module=signatures-by-treaty&treatynum=N) saved as HTML
// from a browser. The live page is drawn by script, so only a saved (rendered) page has the
// chart. What it holds, as the Treaty Office shows it:
// - "Status as of dd/mm/yyyy" → asOf;
// - "Total number of signatures not followed by ratifications: N" and "Total number of
//   ratifications/accessions: M" (label and number may sit in separate cells);
// - one or more sections (member States, non-member States, international organisations), each
//   headed by a row whose first cell names the section ("Member States of the Council of
//   Europe", or "States") and whose other cells name the columns: Signature | Ratification |
//   Entry into Force | Notes | R. | D. | A. | T. | C. | O. The sections may be separate tables
//   or one; a row belongs to the last heading row of its own table.
// Dates are dd/mm/yyyy. The Notes column (or a letter after the ratification date) says how a
// State took part: "a" accession, "su" succession, "s" signature without reservation as to
// ratification (the signature binds: a definitive signature), "r" signature ad referendum.
// Without "a", "su" or "s" a consent is a ratification; any other letter stops the read. (Where
// the live chart puts the "a" of an accession — Notes, or after the date — was not found
// documented: both are read.) The Entry into Force is kept on the consent; the chart speaks for
// it, so an empty cell is "not in force" (null), not silence. The marker columns say the Treaty Office
// holds Reservations, Declarations, Authorities, a Territorial application, a Communication or
// an Objection for the State; the chart does not give their text, so the markers are kept as
// the letters ("R, D") in `declarations` of the State's consent (of its signature when it has
// not consented), with a note spelling them out.
//
// Totals. The chart does not state its signatories: it states M (ratifications and accessions)
// and N (signatures not followed by ratification). Both are checked against the rows — M against
// the rows with a consent, N against the rows with a signature and no consent — and a page whose
// rows disagree is refused. `stated.parties` is M. `stated.signatories` is N plus the rows that
// signed and then ratified: the stated N, completed from the rows, so that it counts what the
// import counts (every State with a signature); it is not a number the chart prints.
import { parse, type HTMLElement } from 'node-html-parser';
import type { EventKind } from '../../../acts';
import { isIsoDate } from '../../../dates';
import { LoadError, type Where } from '../../text/errors';
import { cellsOf, clean, guarded, lineIndex, refuseCutOff, rowsOf, textOf } from './html';
import { act, result, type Reader, type SourceAct } from './types';

const MARKERS = [
	['R', 'reservations'],
	['D', 'declarations'],
	['A', 'authorities'],
	['T', 'territorial application'],
	['C', 'communication'],
	['O', 'objection']
] as const;

const CONSENT_NOTES: Record<string, EventKind> = { a: 'accession', su: 'succession', s: 'definitive-signature' };
const NOTES = new Set(['a', 'su', 's', 'r']);

/** True when the text looks like a saved Council of Europe chart of signatures and ratifications. */
export function recognises(text: string): boolean {
	return /Chart of signatures and ratifications/i.test(text) && />\s*Entry into Force\s*</i.test(text) && />\s*Ratification\s*</i.test(text);
}

/** "01/02/2008" → 2008-02-01, with a letter that may follow it ("26/11/2013 a"). */
function slashDate(cell: string, where: Where): { date: string; note: string | null } | null {
	if (!cell) return null;
	const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s*\(?(a|su|s|r)\)?)?$/.exec(cell);
	const iso = m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : '';
	if (!m || !isIsoDate(iso)) throw new LoadError(`not a date (dd/mm/yyyy): "${cell}"`, { ...where, value: cell });
	return { date: iso, note: m[4] ?? null };
}

const COLUMNS = { signature: /^signatures?$/i, consent: /^ratifications?(?:\s*\/\s*accessions?)?$/i, inForce: /^entry into force$/i, notes: /^notes?$/i };

/**
 * The column layout a heading row gives, or null for a row that heads no chart. A row naming
 * two of the chart's columns is a heading: one that lacks another of them is refused, naming it.
 */
function layout(cells: string[], where: Where) {
	if (Object.values(COLUMNS).filter((pattern) => cells.some((c) => pattern.test(c))).length < 2) return null;
	const find = (pattern: RegExp) => cells.findIndex((c) => pattern.test(c));
	const need = (pattern: RegExp, name: string) => {
		const i = find(pattern);
		if (i === -1) throw new LoadError(`no ${name} column in the chart (${cells.join(' | ')})`, where);
		return i;
	};
	const at = {
		signature: need(COLUMNS.signature, 'Signature'),
		consent: need(COLUMNS.consent, 'Ratification'),
		inForce: need(COLUMNS.inForce, 'Entry into Force'),
		notes: need(COLUMNS.notes, 'Notes'),
		markers: MARKERS.map(([letter, name]) => ({ letter, name, i: find(new RegExp(`^${letter}\\.?$`)) })).filter((m) => m.i !== -1)
	};
	if ([at.signature, at.consent, at.inForce, at.notes].includes(0)) {
		throw new LoadError(`the first column should name the States, not "${cells[0]}" (${cells.join(' | ')})`, where);
	}
	return { width: cells.length, ...at };
}

function total(page: string, label: string): number | null {
	const m = new RegExp(`${label}\\s*:?\\s*(\\d+)`, 'i').exec(page);
	return m ? Number(m[1]) : null;
}

/** "Status as of: 15/11/2018" → 2018-11-15. */
function statusDate(page: string, file: string): string | null {
	const m = /Status as of\s*:?\s*(\d{1,2}\/\d{1,2}\/\d{4})/i.exec(page);
	return m ? slashDate(m[1], { file })!.date : null;
}

/** "Chart of signatures and ratifications of Treaty 197 <title> CETS No. 197" → the title. */
function titleOf(page: string): string | null {
	const m = /Chart of signatures and ratifications of Treaty (\d+)\s*[—–-]?\s*(.{3,300}?)\s*[—–-]?\s*\(?C?ETS No\.\s*\1\b/i.exec(page);
	return m ? m[2].trim() : null;
}

export const read: Reader = (text, ctx) =>
	guarded(ctx.file, 'a Council of Europe chart of signatures and ratifications', () => {
		const lineAt = lineIndex(text);
		refuseCutOff(text, ctx.file, lineAt);
		// Unclosed elements stay where they are: mending them takes time that grows with the square
		// of their number, and a table cut off is refused above.
		const root = parse(text, { parseNoneClosedTags: true });
		const acts: SourceAct[] = [];
		const warnings: string[] = [];
		let charted = false;
		let signedOnly = 0;
		let signedAndConsented = 0;
		let consents = 0;

		for (const table of root.querySelectorAll('table')) {
			let columns: ReturnType<typeof layout> = null;
			for (const row of rowsOf(table)) {
				const cells = cellsOf(row);
				const texts = cells.map((c) => clean(textOf(c)));
				const line = lineAt((cells[0] ?? row).range[0]);
				const where = { file: ctx.file, line };
				const heading = layout(texts, where);
				if (heading) {
					columns = heading;
					charted = true;
					continue;
				}
				// Rows before a heading are not the chart (the totals, the page's layout); a row of
				// one cell spanning the chart is a caption; an empty row is spacing.
				if (!columns || cells.length <= 1 || texts.every((t) => !t)) continue;
				if (cells.length !== columns.width) throw new LoadError(`expected ${columns.width} cells, found ${cells.length}`, where);

				const name = texts[0];
				if (!name) throw new LoadError('a row without a State', where);
				const signed = slashDate(texts[columns.signature], where);
				const consented = slashDate(texts[columns.consent], where);
				const inForce = slashDate(texts[columns.inForce], where);
				const notes = [texts[columns.notes], signed?.note, consented?.note].filter((n): n is string => Boolean(n)).flatMap((n) => n.split(/[\s,;]+/));
				for (const n of notes) {
					if (!NOTES.has(n)) throw new LoadError(`note not understood: "${n}" (a, s, su or r)`, { ...where, value: n });
				}
				const markers = columns.markers.filter(({ letter, i }) => {
					const mark = texts[i];
					if (/\d/.test(mark)) throw new LoadError(`"${mark}" under ${letter}.: the columns are not where the headings say`, { ...where, value: mark });
					return Boolean(mark) || Boolean(cells[i].querySelector('a, img'));
				});
				// The markers go with the State's last act here; a chart without marker columns is silent on them.
				const marked: Partial<SourceAct> = columns.markers.length ? { declarations: markers.map((m) => m.letter).join(', ') || null } : {};
				const markNote = markers.length
					? `the chart marks ${markers.map((m) => `${m.name} (${m.letter})`).join(', ')}; their text is on the Treaty Office's declarations page`
					: null;

				const kind = notes.map((n) => CONSENT_NOTES[n]).find(Boolean);
				const definitive = kind === 'definitive-signature';
				if (definitive && !signed) throw new LoadError('"s" (signature without reservation as to ratification) without a signature', where);
				if (kind && !definitive && !consented) throw new LoadError(`"${kind}" noted without its date`, where);
				const consentDate = definitive ? (consented ?? signed) : consented;
				if (inForce && !consentDate) throw new LoadError('an entry into force without a ratification or accession', where);
				if (signed && !definitive) {
					const note = [notes.includes('r') && 'signature ad referendum (r)', !consentDate && markNote].filter(Boolean).join('; ');
					acts.push(act(line, name, 'signature', signed.date, { ...(!consentDate && marked), ...(note && { note }) }));
				}
				if (consentDate) {
					acts.push(
						act(line, name, kind ?? 'ratification', consentDate.date, {
							recorded_entry_into_force: inForce?.date ?? null,
							...marked,
							...(markNote && { note: markNote })
						})
					);
					consents++;
					if (signed && !definitive) signedAndConsented++;
				} else if (signed) {
					signedOnly++;
				}
			}
		}
		if (!charted) {
			throw new LoadError(
				'no chart (a row heading the columns Signature, Ratification, Entry into Force, Notes): is this a Council of Europe chart of signatures and ratifications?',
				{ file: ctx.file }
			);
		}

		const page = clean(root.text);
		const notFollowed = total(page, 'Total number of signatures not followed by ratifications?');
		const parties = total(page, 'Total number of ratifications\\s*/\\s*accessions');
		const mismatch = [
			notFollowed !== null && notFollowed !== signedOnly && `${notFollowed} signatures not followed by ratifications, the chart has ${signedOnly}`,
			parties !== null && parties !== consents && `${parties} ratifications/accessions, the chart has ${consents}`
		].filter(Boolean);
		if (mismatch.length) {
			throw new LoadError(`the page states ${mismatch.join('; and ')} — saved incompletely, or read wrong`, { file: ctx.file });
		}
		if (notFollowed === null && parties === null) warnings.push(`${ctx.file}: the chart states no totals; its rows are not checked against any`);
		const stated =
			notFollowed === null && parties === null ? null : { signatories: notFollowed === null ? null : notFollowed + signedAndConsented, parties };
		return result(acts, { asOf: statusDate(page, ctx.file), stated, title: titleOf(page), warnings });
	});
