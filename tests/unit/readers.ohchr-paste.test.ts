// Two readers on real rows: the OHCHR treaty-body database export (an HTML table named .xls),
// checked against an independent lossless parse of the same file; and a table pasted from a
// depositary page, with the column mapping guessed or given.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvParse } from 'd3-dsv';
import { describe, expect, test } from 'vitest';
import { READERS, type ColumnMapping, type SourceAct } from '../../src/lib/server/sources/readers';
import { recognises } from '../../src/lib/server/sources/readers/ohchr-xls';
import { guessMapping, splitRows } from '../../src/lib/server/sources/readers/paste';
import { LoadError } from '../../src/lib/server/sources/load';
import { DATA_DIR } from './db';

const text = (file: string) => readFileSync(join(DATA_DIR, file), 'utf8');
const blind = (file: string, columns?: ColumnMapping) => ({ file, codeOf: () => undefined, columns });
const brief = (acts: SourceAct[]) => acts.map((a) => [a.name, a.event, a.date, a.line]);

describe('the OHCHR treaty-body database export (OPSC, 28 August 2020)', () => {
	const EXPORT = 'raw/ohchr_tbdb_export_crba/S-3-Ratifications_20200828165211_CRC-OP-SC.html';
	const read = READERS['ohchr-xls'](text(EXPORT), blind(EXPORT));
	// The independent parse made when the file was collected: expected values only, never input.
	const parsed = csvParse(text('raw/ohchr_tbdb_export_crba/ohchr_crc_op_sc_2020-08-28_parsed.csv'));

	test('176 consents and 121 signatures of 197 States, as PROVENANCE counts them; as of the export in its name', () => {
		expect(read.acts.filter((a) => a.event === 'signature')).toHaveLength(121);
		expect(read.acts.filter((a) => a.event !== 'signature')).toHaveLength(176);
		expect(parsed).toHaveLength(197);
		expect(read.asOf).toBe('2020-08-28');
		expect(read.stated).toBeNull();
		expect(read.title).toBe('Optional Protocol to the Convention on the Rights of the Child on the sale of children child prostitution and child pornography');
		expect(recognises(text(EXPORT))).toBe(true);
		expect(recognises(text('raw/untc_mgaldino_2026/crc_op_sc.html'))).toBe(false);
	});

	test('every row agrees with the independent parse: signature, consent and its form', () => {
		const got = (name: string, signature: boolean) => read.acts.find((a) => a.name === name && (a.event === 'signature') === signature);
		for (const row of parsed) {
			expect([row.country, got(row.country, true)?.date ?? ''], row.country).toEqual([row.country, row.signature_iso]);
			expect([row.country, got(row.country, false)?.date ?? '', got(row.country, false)?.event ?? ''], row.country).toEqual([
				row.country,
				row.consent_iso,
				row.consent_kind
			]);
		}
	});

	test('spot checks with their lines in the HTML: a ratification, an accession, a succession, a State with no act', () => {
		const of = (name: string) => brief(read.acts.filter((a) => a.name === name));
		// Andorra,…,07 Sep 2000,30 Apr 2001,2000-09-07,2001-04-30,ratification
		expect(of('Andorra')).toEqual([
			['Andorra', 'signature', '2000-09-07', 37],
			['Andorra', 'ratification', '2001-04-30', 37]
		]);
		// Albania,…,,05 Feb 2008 (a),,2008-02-05,accession
		expect(of('Albania')).toEqual([['Albania', 'accession', '2008-02-05', 33]]);
		// Montenegro,…,,23 Oct 2006 (d),,2006-10-23,succession
		expect(of('Montenegro')).toEqual([['Montenegro', 'succession', '2006-10-23', 263]]);
		// India,…,15 Nov 2004,16 Aug 2005 — the same dates as the UNTC page of 2026
		expect(of('India')).toEqual([
			['India', 'signature', '2004-11-15', 189],
			['India', 'ratification', '2005-08-16', 189]
		]);
		// Barbados has a row and no date
		expect(of('Barbados')).toEqual([]);
		expect(text(EXPORT).split('\n')[262]).toContain('<td>Montenegro</td>');
	});

	test('no as-of from a name that is not the export\'s own; a page that is not an export says so', () => {
		expect(READERS['ohchr-xls'](text(EXPORT), blind('opsc.xls')).asOf).toBeNull();
		expect(READERS['ohchr-xls'](text(EXPORT), blind('S-3-Ratifications_20201332165211.xls')).asOf).toBeNull();
		expect(() => READERS['ohchr-xls']('<html><table id="x"></table></html>', blind('x.xls'))).toThrow(LoadError);
		expect(() => READERS['ohchr-xls']('<html><table id="x"></table></html>', blind('x.xls'))).toThrow(/^x\.xls: no report table/);
	});

	test('an export cut short is refused: it states no totals, so the end of its rows is the check', () => {
		const cut = text(EXPORT).slice(0, text(EXPORT).indexOf('<td>Zimbabwe</td>'));
		expect(() => READERS['ohchr-xls'](cut, blind(EXPORT))).toThrow(
			`${EXPORT}:13: a table is cut off (no </table> for the one opened here): the page was saved incompletely`
		);
	});

	test('a consent cell with another mark names the file, line and value', () => {
		const bad = text(EXPORT).replace('23 Oct 2006 (d)', '23 Oct 2006 (s)');
		expect(() => READERS['ohchr-xls'](bad, blind(EXPORT))).toThrow(`${EXPORT}:263: not a date with an optional (a) or (d): "23 Oct 2006 (s)"`);
	});
});

