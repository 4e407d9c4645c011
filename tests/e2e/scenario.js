// The record the end-to-end tests start from: data/ as shipped, cut down so that bringing real
// depositary files in has something to add. Written to DATA_DIR (tests/e2e/output/data) before
// the test server seeds its database from it. Nothing is invented: acts are only left out, and
// the tests bring them back from the real files they came from.
//   - the OPSC page of 3 February 2026 as not yet brought in (its source, and Singapore's
//     signature of 25 November 2025, the one act it added);
//   - the Trafficking Protocol acts of nine of the ten States that joined only after 2014 (pasted
//     back, with Pakistan's unchanged row, from the UNTC table of 2023 by the js project);
//   - the UNTOC acts of ten States (uploaded back from the UNTC table of 2014 by the no-js project);
//   - the Smuggling Protocol acts of the first ten rows of its UNTC table of 2014 (pasted back by
//     the no-js project).
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @type {Record<string, string[]>} */
export const LEFT_OUT = {
	opsc: ['SGP'],
	// (Pakistan's accession stays: the feeds' test reads it, and the paste finds it unchanged)
	'trafficking-protocol': ['AND', 'BGD', 'BRN', 'COM', 'FJI', 'MDV', 'NPL', 'PLW', 'PSE'],
	untoc: ['AFG', 'AGO', 'ALB', 'AND', 'ARG', 'ARM', 'ATG', 'AUS', 'AUT', 'AZE'],
	'smuggling-protocol': ['ALB', 'DZA', 'ATG', 'ARG', 'ARM', 'AUS', 'AUT', 'AZE', 'BHS', 'BHR']
};
const OPSC_PAGE_SOURCE = 'untc-iv-11-c-2026';

const root = fileURLToPath(new URL('../..', import.meta.url));

function main() {
	const to = resolve(root, process.env.DATA_DIR ?? 'tests/e2e/output/data');
	rmSync(to, { recursive: true, force: true });
	cpSync(join(root, 'data'), to, { recursive: true, filter: (src) => !/\.db(-wal|-shm)?$/.test(src) });
	const acts = readFileSync(join(to, 'record/acts.csv'), 'utf8').split('\n');
	// instrument and participant are the first two cells, never quoted
	const kept = acts.filter((line, i) => {
		if (i === 0 || !line) return true;
		const [instrument, participant] = line.split(',', 2);
		if (instrument === 'opsc') return !line.includes(`,${OPSC_PAGE_SOURCE},`);
		return !(LEFT_OUT[instrument] ?? []).includes(participant);
	});
	writeFileSync(join(to, 'record/acts.csv'), kept.join('\n'));
	const sources = readFileSync(join(to, 'record/sources.csv'), 'utf8').split('\n');
	writeFileSync(join(to, 'record/sources.csv'), sources.filter((l) => !l.startsWith(`${OPSC_PAGE_SOURCE},`)).join('\n'));
	console.log(`e2e scenario: ${acts.length - kept.length} acts left out of the record, in ${to}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
