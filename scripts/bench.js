// npm run bench: how long the treaty record takes to answer and to change, printed as figures.
//   1. seeding a database from data/ through the write path, and building the record;
//   2. every participant's status for every instrument as of one date, and the counts of every
//      instrument for every year-end from 2000 to today — on the real record and on one 30
//      times larger (the real instruments copied 30 times: ~630 instruments × ~220
//      participants, the size of the whole UN Treaty Collection), with how the cost grows;
//   3. reading and diffing a depositary page (an import's preview), and one correction
//      through the write path followed by the next read of the record;
//   4. HTTP: the built app under autocannon beside a static server sending the same bytes, and
//      each page's weight in Chromium (bench-http.js);
//   5. while the record is written: reads under an editor's 4 corrections a second, a tagged
//      campaign link against the plain one, and each kind of page's first render after a write
//      reaches it (bench-writes.js).
// Options: --only engine|http (both by default), --seconds N per HTTP run (default 5),
// --postgres URL: the HTTP half on a new PostgreSQL database made through URL (a role that may
// create databases; dropped afterwards) instead of a SQLite file.
// Parts 1–3 run against an in-memory database built from data/, through Vite (vite-load.js).
import { median, min, quantile } from 'd3-array';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchHttp, findChromium } from './bench-http.js';
import { benchWrites } from './bench-writes.js';
import { withVite } from './vite-load.js';

const { values: options } = parseArgs({ options: { only: { type: 'string' }, seconds: { type: 'string', default: '5' }, postgres: { type: 'string' } } });
if (options.only && !['engine', 'http'].includes(options.only)) {
	console.error(`bench: --only ${options.only}: give engine or http`);
	process.exit(2);
}
const seconds = Number(options.seconds);
if (!Number.isFinite(seconds) || seconds < 1) {
	console.error(`bench: --seconds ${options.seconds}: give a number of seconds, at least 1`);
	process.exit(2);
}
const cpu = cpus();
console.log(`machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${process.platform}`);

const dataDir = resolve('data');

function stats(samples) {
	const ms = (n) => `${n.toFixed(2)} ms`;
	return `median ${ms(median(samples))}, p90 ${ms(quantile(samples, 0.9))}, min ${ms(min(samples))} (n=${samples.length})`;
}

function time(fn, n) {
	const out = [];
	for (let i = 0; i < n; i++) {
		const t = performance.now();
		fn();
		out.push(performance.now() - t);
	}
	return out;
}

