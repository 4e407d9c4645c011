// The readers on real files: text in, acts with their lines out, no database.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { READERS, sniff } from '../../src/lib/server/sources/readers';
import { LoadError } from '../../src/lib/server/sources/load';
import { DATA_DIR } from './db';

const PAGE = 'raw/untc_mgaldino_2026/crc_op_sc.html';
const text = (file: string) => readFileSync(join(DATA_DIR, file), 'utf8');
/** A reader's context that knows no names: the UNTC readers never ask. */
const blind = (file: string) => ({ file, codeOf: () => undefined });

describe('the UN Treaty Collection status page saved as HTML (OPSC, 3 February 2026)', () => {
	const page = READERS['untc-html'](text(PAGE), blind(PAGE));

	test('reads 122 signatories and 178 parties, as its header states', () => {
		expect(page.stated).toEqual({ signatories: 122, parties: 178 });
		expect(page.acts.filter((a) => a.event === 'signature')).toHaveLength(122);
		expect(page.acts.filter((a) => a.event !== 'signature')).toHaveLength(178);
		expect(page.asOf).toBe('2026-02-03');
		expect(page.title).toBe('Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography');
	});

	test("India signed on 15 Nov 2004 and ratified on 16 Aug 2005, on the page's line 1370", () => {
		const india = page.acts.filter((a) => a.name === 'India');
		expect(india.map((a) => [a.event, a.date, a.line])).toEqual([
			['signature', '2004-11-15', 1370],
			['ratification', '2005-08-16', 1370]
		]);
	});

	test('strips footnote numbers after names and reads the a/d suffixes', () => {
		const names = new Set(page.acts.map((a) => a.name));
		expect(names.has('Belgium')).toBe(true);
		expect([...names].some((n) => /\d/.test(n))).toBe(false);
		expect(page.acts.find((a) => a.name === 'Afghanistan')).toMatchObject({ event: 'accession', date: '2002-09-19' });
		expect(page.acts.find((a) => a.name === 'Bahamas (The)')).toMatchObject({ event: 'accession', date: '2015-09-28' });
		expect(page.acts.filter((a) => a.name === 'Singapore').map((a) => [a.event, a.date])).toEqual([['signature', '2025-11-25']]);
	});

	test('a page whose rows disagree with its header is refused, saying both', () => {
		// one party's row cut out, as a page saved before it finished loading would be
		const cut = text(PAGE).replace(/<tr class="trB\w+">\s*<td>Zimbabwe<br><\/td>[\s\S]*?<\/tr>/, '');
		expect(() => READERS['untc-html'](cut, blind(PAGE))).toThrow(
			`${PAGE}: the page states 178 parties, the table has 177 — saved incompletely, or read wrong`
		);
	});

	test('a page that is not a status page says so', () => {
		expect(() => READERS['untc-html']('<html><body><p>Not found</p></body></html>', blind('x.html'))).toThrow(LoadError);
		expect(() => READERS['untc-html']('<html><body><p>Not found</p></body></html>', blind('x.html'))).toThrow(/no participant table/);
	});
});

describe('the UNTC grids saved as CSV', () => {
	test('semicolons or commas, found from the header; the suffix gives the form of consent', () => {
		const tip = 'raw/crba_etl_2023_normlex_untc/untc_XVIII-12-a_X-4.csv';
		const acts = READERS['untc-csv'](text(tip), blind(tip)).acts;
		expect(acts.filter((a) => a.name === 'Colombia').map((a) => [a.event, a.date, a.line])).toEqual([
			['signature', '2000-12-12', 37],
			['ratification', '2004-08-04', 37]
		]);
		const firearms = 'raw/untc_zmjones_untreaties/treaties/18-12-c.csv';
		const eu = READERS['untc-csv'](text(firearms), blind(firearms)).acts.filter((a) => a.name === 'European Union');
		expect(eu.map((a) => a.event)).toEqual(['signature', 'approval']);
	});

	test('a consent cell that is not a date names the file, line and value', () => {
		const csv = 'Participant,Signature,"Ratification, Accession(a)"\nColombia,12 Dec 2000,4 August 2004\n';
		expect(() => READERS['untc-csv'](csv, blind('tip.csv'))).toThrow('tip.csv:2: not a UNTC date with an optional a/A/AA/d/c: "4 August 2004"');
	});
});

describe('the format of a file', () => {
	test.each([
		[PAGE, 'untc-html'],
		['raw/crba_etl_2023_normlex_untc/untc_XVIII-12-a_X-4.csv', 'untc-csv'],
		['raw/untc_zmjones_untreaties/treaties/18-12.csv', 'untc-csv'],
		['raw/crba_etl_2023_normlex_untc/normlex_C105_X-6.csv', 'normlex-csv'],
		['record/acts.csv', 'tracker-csv'],
		['raw/coe_cets197_transcribed_excerpts/cets197_partial_facts.csv', null]
	])('%s is %s', (file, format) => {
		expect(sniff(file, text(file))).toBe(format);
	});
});
