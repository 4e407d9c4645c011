// Every reader on hostile input: real files cut short or with their columns moved, impossible
// dates, names of random unicode or HTML metacharacters, other formats' files, random tables,
// pathological shapes (deep markup, an unclosed quote) and one 10 MB string of junk. Whatever it is given, a reader either refuses it with a
// LoadError whose message starts with the file's name, or gives acts that each have a name and
// a real date (or none) — never another kind of exception. A name written "<script>…" is read
// as that text. The readers are taken from READERS, so a reader added later is covered too.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { dsvFormat } from 'd3-dsv';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isEventKind } from '../../src/lib/acts';
import { LoadError } from '../../src/lib/server/sources/load';
import { isIsoDate } from '../../src/lib/dates';
import { READERS, type Reader, type ReaderContext, type ReadResult } from '../../src/lib/server/sources/readers';
import { DATA_DIR } from './db';

const FIXTURES = join(__dirname, '../fixtures/readers');

// ——— the readers' world ———

/** A few real names (and one former State, known to be no participant); __proto__ and friends are not names. */
const KNOWN = new Map<string, string | null>([
	['Colombia', 'COL'],
	['India', 'IND'],
	['France', 'FRA'],
	['Albania', 'ALB'],
	['Nigeria', 'NGA'],
	['United Arab Emirates', 'ARE'],
	['European Union', 'EUU'],
	['Czechoslovakia', null]
]);
const ctx = (file: string): ReaderContext => ({
	file,
	codeOf: (name) => KNOWN.get(name),
	membersOf: () => [],
	groupName: () => undefined
});

// ——— real files ———

const read = (path: string) => readFileSync(path, 'utf8');
const sources: { format?: string; file?: string }[] = (() => {
	const s = JSON.parse(read(join(DATA_DIR, 'sources.json')));
	return Array.isArray(s) ? s : s.sources;
})();

/** Files under tests/fixtures/readers/, when there are any (relative to that folder). */
function fixtures(dir = FIXTURES): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir).flatMap((f) => {
		const path = join(dir, f);
		return statSync(path).isDirectory() ? fixtures(path) : [relative(FIXTURES, path)];
	});
}

interface Sample {
	/** The name given to the reader (a path under data/, or under the fixtures). */
	file: string;
	text: string;
}
const sample = (file: string): Sample => ({ file, text: read(join(DATA_DIR, file)) });
const fixture = (file: string): Sample => ({ file: `fixtures/${file}`, text: read(join(FIXTURES, file)) });

/** A UNTC grid as a browser copies it: tab-separated (what the paste reader is given). */
function asPasted(s: Sample): Sample {
	const separator = /^[^\n]*;/.test(s.text) ? ';' : ',';
	return { file: `${s.file}.pasted.tsv`, text: dsvFormat(separator).parseRows(s.text).map((r) => r.join('\t')).join('\n') };
}

/** Every real file a reader could be handed: each format's files, the fixtures, reference tables. */
const ANY: Sample[] = [
	...new Map(
		[
			...sources.filter((s) => s.file && s.format).map((s) => sample(s.file!)),
			sample('raw/untc_mgaldino_2026/crc_op_sc.html'),
			sample('raw/ohchr_tbdb_export_crba/S-3-Ratifications_20200828165211_CRC-OP-SC.html'),
			sample('raw/ohchr_tbdb_export_crba/ohchr_crc_op_sc_2020-08-28_parsed.csv'),
			sample('record/acts.csv'),
			sample('plan-adoptions.csv'),
			sample('raw/cow_igo_v3_igoR/COW_country_codes.csv'),
			sample('aliases.csv'),
			...sources.filter((s) => s.format === 'untc-csv').map((s) => asPasted(sample(s.file!))),
			...fixtures().map(fixture)
		].map((f) => [f.file, f])
	).values()
];

/** The files a reader is meant for: those it reads to some acts as they are; any real file for a reader that has none. */
function own(reader: Reader): Sample[] {
	const mine = ANY.filter((s) => {
		try {
			return reader(s.text, ctx(s.file)).acts.length > 0;
		} catch {
			return false;
		}
	});
	return mine.length ? mine : ANY;
}

// ——— what every reading must be ———

/** Reads, and checks the outcome: a LoadError naming the file, or acts with names and real dates. */
function outcome(reader: Reader, file: string, text: string): ReadResult | LoadError {
	let result: ReadResult;
	try {
		result = reader(text, ctx(file));
	} catch (e) {
		if (!(e instanceof LoadError)) throw new Error(`${file}: not a LoadError but ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`);
		expect(e.message.length).toBeGreaterThan(file.length + 2);
		expect(e.message.startsWith(`${file}:`), e.message).toBe(true);
		return e;
	}
	const day = (d: string | null | undefined) => d === null || d === undefined || isIsoDate(d);
	expect(Array.isArray(result.acts)).toBe(true);
	expect(day(result.asOf), `asOf ${result.asOf}`).toBe(true);
	for (const a of result.acts) {
		const ok =
			typeof a.name === 'string' &&
			a.name.trim() !== '' &&
			(a.date === null || (typeof a.date === 'string' && isIsoDate(a.date))) &&
			day(a.earliest) &&
			day(a.latest) &&
			day(a.recorded_entry_into_force) &&
			isEventKind(a.event) &&
			Number.isInteger(a.line) &&
			a.line >= 1;
		if (!ok) throw new Error(`${file}: a bad act ${JSON.stringify(a)}`);
	}
	return result;
}

