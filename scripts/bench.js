// npm run bench: how long the treaty record takes to answer, printed as figures.
//   1. every participant's status for every instrument as of one date;
//   2. the counts of every instrument for every year-end from 2000 to today.
// Runs against an in-memory database built from data/, through Vite (see vite-load.js).
import { resolve } from 'node:path';
import { withVite } from './vite-load.js';

const dataDir = resolve('data');

function stats(samples) {
	const s = [...samples].sort((a, b) => a - b);
	const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
	return `median ${q(0.5).toFixed(2)} ms, p90 ${q(0.9).toFixed(2)} ms, min ${s[0].toFixed(2)} ms (n=${s.length})`;
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

await withVite(async (load) => {
	const { openDatabase } = await load('/src/lib/server/db/build.ts');
	const records = await load('/src/lib/server/record.ts');
	const status = await load('/src/lib/server/status.ts');

	let t = performance.now();
	const db = await openDatabase(':memory:', { dataDir });
	console.log(`build in-memory database from data/: ${(performance.now() - t).toFixed(0)} ms`);

	t = performance.now();
	const record = await records.get(db);
	const buildMs = performance.now() - t;
	const participants = [...record.participants.keys()];
	const instruments = [...record.instruments.values()];
	const events = instruments.reduce((n, ir) => n + [...ir.timelines.values()].reduce((m, tl) => m + tl.events.length, 0), 0);
	console.log(`record: ${instruments.length} instruments, ${participants.length} participants, ${events} events`);
	console.log(`build the in-memory record (timelines + entry into force): ${buildMs.toFixed(1)} ms`);

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

	const api = [];
	for (let i = 0; i < 20; i++) {
		const t0 = performance.now();
		await status.instruments(db, { asOf: date });
		api.push(performance.now() - t0);
	}
	console.log(`GET /api/v1/instruments work (all counts on one date, cached record): ${stats(api)}`);
	const mem = process.memoryUsage();
	console.log(`memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
});
