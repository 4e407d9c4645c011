// The readers of two depositaries' pages saved as HTML — ILO NORMLEX's ratifications by
// convention and the Council of Europe's chart of signatures and ratifications — on fixtures
// whose rows are real (each fixture's first line says where they come from): text in, acts
// with their lines out, and a LoadError naming the problem for a page that is cut off, has a
// column missing or wrong, or disagrees with its own totals.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { READERS } from '../../src/lib/server/sources/readers';
import * as coeChart from '../../src/lib/server/sources/readers/coe-chart-html';
import * as normlexHtml from '../../src/lib/server/sources/readers/normlex-html';
import type { ReaderContext, ReadResult, SourceAct } from '../../src/lib/server/sources/readers';
import { LoadError } from '../../src/lib/server/sources/load';
import { DATA_DIR } from './db';

const FIXTURES = resolve(__dirname, '../fixtures/readers');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const raw = (file: string) => readFileSync(join(DATA_DIR, file), 'utf8');
/** A context that knows no names: with every State a link, the NORMLEX page never needs one. */
const blind = (file: string): ReaderContext => ({ file, codeOf: () => undefined });
/** A context that knows these names (each its own code). */
const knowing = (file: string, names: Iterable<string>): ReaderContext => {
	const known = new Set(names);
	return { file, codeOf: (n) => (known.has(n) ? n : undefined) };
};
const readNormlex = (text: string, file = 'normlex.html', ctx: ReaderContext = blind(file)) => READERS['normlex-html'](text, ctx);
const readChart = (text: string, file = 'chart.html') => READERS['coe-chart-html'](text, blind(file));
const summary = (acts: SourceAct[]) => acts.map((a) => [a.event, a.date, a.line]);

/** What a read throws, for asserting on the error itself. */
function thrown(fn: () => unknown): unknown {
	try {
		fn();
	} catch (e) {
		return e;
	}
	throw new Error('expected the read to throw');
}

/** Every cut of a page at each `step` characters reads, or throws a LoadError — never anything else. */
function everyCut(text: string, read: (t: string) => ReadResult, step: number): { read: number; refused: number } {
	let [ok, refused] = [0, 0];
	for (let end = 0; end < text.length; end += step) {
		try {
			read(text.slice(0, end));
			ok++;
		} catch (e) {
			expect(e, `cut at ${end}: ${String(e)}`).toBeInstanceOf(LoadError);
			refused++;
		}
	}
	return { read: ok, refused };
}

