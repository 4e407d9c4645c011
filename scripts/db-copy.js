// `npm run db:copy -- --from data/tracker.db --to postgres://…`: copies a whole Treaty Tracker
// database (the record, its versions, the audit log, accounts, reviews, imports: every table, ids
// kept) into an empty one, and counts both sides. Each side is a SQLite file or a postgres://
// address; the target must hold no record. See src/lib/server/db/copy.ts.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isPostgres, shown } from './database.js';
import { withVite } from './vite-load.js';

const usage = 'usage: npm run db:copy -- --from FILE|postgres://… --to FILE|postgres://…';
let args;
try {
	args = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } }).values;
} catch (e) {
	console.error(`db:copy: ${/** @type {Error} */ (e).message}\n${usage}`);
	process.exit(2);
}
if (!args.from || !args.to) {
	console.error(`db:copy: give both --from and --to\n${usage}`);
	process.exit(2);
}
// a file is resolved where the command was typed, before Vite moves to the project's folder
const place = (/** @type {string} */ target) => (isPostgres(target) ? target : resolve(process.cwd(), target));
const from = place(args.from);
const to = place(args.to);

const code = await withVite(async (load) => {
	const { copyDatabase } = await load('/src/lib/server/db/copy.ts');
	const t0 = performance.now();
	/** @type {import('../src/lib/server/db/copy').Report} */
	let report;
	try {
		report = await copyDatabase({ from, to, log: (/** @type {string} */ line) => console.error(`  ${line}`) });
	} catch (e) {
		console.error(`db:copy: ${/** @type {Error} */ (e).message}`);
		return 1;
	}
	const width = Math.max(...report.tables.map((t) => t.table.length));
	console.log(`${'table'.padEnd(width)}  ${'source'.padStart(8)}  ${'copy'.padStart(8)}`);
	for (const t of report.tables) console.log(`${t.table.padEnd(width)}  ${String(t.source).padStart(8)}  ${String(t.target).padStart(8)}${t.source === t.target ? '' : '  ≠'}`);
	const rows = report.tables.reduce((n, t) => n + t.target, 0);
	const seconds = ((performance.now() - t0) / 1000).toFixed(1);
	const revisions = `revision ${report.revision.target}, public revision ${report.publicRevision.target}`;
	if (report.problems.length) {
		console.error(`db:copy: ${shown(from)} → ${shown(to)}: the copy does not match the source:\n${report.problems.map((p) => `  ${p}`).join('\n')}`);
		return 1;
	}
	console.log(`db:copy: ${report.from} → ${report.to} in ${seconds} s: ${report.tables.length} tables, ${rows} rows, ${revisions}; counts match`);
	return 0;
});
process.exit(code);