const FORMATS = Object.keys(READERS) as (keyof typeof READERS)[];
const isHtml = (samples: Sample[]) => samples.some((s) => /^\s*<|<table/i.test(s.text.slice(0, 2000)));
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const SCRIPT = '<script>alert("pwned")</script>';

/** Hostile names: HTML metacharacters, separators, quotes, control characters, any unicode. */
const hostileName = fc.oneof(
	fc.constantFrom(
		SCRIPT,
		'<img src=x onerror=alert(1)>',
		'Côte d\'Ivoire & "Friends" <b>',
		'</td></tr><tr><td>Evil',
		'=HYPERLINK("http://x")',
		'Name;With;Semicolons',
		'Name,With,Commas',
		'Name\tWith\tTabs',
		'Line\nBreak',
		'"',
		'\u0000\u0007\u202e',
		'  ',
		'__proto__',
		'constructor'
	),
	fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
	fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
);

/** Impossible dates in the forms the readers know. */
const impossibleDate = fc.constantFrom('31 Feb 2001', '29 Feb 2001', '00 Jan 2000', '32 Dec 2000', '2001-02-30', '2001-13-01', '2000-00-10', '30/02/2001', '31-04-2001', '12 Foo 2000');
const DATE = /\b\d{1,2} [A-Z][a-z]{2} \d{4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/-]\d{1,2}[/-]\d{4}\b/g;

const RUNS = 25;
const opts = (runs = RUNS) => ({ numRuns: runs, seed: 20260301 });

describe.each(FORMATS)('the %s reader on hostile input', (format) => {
	const reader: Reader = READERS[format];
	const mine = own(reader);
	const html = isHtml(mine);

	test('a real file cut at any point', () => {
		fc.assert(
			fc.property(fc.constantFrom(...mine, ...ANY), fc.double({ min: 0, max: 1, noNaN: true }), (s, at) => {
				outcome(reader, s.file, s.text.slice(0, Math.floor(s.text.length * at)));
			}),
			opts(40)
		);
	});

	test("any other format's file, whole", () => {
		for (const s of ANY) outcome(reader, s.file, s.text);
	});

	test('its own files with lines dropped, swapped or a separator pushed in', () => {
		const mutation = fc.oneof(
			fc.record({ op: fc.constant('drop' as const), i: fc.nat() }),
			fc.record({ op: fc.constant('swap' as const), i: fc.nat(), j: fc.nat() }),
			fc.record({ op: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), what: fc.constantFrom(';', ',', '\t', '"', '\n', '<td>', '</tr>', '<tr>', '&', '\uFEFF', '\r') })
		);
		fc.assert(
			fc.property(fc.constantFrom(...mine), fc.array(mutation, { minLength: 1, maxLength: 4 }), (s, mutations) => {
				const lines = s.text.split('\n');
				let text = s.text;
				for (const m of mutations) {
					if (m.op === 'drop') lines.splice(m.i % lines.length, 1);
					else if (m.op === 'swap') {
						const [a, b] = [m.i % lines.length, m.j % lines.length];
						[lines[a], lines[b]] = [lines[b], lines[a]];
					}
					text = lines.join('\n');
				}
				for (const m of mutations) {
					if (m.op === 'insert') {
						const at = Math.floor(text.length * m.at);
						text = text.slice(0, at) + m.what + text.slice(at);
					}
				}
				outcome(reader, s.file, text);
			}),
			opts()
		);
	});

	test('wrong columns: its own header shuffled, cut down or renamed', () => {
		fc.assert(
			fc.property(fc.constantFrom(...mine), fc.nat(), fc.constantFrom('shuffle', 'drop', 'rename'), fc.string({ maxLength: 12 }), (s, n, how, renamed) => {
				const [first, ...rest] = s.text.split('\n');
				const separator = /[;\t]/.exec(first)?.[0] ?? ',';
				const cells = first.split(separator);
				const i = n % cells.length;
				const header =
					how === 'shuffle' ? [...cells.slice(i), ...cells.slice(0, i)].reverse() : how === 'drop' ? cells.filter((_, j) => j !== i) : cells.map((c, j) => (j === i ? renamed : c));
				outcome(reader, s.file, [header.join(separator), ...rest].join('\n'));
			}),
			opts()
		);
	});

	test('impossible dates in its own files', () => {
		fc.assert(
			fc.property(fc.constantFrom(...mine), fc.nat(), impossibleDate, (s, n, bad) => {
				const dates = [...s.text.matchAll(DATE)];
				if (!dates.length) return;
				const m = dates[n % dates.length];
				outcome(reader, s.file, s.text.slice(0, m.index) + bad + s.text.slice(m.index! + m[0].length));
			}),
			opts()
		);
	});

	test('names of random unicode and HTML metacharacters', () => {
		const names = [...KNOWN.keys()].filter((name) => mine.some((s) => s.text.includes(name)));
		if (!names.length) return;
		fc.assert(
			fc.property(fc.constantFrom(...mine), fc.constantFrom(...names), hostileName, fc.boolean(), (s, name, hostile, escaped) => {
				outcome(reader, s.file, s.text.split(name).join(html && escaped ? escapeHtml(hostile) : hostile));
			}),
			opts(40)
		);
	});

	test('a participant named "<script>…" is that text, not markup', () => {
		// The first name the reader gives for its own file, replaced everywhere by a script tag
		// (written as HTML writes text, &lt;script&gt;, in an HTML page).
		let checked = 0;
		for (const s of mine) {
			const before = outcome(reader, s.file, s.text);
			if (before instanceof LoadError) continue;
			const name = before.acts.find((a) => a.name.length >= 3 && s.text.includes(a.name))?.name;
			if (!name) continue;
			checked++;
			const after = outcome(reader, s.file, s.text.split(name).join(html ? escapeHtml(SCRIPT) : SCRIPT));
			expect(after, s.file).not.toBeInstanceOf(LoadError);
			const named = (after as ReadResult).acts.filter((a) => a.name.includes('script'));
			expect(named.length, s.file).toBeGreaterThan(0);
			for (const a of named) expect(a.name, s.file).toBe(SCRIPT);
			// Raw markup in an HTML page is refused, or read as the literal text: never stripped to "alert(…)".
			if (html) {
				const raw = outcome(reader, s.file, s.text.split(name).join(SCRIPT));
				if (!(raw instanceof LoadError)) for (const a of raw.acts.filter((a) => a.name.includes('pwned'))) expect(a.name, s.file).toBe(SCRIPT);
			}
		}
		// A reader with files of its own is checked on at least one.
		if (mine !== ANY) expect(checked).toBeGreaterThan(0);
	});

	test('random text, and random tables with its own header', () => {
		const header = mine[0].text.split(/\r?\n/, 1)[0];
		const cell = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), impossibleDate, hostileName, fc.constantFrom('', '12 Dec 2000', '6 Sep 2006 AA', '2000-12-12', '12/12/2000', 'nan'));
		const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { maxLength: 8 });
		fc.assert(
			fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), table.chain((rows) => fc.constantFrom(';', ',', '\t').map((sep) => [header, ...rows.map((r) => r.join(sep))].join('\n')))), (text) => {
				outcome(reader, `random.${format}`, text);
			}),
			opts(60)
		);
	});
});