describe('an ILO NORMLEX ratifications page saved as HTML', () => {
	const P029 = 'normlex-p029.html';
	const p029 = readNormlex(fixture(P029), P029);

	test('P029: the 60 ratifications the page states, its title, no "as at"', () => {
		expect(p029.stated).toEqual({ signatories: null, parties: 60 });
		expect(p029.acts.filter((a) => a.event === 'ratification')).toHaveLength(60);
		expect(p029.acts).toHaveLength(60);
		expect(p029.title).toBe('Protocol of 2014 to the Forced Labour Convention, 1930');
		expect(p029.asOf).toBeNull();
		expect(p029.warnings).toEqual([]);
	});

	test('a ratification is dated by its registration by the ILO, on the line of its row', () => {
		// normlex_P029_X-7.csv line 2 "Antigua and Barbuda;28 Jul 2021;In Force;;nan" and line 61 "Zimbabwe;22 May 2019;In Force;;nan"
		expect(p029.acts[0]).toMatchObject({
			name: 'Antigua and Barbuda', event: 'ratification', date: '2021-07-28', line: 13,
			declarations: null, recorded_entry_into_force: null, note: 'date of registration by the ILO'
		});
		expect(summary(p029.acts.filter((a) => a.name === 'Zimbabwe'))).toEqual([['ratification', '2019-05-22', 72]]);
		expect(summary(p029.acts.filter((a) => a.name === "Côte d'Ivoire"))).toEqual([['ratification', '2019-11-01', 26]]);
	});

	test('"The Protocol will enter into force for Mexico on 11 Jun 2024." is the entry into force of its ratification', () => {
		expect(p029.acts.filter((a) => a.name === 'Mexico')).toEqual([
			expect.objectContaining({ event: 'ratification', date: '2023-06-11', recorded_entry_into_force: '2024-06-11', line: 48 })
		]);
	});

	test('C105: "Denounced on …" is a denunciation with its date, after the ratification it ends', () => {
		const page = readNormlex(fixture('normlex-c105.html'), 'normlex-c105.html');
		expect(page.stated).toEqual({ signatories: null, parties: 178 });
		expect(page.acts.filter((a) => a.event === 'ratification')).toHaveLength(178);
		expect(page.acts.filter((a) => a.name === 'Malaysia')).toEqual([
			expect.objectContaining({ event: 'ratification', date: '1958-10-13', line: 111 }),
			expect.objectContaining({ event: 'denunciation', date: '1990-01-10', line: 111, note: 'Denounced on 10 Jan 1990' })
		]);
		expect(summary(page.acts.filter((a) => a.name === 'Singapore'))).toEqual([
			['ratification', '1965-10-25', 156],
			['denunciation', '1979-04-19', 156]
		]);
		expect(page.acts.find((a) => a.name === 'China')).toMatchObject({ date: '2022-08-12', recorded_entry_into_force: '2023-08-12' });
		expect(page.title).toBe('Abolition of Forced Labour Convention, 1957 (No. 105)');
	});

	test('C138: the declarations after the State are its declarations, never part of its name', () => {
		const page = readNormlex(fixture('normlex-c138.html'), 'normlex-c138.html');
		expect(page.stated).toEqual({ signatories: null, parties: 176 });
		expect(page.acts.find((a) => a.name === 'Australia')).toMatchObject({
			event: 'ratification', date: '2023-06-13', line: 20, recorded_entry_into_force: '2024-06-13',
			declarations: 'Minimum age specified: 15 years. Pursuant to Article 3, the minimum age for admission to underground work has been specified to be 16 full years.'
		});
		const names = page.acts.map((a) => a.name);
		expect(names).toEqual(expect.arrayContaining(['Guinea', 'Guinea - Bissau', 'Equatorial Guinea', 'Papua New Guinea', 'Niger', 'Nigeria']));
		expect(names.filter((n) => /Minimum|age/.test(n))).toEqual([]);
		expect(page.acts.find((a) => a.name === 'Guinea')).toMatchObject({ date: '2003-06-06', declarations: 'Minimum age specified: 16 years', line: 80 });
		expect(page.acts.every((a) => a.declarations?.startsWith('Minimum age specified'))).toBe(true);
	});

	test.each([
		['normlex-p029.html', 'normlex_P029_X-7.csv'],
		['normlex-c105.html', 'normlex_C105_X-6.csv'],
		['normlex-c138.html', 'normlex_C138_X-1.csv']
	])('%s gives the acts the CSV its rows come from gives, eleven lines down', (page, csv) => {
		const html = readNormlex(fixture(page), page);
		const names = html.acts.map((a) => a.name);
		const file = `raw/crba_etl_2023_normlex_untc/${csv}`;
		const fromCsv = READERS['normlex-csv'](raw(file), knowing(file, names)).acts;
		expect(html.acts).toEqual(fromCsv.map((a) => ({ ...a, line: a.line + 11 })));
	});

	test('a State that is not a link is split from its declarations by the names known, as in the CSV', () => {
		const unlinked = fixture('normlex-c138.html').replace(/<\/?a>/g, '');
		const ctx = knowing('c138.html', ['Guinea', 'Guinea - Bissau', 'Niger', 'Nigeria', 'Australia']);
		const acts = readNormlex(unlinked, 'c138.html', ctx).acts;
		expect(acts.find((a) => a.line === 81)).toMatchObject({ name: 'Guinea - Bissau', declarations: 'Minimum age specified: 14 years' });
		expect(acts.find((a) => a.line === 127)).toMatchObject({ name: 'Niger', declarations: 'Minimum age specified: 14 years' });
		expect(acts.find((a) => a.line === 128)).toMatchObject({ name: 'Nigeria', declarations: 'Minimum age specified: 15 years' });
		// a name nobody knows comes back whole, glued as in the CSV, for the import to list as a name to map
		expect(acts.find((a) => a.line === 13)).toMatchObject({ name: 'AfghanistanMinimum age specified: 14 years', declarations: null });
	});

	test('a script tag in a name comes back as the literal text', () => {
		const escaped = fixture(P029).replace('<a>Zimbabwe</a>', '<a>&lt;script&gt;alert(1)&lt;/script&gt;</a>');
		expect(readNormlex(escaped).acts.at(-1)).toMatchObject({ name: '<script>alert(1)</script>', date: '2019-05-22', line: 72 });
		const element = fixture(P029).replace('<a>Zimbabwe</a>', '<a>Zimbabwe<script>alert(1)</script></a>');
		expect(readNormlex(element).acts.at(-1)).toMatchObject({ name: 'Zimbabwe<script>alert(1)</script>', line: 72 });
	});

	test('a page cut off inside its table is refused, and a cut anywhere gives a LoadError or a reading', () => {
		const text = fixture(P029);
		const cut = text.slice(0, text.indexOf('<tr><td><a>Zimbabwe'));
		expect(() => readNormlex(cut, P029)).toThrow(
			`${P029}:11: a table is cut off (no </table> for the one opened here): the page was saved incompletely`
		);
		const { read, refused } = everyCut(text, (t) => readNormlex(t, P029), 37);
		expect(refused).toBeGreaterThan(read);
	});

	test('a page with a rows missing disagrees with the number it states', () => {
		const text = fixture(P029).replace(/<tr><td><a>Zimbabwe<\/a>.*\n/, '');
		expect(() => readNormlex(text, P029)).toThrow(`${P029}: the page states 60 ratifications, the table has 59 — saved incompletely, or read wrong`);
	});

	test('a missing or misplaced column is named', () => {
		const renamed = fixture(P029).replace('<th>Date</th>', '<th>Registered</th>');
		expect(() => readNormlex(renamed, P029)).toThrow(`${P029}: no Date column in the ratifications table (Country | Registered | Status | Note)`);
		const dropped = fixture(P029).replace('<th>Note</th>', '');
		expect(() => readNormlex(dropped, P029)).toThrow(`${P029}: no Note column in the ratifications table (Country | Date | Status)`);
		// Zimbabwe's date and status swapped: the cells are not where the headings say
		const swapped = fixture(P029).replace('<td>22 May 2019</td><td>In Force</td>', '<td>In Force</td><td>22 May 2019</td>');
		const e = thrown(() => readNormlex(swapped, P029));
		expect(e).toBeInstanceOf(LoadError);
		expect(e).toMatchObject({ line: 72, value: 'In Force', message: `${P029}:72: not a date (D Mon YYYY): "In Force"` });
		const short = fixture(P029).replace('<td>22 May 2019</td>', '');
		expect(() => readNormlex(short, P029)).toThrow(`${P029}:72: expected 4 cells, found 3`);
	});

	test('a status other than In Force, Not in force or Denounced is refused; one the note contradicts is a warning', () => {
		const odd = fixture(P029).replace('<td>22 May 2019</td><td>In Force</td>', '<td>22 May 2019</td><td>Provisional</td>');
		expect(() => readNormlex(odd, P029)).toThrow(`${P029}:72: status not understood: "Provisional" (In Force, Not in force or Denounced)`);
		const c105 = fixture('normlex-c105.html').replace(
			'<td>13 Oct 1958</td><td>Not in force</td><td>Denounced on 10 Jan 1990</td>',
			'<td>13 Oct 1958</td><td>In Force</td><td>Denounced on 10 Jan 1990</td>'
		);
		expect(readNormlex(c105, 'c105.html').warnings).toEqual(['c105.html:111: Malaysia is "In Force" but the note says "Denounced on 10 Jan 1990"']);
	});

	test('a note it does not understand stops the read, at its line', () => {
		const text = fixture(P029).replace('<td>In Force</td><td></td></tr>\n</table>', '<td>In Force</td><td>Ratified with reservations</td></tr>\n</table>');
		expect(() => readNormlex(text, P029)).toThrow(`${P029}:72: note not understood: "Ratified with reservations"`);
	});

	test('a page that is not a NORMLEX ratifications page says so', () => {
		expect(() => readNormlex('<html><body><p>Not found</p></body></html>', 'x.html')).toThrow(
			'x.html: no ratifications table (a table of class "horizontalLine"): is this a NORMLEX ratifications page?'
		);
		expect(() => readNormlex('<table class="horizontalLine"><tr><td>Member</td></tr></table>', 'x.html')).toThrow(
			'x.html: no Country column in the ratifications table (Member)'
		);
	});
});