describe('a table pasted from a depositary page', () => {
	// Ten rows of the real UNTC Trafficking Protocol table, as a browser copies them: tab-separated.
	const TIP = 'raw/crba_etl_2023_normlex_untc/untc_XVIII-12-a_X-4.csv';
	const lines = text(TIP).split('\n');
	const pick = ['Afghanistan', 'Albania', 'Colombia', 'European Union', 'France', 'India', 'Nigeria', 'United Arab Emirates', 'Zambia', 'Zimbabwe'];
	const rows = lines.filter((l) => pick.includes(l.split(';')[0]));
	const tabs = (l: string) => l.split(';').slice(0, 3).join('\t');
	const withHeader = [lines[0], ...rows].map(tabs).join('\r\n') + '\r\n\r\n';
	const withoutHeader = '\uFEFF' + rows.map(tabs).join('\n') + '\n';

	test('the ten rows are the real ones', () => {
		expect(rows).toHaveLength(10);
		expect(rows).toContain('European Union;12 Dec 2000;6 Sep 2006 AA;nan');
		expect(rows).toContain('United Arab Emirates;;21 Jan 2009 a;nan');
	});

	test('with the header: the mapping is guessed from its words, the EU approved and the UAE acceded', () => {
		expect(guessMapping(splitRows(withHeader))).toEqual({ header: true, columns: ['participant', 'signature', 'consent'] });
		const { acts } = READERS.paste(withHeader, blind('paste'));
		expect(acts.filter((a) => a.name === 'European Union').map((a) => [a.event, a.date, a.line])).toEqual([
			['signature', '2000-12-12', 5],
			['approval', '2006-09-06', 5]
		]);
		expect(acts.filter((a) => a.name === 'United Arab Emirates').map((a) => [a.event, a.date, a.line])).toEqual([['accession', '2009-01-21', 9]]);
		// Afghanistan acceded, Colombia ratified
		expect(brief(acts.filter((a) => a.name === 'Afghanistan' || a.name === 'Colombia'))).toEqual([
			['Afghanistan', 'accession', '2014-08-15', 2],
			['Colombia', 'signature', '2000-12-12', 4],
			['Colombia', 'ratification', '2004-08-04', 4]
		]);
	});

	test('the same acts as the UNTC CSV reader gives for those rows', () => {
		const fromCsv = READERS['untc-csv'](text(TIP), blind(TIP)).acts.filter((a) => pick.includes(a.name));
		const fromPaste = READERS.paste(withHeader, blind('paste')).acts;
		const strip = (acts: SourceAct[]) => acts.map((a) => [a.name, a.event, a.date]);
		expect(strip(fromPaste)).toEqual(strip(fromCsv));
		// six signed, all ten consented
		expect(fromPaste).toHaveLength(16);
	});

	test('without the header (and with a BOM): guessed from the cells, lines of the pasted text', () => {
		expect(guessMapping(splitRows(withoutHeader))).toEqual({ header: false, columns: ['participant', 'signature', 'consent'] });
		const { acts } = READERS.paste(withoutHeader, blind('paste'));
		expect(acts.filter((a) => a.name === 'European Union').map((a) => [a.event, a.date, a.line])).toEqual([
			['signature', '2000-12-12', 4],
			['approval', '2006-09-06', 4]
		]);
		expect(acts.filter((a) => a.name === 'United Arab Emirates').map((a) => [a.event, a.date, a.line])).toEqual([['accession', '2009-01-21', 8]]);
	});

	test('an explicit mapping that differs from the guess is the one read: columns reordered', () => {
		// consent first, then the name, then the signature: the guess would take the dated first column wrong
		const reordered = rows.map((l) => l.split(';')).map(([name, signed, consent]) => [consent, name, signed].join('\t')).join('\n');
		const mapping: ColumnMapping = { header: false, columns: ['consent', 'participant', 'signature'] };
		const { acts } = READERS.paste(reordered, blind('paste', mapping));
		expect(acts.filter((a) => a.name === 'European Union').map((a) => [a.event, a.date])).toEqual([
			['approval', '2006-09-06'],
			['signature', '2000-12-12']
		]);
		expect(acts.filter((a) => a.name === 'United Arab Emirates').map((a) => [a.event, a.date])).toEqual([['accession', '2009-01-21']]);
		// and a mapping that ignores the signature column reads no signature
		const consentsOnly = READERS.paste(reordered, blind('paste', { header: false, columns: ['consent', 'participant', 'ignore'] })).acts;
		expect(consentsOnly.map((a) => a.event)).not.toContain('signature');
		expect(consentsOnly).toHaveLength(10);
	});

	test('header words of the CoE, NORMLEX and OHCHR', () => {
		const guess = (header: string, row: string) => guessMapping(splitRows(`${header}\n${row}`));
		expect(guess('States\tSignature\tRatification\tEntry into Force\tNotes\tR.\tD.\tA.\tT.\tC.\tO.', 'Albania\t16/5/2005\t6/2/2007\t1/2/2008\t\t\tX')).toEqual({
			header: true,
			columns: ['participant', 'signature', 'ratification', 'entry-into-force', 'ignore', 'ignore', 'ignore', 'ignore', 'ignore', 'ignore', 'ignore']
		});
		expect(guess('Country\tDate\tStatus\tNote', 'Albania\t02 Mar 1998\tIn Force\t')).toEqual({
			header: true,
			columns: ['participant', 'ratification', 'ignore', 'ignore']
		});
		expect(
			guess(
				'COUNTRY\tTreaty Description\tTreaty Name\tSignature Date\tRatification Date, Accession(a), Succession(d) Date',
				'Albania\tOptional Protocol…\tCRC-OP-SC\t\t05 Feb 2008 (a)'
			)
		).toEqual({ header: true, columns: ['participant', 'ignore', 'ignore', 'signature', 'consent'] });
	});

	test('a CoE chart: day-first dates, an accession marked "a", the entry into force on the consent', () => {
		const coe = 'States\tSignature\tRatification\tEntry into Force\nAlbania\t16/5/2005\t6/2/2007\t1/2/2008\nBelarus\t\t26/11/2013 a\t1/3/2014\n';
		expect(guessMapping(splitRows(coe)).columns).toEqual(['participant', 'signature', 'consent', 'entry-into-force']);
		expect(READERS.paste(coe, blind('coe')).acts.map((a) => [a.name, a.event, a.date, a.recorded_entry_into_force])).toEqual([
			['Albania', 'signature', '2005-05-16', undefined],
			['Albania', 'ratification', '2007-02-06', '2008-02-01'],
			['Belarus', 'accession', '2013-11-26', '2014-03-01']
		]);
	});

	test('every accepted date form, and empty cells mean no act', () => {
		const forms = 'A\t12 Dec 2000\nB\t12/12/2000\nC\t2000-12-12\nD\t12-12-2000\nE\t\nF\t12 December 2000\nG\t4 Sept. 2004\nH\t4 AUG 2004';
		const { acts } = READERS.paste(forms, blind('p', { header: false, columns: ['participant', 'signature'] }));
		expect(acts.map((a) => [a.name, a.date])).toEqual([
			['A', '2000-12-12'],
			['B', '2000-12-12'],
			['C', '2000-12-12'],
			['D', '2000-12-12'],
			['F', '2000-12-12'],
			['G', '2004-09-04'],
			['H', '2004-08-04']
		]);
	});

	test('an impossible date names the line and the column', () => {
		const paste = 'States\tSignature\tRatification\nAlbania\t16/5/2005\t6/2/2007\n\nMalta\t31/02/2020\t\n';
		expect(() => READERS.paste(paste, blind('paste'))).toThrow('paste:4: column 2 ("Signature", signature): "31/02/2020" is no day of the calendar');
		expect(() => READERS.paste('Albania\t16 Smarch 2005', blind('p', { header: false, columns: ['participant', 'signature'] }))).toThrow(
			'p:1: column 2 (signature): "16 Smarch 2005" is not a date'
		);
	});

	test('a mapping with no participant, two, or no date column is refused, saying what is missing', () => {
		const paste = 'Albania\t16/5/2005\t6/2/2007';
		const refused = (columns: ColumnMapping['columns']) => () => READERS.paste(paste, blind('p', { header: false, columns }));
		expect(refused(['ignore', 'signature', 'consent'])).toThrow('p: no participant column');
		expect(refused(['participant', 'participant', 'consent'])).toThrow('p: 2 participant columns (columns 1, 2)');
		expect(refused(['participant', 'ignore', 'entry-into-force'])).toThrow('p: no date column');
		expect(refused(['participant', 'signature', 'nonsense' as never])).toThrow('p: column 3: "nonsense" is not a column role');
		expect(refused(['participant', 'signature'])).toThrow('p:1: column 3 ("6/2/2007") is not in the column mapping');
		expect(() => READERS.paste('just words\nmore words', blind('p'))).toThrow('p: no date column');
		expect(() => READERS.paste('\n\n', blind('p'))).toThrow('p: nothing was pasted');
	});

	test('a stray quote, \\r line ends and a suffix in a single-form column', () => {
		expect(splitRows('"Côte d\'Ivoire\t"12 Dec 2000"\r\nx"y\t\r\n\r\n')).toEqual([["\"Côte d'Ivoire", '12 Dec 2000'], ['x"y', '']]);
		const marked = 'Albania\t6 Sep 2006 AA';
		expect(() => READERS.paste(marked, blind('p', { header: false, columns: ['participant', 'ratification'] }))).toThrow(
			'p:1: column 2 (ratification): "6 Sep 2006 AA" carries a form of consent; map the column as "consent"'
		);
	});
});

describe('the UNTC CSV reader on the Trafficking Protocol table: the required spot checks', () => {
	const TIP = 'raw/crba_etl_2023_normlex_untc/untc_XVIII-12-a_X-4.csv';
	const acts = READERS['untc-csv'](text(TIP), blind(TIP)).acts;

	test('the European Union approved ("AA") on 6 September 2006; the United Arab Emirates acceded ("a") on 21 January 2009', () => {
		expect(brief(acts.filter((a) => a.name === 'European Union'))).toEqual([
			['European Union', 'signature', '2000-12-12', 59],
			['European Union', 'approval', '2006-09-06', 59]
		]);
		expect(brief(acts.filter((a) => a.name === 'United Arab Emirates'))).toEqual([['United Arab Emirates', 'accession', '2009-01-21', 174]]);
	});
});