describe('ten megabytes of junk', () => {
	// One string, read once by each reader: angle brackets, quotes, separators and newlines at
	// random, opening with an unclosed quote and a table tag. Deterministic (a fixed LCG), so
	// a failure repeats.
	const junk = (() => {
		const alphabet = 'abcXYZ019 <>/"\'&;,\t\n=-:()é中\u00a0';
		let x = 20260301;
		const parts: string[] = ['"<table id="x_tblgrid"><tr><td>Participant</td>'];
		let chunk = '';
		for (let i = 0; i < 10 * 1024 * 1024; i++) {
			x = (Math.imul(x, 1103515245) + 12345) >>> 0;
			chunk += alphabet[(x >>> 16) % alphabet.length];
			if (chunk.length === 65536) {
				parts.push(chunk);
				chunk = '';
			}
		}
		return parts.join('') + chunk;
	})();

	test.each(FORMATS)('%s refuses it or reads it, in reasonable time', (format) => {
		const started = Date.now();
		outcome(READERS[format], 'junk.bin', junk);
		expect(Date.now() - started).toBeLessThan(5000);
	});
});

describe('pathological shapes: markup nested 50,000 deep, a quote opened before 200,000 lines', () => {
	// A parser's tree this deep overflows the stack of anything that walks it recursively; a
	// quoted field left open makes a CSV reader look for its end to the last line.
	const shapes = [
		'<div>'.repeat(50_000),
		`<table id="x_tblgrid"><tr><td>Participant</td><td>Signature</td><td>Ratification</td></tr><tr><td>${'<b>'.repeat(50_000)}</td></tr></table>`,
		`<table id="ctl00_PlaceHolderMain_dgReports_ctl00"><thead><tr><th>COUNTRY</th></tr></thead><tbody><tr><td>${'<i>'.repeat(50_000)}</td></tr></tbody></table>`,
		'Participant,Signature,"Ratification\n' + 'Colombia,12 Dec 2000\n'.repeat(200_000)
	];
	test.each(FORMATS)('%s refuses them or reads them, in reasonable time', (format) => {
		const started = Date.now();
		for (const text of shapes) outcome(READERS[format], 'shape.html', text);
		expect(Date.now() - started).toBeLessThan(5000);
	});
});