describe('the Council of Europe chart of signatures and ratifications saved as HTML (CETS 197, cut down)', () => {
	const CHART = 'coe-cets197-chart.html';
	const chart = readChart(fixture(CHART), CHART);

	test('the totals it states equal its rows; "Status as of" and the title are read', () => {
		expect(chart.stated).toEqual({ signatories: 4, parties: 5 });
		expect(chart.acts.filter((a) => a.event === 'signature')).toHaveLength(4);
		expect(chart.acts.filter((a) => a.event !== 'signature')).toHaveLength(5);
		expect(chart.asOf).toBe('2013-11-26');
		expect(chart.title).toBe('Council of Europe Convention on Action against Trafficking in Human Beings');
		expect(chart.warnings).toEqual([]);
	});

	test('signature, ratification and entry into force of a row, on its line', () => {
		expect(chart.acts.filter((a) => a.name === 'Bosnia and Herzegovina')).toEqual([
			expect.objectContaining({ event: 'signature', date: '2006-01-19', line: 24 }),
			expect.objectContaining({ event: 'ratification', date: '2008-01-11', line: 24, recorded_entry_into_force: '2008-05-01', declarations: null })
		]);
		expect(summary(chart.acts.filter((a) => a.name === 'Belgium'))).toEqual([
			['signature', '2005-11-17', 23],
			['ratification', '2009-04-27', 23]
		]);
		// the chart speaks for the entry into force: an empty cell is "not in force", not silence
		expect(chart.acts.find((a) => a.name === 'Azerbaijan' && a.event === 'ratification')).toMatchObject({ recorded_entry_into_force: null });
		expect(chart.acts.find((a) => a.event === 'signature')).not.toHaveProperty('recorded_entry_into_force');
	});

	test('a marker is kept as its letter in the declarations of the consent, and spelt out in its note', () => {
		expect(chart.acts.find((a) => a.name === 'Denmark' && a.event === 'ratification')).toMatchObject({
			date: '2007-09-19', line: 25, recorded_entry_into_force: '2008-02-01', declarations: 'R',
			note: "the chart marks reservations (R); their text is on the Treaty Office's declarations page"
		});
		const more = fixture(CHART).replace(
			'<td>01/02/2008</td><td></td><td>X</td><td></td>',
			'<td>01/02/2008</td><td></td><td>X</td><td><a href="#d">X</a></td>'
		);
		expect(readChart(more).acts.find((a) => a.name === 'Denmark' && a.event === 'ratification')).toMatchObject({ declarations: 'R, D' });
	});

	test('a non-member State that acceded ("a") has an accession and no signature', () => {
		expect(chart.acts.filter((a) => a.name === 'Belarus')).toEqual([
			expect.objectContaining({ event: 'accession', date: '2013-11-26', line: 33 })
		]);
		// the letter after the date says the same
		const after = fixture(CHART).replace('<td>26/11/2013</td><td></td><td>a</td>', '<td>26/11/2013 a</td><td></td><td></td>');
		expect(readChart(after).acts.find((a) => a.name === 'Belarus')).toMatchObject({ event: 'accession', date: '2013-11-26' });
	});

	test('the letters of the Notes column: su a succession, s a signature that binds, r a signature ad referendum', () => {
		// Rows edited for the letters' sake: not facts of CETS 197.
		const row = (notes: string, signature: string, consent: string) =>
			fixture(CHART).replace(
				'<td>Bosnia and Herzegovina</td><td>19/01/2006</td><td>11/01/2008</td><td>01/05/2008</td><td></td>',
				`<td>Bosnia and Herzegovina</td><td>${signature}</td><td>${consent}</td><td>01/05/2008</td><td>${notes}</td>`
			);
		const bih = (text: string) => readChart(text).acts.filter((a) => a.name === 'Bosnia and Herzegovina');
		expect(summary(bih(row('su', '', '11/01/2008')))).toEqual([['succession', '2008-01-11', 24]]);
		expect(summary(bih(row('s', '19/01/2006', '')))).toEqual([['definitive-signature', '2006-01-19', 24]]);
		expect(bih(row('r', '19/01/2006', '11/01/2008'))[0]).toMatchObject({ event: 'signature', note: 'signature ad referendum (r)' });
		expect(() => readChart(row('x', '19/01/2006', '11/01/2008'), CHART)).toThrow(`${CHART}:24: note not understood: "x" (a, s, su or r)`);
		expect(() => readChart(row('a', '19/01/2006', ''), CHART)).toThrow(`${CHART}:24: "accession" noted without its date`);
	});

	test('a signature not followed by ratification is counted as the chart counts it', () => {
		// Belgium's ratification cell emptied: the chart's totals no longer hold, and it says which
		const text = fixture(CHART).replace('<td>17/11/2005</td><td>27/04/2009</td>', '<td>17/11/2005</td><td></td>');
		expect(() => readChart(text, CHART)).toThrow(
			`${CHART}: the page states 0 signatures not followed by ratifications, the chart has 1; and 5 ratifications/accessions, the chart has 4 — saved incompletely, or read wrong`
		);
		const restated = text.replace('ratifications:</td><td>0</td>', 'ratifications:</td><td>1</td>').replace('accessions:</td><td>5</td>', 'accessions:</td><td>4</td>');
		const read = readChart(restated, CHART);
		expect(read.stated).toEqual({ signatories: 4, parties: 4 });
		expect(summary(read.acts.filter((a) => a.name === 'Belgium'))).toEqual([['signature', '2005-11-17', 23]]);
	});

	test('a page cut off inside the chart is refused, and a cut anywhere gives a LoadError or a reading', () => {
		const text = fixture(CHART);
		const cut = text.slice(0, text.indexOf('<tr><td>Denmark'));
		expect(() => readChart(cut, CHART)).toThrow(`${CHART}:17: a table is cut off (no </table> for the one opened here): the page was saved incompletely`);
		// cut between the two sections: every table closed, but the non-members are missing
		const members = text.slice(0, text.indexOf('<table class="chart">', text.indexOf('<td>Denmark')));
		expect(() => readChart(members, CHART)).toThrow(`${CHART}: the page states 5 ratifications/accessions, the chart has 4 — saved incompletely, or read wrong`);
		const { refused } = everyCut(text, (t) => readChart(t, CHART), 7);
		expect(refused).toBeGreaterThan(0);
	});

	test('a missing or misplaced column is named', () => {
		const missing = fixture(CHART).replace('<th>Entry into Force</th>', '');
		expect(() => readChart(missing, CHART)).toThrow(
			`${CHART}:19: no Entry into Force column in the chart (Member States of the Council of Europe | Signature | Ratification | Notes | R. | D. | A. | T. | C. | O.)`
		);
		const renamed = fixture(CHART).replace('<th>Ratification</th>', '<th>Approval</th>');
		expect(() => readChart(renamed, CHART)).toThrow(`${CHART}:19: no Ratification column in the chart`);
		// Denmark's cells shifted one place right: a date under "R."
		const shifted = fixture(CHART).replace('<td>Denmark</td><td>05/09/2006</td><td>19/09/2007</td><td>01/02/2008</td><td></td>', '<td>Denmark</td><td></td><td>05/09/2006</td><td>19/09/2007</td><td>01/02/2008</td>');
		expect(() => readChart(shifted, CHART)).toThrow(`${CHART}:25: note not understood: "01/02/2008" (a, s, su or r)`);
		const underR = fixture(CHART).replace('<td></td><td>X</td>', '<td></td><td>01/02/2008</td>');
		expect(() => readChart(underR, CHART)).toThrow(`${CHART}:25: "01/02/2008" under R.: the columns are not where the headings say`);
		const fewer = fixture(CHART).replace('<tr><td>Belarus</td><td></td>', '<tr><td>Belarus</td>');
		expect(() => readChart(fewer, CHART)).toThrow(`${CHART}:33: expected 11 cells, found 10`);
	});

	test('dates are dd/mm/yyyy and real; an entry into force needs a consent', () => {
		const us = fixture(CHART).replace('<td>19/01/2006</td>', '<td>01/19/2006</td>');
		expect(() => readChart(us, CHART)).toThrow(`${CHART}:24: not a date (dd/mm/yyyy): "01/19/2006"`);
		const alone = fixture(CHART).replace('<td>17/11/2005</td><td>27/04/2009</td><td></td>', '<td>17/11/2005</td><td></td><td>01/08/2009</td>');
		expect(() => readChart(alone, CHART)).toThrow(`${CHART}:23: an entry into force without a ratification or accession`);
	});

	test('a script tag in a name comes back as the literal text', () => {
		const text = fixture(CHART).replace('<td>Azerbaijan</td>', '<td>&lt;script&gt;alert("x")&lt;/script&gt;</td>');
		expect(readChart(text).acts[0]).toMatchObject({ name: '<script>alert("x")</script>', event: 'signature', line: 22 });
	});

	test('a page that is not a chart says so', () => {
		expect(() => readChart('<html><body><p>Not found</p></body></html>', 'x.html')).toThrow(
			'x.html: no chart (a row heading the columns Signature, Ratification, Entry into Force, Notes): is this a Council of Europe chart of signatures and ratifications?'
		);
	});
});

describe('which page a text looks like', () => {
	const UNTC = 'raw/untc_mgaldino_2026/crc_op_sc.html';
	test.each([
		['normlex-p029.html', true, false],
		['normlex-c138.html', true, false],
		['coe-cets197-chart.html', false, true]
	])('%s: NORMLEX %s, Council of Europe chart %s', (name, normlex, coe) => {
		expect(normlexHtml.recognises(fixture(name))).toBe(normlex);
		expect(coeChart.recognises(fixture(name))).toBe(coe);
	});

	test('a UNTC status page and a NORMLEX CSV are neither', () => {
		for (const file of [UNTC, 'raw/crba_etl_2023_normlex_untc/normlex_C105_X-6.csv']) {
			expect(normlexHtml.recognises(raw(file))).toBe(false);
			expect(coeChart.recognises(raw(file))).toBe(false);
		}
	});
});