if (options.only !== 'http') await withVite(async (load) => {
	const { openDatabase } = await load('/src/lib/server/sources/open.ts');
	const records = await load('/src/lib/server/record/record.ts');
	const status = await load('/src/lib/server/record/status.ts');
	const imports = await load('/src/lib/server/sources/imports.ts');
	const participation = await load('/src/lib/server/record/participation.ts');

	const seeds = [];
	const builds = [];
	let db;
	let record;
	for (let i = 0; i < 5; i++) {
		let t0 = performance.now();
		db = await openDatabase(':memory:', { dataDir });
		seeds.push(performance.now() - t0);
		t0 = performance.now();
		record = await records.get(db);
		builds.push(performance.now() - t0);
	}
	console.log(`seed an in-memory database from data/ (reference + every act through the write path): ${stats(seeds)}`);
	console.log(`build the in-memory record (current acts → timelines + entry into force): ${stats(builds)}`);
	const participants = [...record.participants.keys()];
	const instruments = [...record.instruments.values()];
	const events = instruments.reduce((n, ir) => n + [...ir.timelines.values()].reduce((m, tl) => m + tl.events.length, 0), 0);
	console.log(`record: ${instruments.length} instruments, ${participants.length} participants, ${events} current acts`);

	const date = '2008-06-03';
	const cells = instruments.length * participants.length;
	const all = time(() => {
		for (const ir of instruments) for (const code of participants) status.statusOn(ir, ir.timelines.get(code), date);
	}, 50);
	console.log(`status of every participant × instrument (${cells} cells) as of ${date}: ${stats(all)}`);

	const lastYear = new Date().getUTCFullYear();
	const years = [];
	for (let y = 2000; y <= lastYear; y++) years.push(`${y}-12-31`);
	const counts = time(() => {
		for (const d of years) for (const ir of instruments) status.countsOn(ir, d);
	}, 20);
	console.log(`counts of every instrument for every year-end 2000–${lastYear} (${years.length * instruments.length} instrument-years): ${stats(counts)}`);

	// The same work on a record 30 times larger: every instrument copied 30 times, its
	// timelines and events copied as objects of their own (so the larger record really is
	// larger in memory), made the way the record's builder makes them (not structuredClone,
	// whose objects V8 keeps in a slower shape).
	const copyTimelines = (timelines) => new Map([...timelines].map(([code, t]) => [code, { ...t, events: t.events.map((e) => ({ ...e })) }]));
	const TIMES = 30;
	const big = [];
	for (let i = 0; i < TIMES; i++) for (const ir of instruments) big.push({ ...ir, timelines: copyTimelines(ir.timelines) });
	const bigAll = time(() => {
		for (const ir of big) for (const code of participants) status.statusOn(ir, ir.timelines.get(code), date);
	}, 10);
	const bigCounts = time(() => {
		for (const d of years) for (const ir of big) status.countsOn(ir, d);
	}, 5);
	console.log(`synthetic record ${TIMES}× larger: ${big.length} instruments × ${participants.length} participants`);
	console.log(`  status of every participant × instrument (${(big.length * participants.length).toLocaleString('en')} cells): ${stats(bigAll)} — ${(median(bigAll) / median(all)).toFixed(1)}× the real record's time for ${TIMES}× the cells`);
	console.log(`  counts for every year-end (${(years.length * big.length).toLocaleString('en')} instrument-years): ${stats(bigCounts)} — ${(median(bigCounts) / median(counts)).toFixed(1)}× for ${TIMES}×`);

	const api = [];
	for (let i = 0; i < 20; i++) {
		const t0 = performance.now();
		await status.instruments(db, { asOf: date });
		api.push(performance.now() - t0);
	}
	console.log(`GET /api/v1/instruments work (all counts on one date, cached record): ${stats(api)}`);
	const page = 'raw/untc_mgaldino_2026/crc_op_sc.html';
	const text = readFileSync(resolve(dataDir, page), 'utf8');
	const previews = [];
	for (let i = 0; i < 10; i++) {
		const t0 = performance.now();
		await imports.preview(db, { instrument: 'opsc', file: page, text, sourceId: 'untc-iv-11-c-2026' });
		previews.push(performance.now() - t0);
	}
	console.log(`import preview of the UNTC OPSC page (298 KB of HTML: read, match names, diff): ${stats(previews)}`);

	// The browser's import: the kept file read, diffed and turned into the page's preview, for a
	// page of about 200 rows in each format a person brings in.
	const files = await load('/src/lib/server/sources/import-files.ts');
	const views = await load('/src/lib/server/sources/import-view.ts');
	const paste = await load('/src/lib/server/sources/readers/paste.ts');
	const tip = readFileSync(resolve(dataDir, 'raw/crba_etl_2023_normlex_untc/untc_XVIII-12-a_X-4.csv'), 'utf8');
	const pasted = tip.trim().split('\n').map((l) => l.split(';').slice(0, 3).join('\t')).join('\n');
	const pages = [
		['UNTC status page (OPSC, 2026)', 'opsc', 'crc_op_sc.html', text, null, null],
		['OHCHR export (OPSC, 2020)', 'opsc', 'S-3-Ratifications_20200828165211_CRC-OP-SC.xls', readFileSync(resolve(dataDir, 'raw/ohchr_tbdb_export_crba/S-3-Ratifications_20200828165211_CRC-OP-SC.html'), 'utf8'), null, null],
		['pasted UNTC rows (Trafficking Protocol, 2023)', 'trafficking-protocol', 'pasted.tsv', pasted, 'paste', paste.guessMapping(paste.splitRows(pasted))]
	];
	for (const [what, instrument, name, body, format, mapping] of pages) {
		const kept = await files.keep(db, { name, text: body, actor: 'bench' });
		const rows = body.split('\n').length;
		const samples = [];
		for (let i = 0; i < 10; i++) {
			const t0 = performance.now();
			const { preview } = await files.preview(db, { instrument, fileId: kept.id, format, asOf: null, origin: null, mapping });
			await views.view(db, preview, '2026-11-30');
			samples.push(performance.now() - t0);
		}
		console.log(`browser import preview, ${what}: ${(body.length / 1024).toFixed(0)} KB, ${rows} lines, read + diff + page view: ${stats(samples)}`);
	}

	const writes = [];
	const act = { instrument: 'untoc', participant: 'COL', kind: 'consent', seq: 1 };
	for (let i = 0; i < 10; i++) {
		const t0 = performance.now();
		await participation.correct(db, { act, changes: { date: i % 2 ? '2004-08-04' : '2004-08-05' }, source: 'untc-xviii-12-2014', reason: 'bench', actor: 'bench' });
		await records.get(db);
		writes.push(performance.now() - t0);
	}
	console.log(`one correction (version + audit entry + revision) and the next read of the record: ${stats(writes)}`);

	const mem = process.memoryUsage();
	console.log(`memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
});

if (options.only !== 'engine') {
	const { problems } = await benchHttp({ seconds, connections: [10, 100], print: console.log, chromium: findChromium(), postgres: options.postgres ?? null });
	const writes = await benchWrites({ seconds, print: console.log, built: true, postgres: options.postgres ?? null });
	for (const p of writes.problems) console.log(`PROBLEM: ${p}`);
	if (problems.length || writes.problems.length) process.exitCode = 1;
}
