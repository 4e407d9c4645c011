// `npm run lighthouse [-- --url http://127.0.0.1:PORT]`: Lighthouse's mobile profile (its
// default: a mid-range phone on a slow 4G network, simulated), performance only, on one page of
// each public kind, each run a few times; prints one table of the medians and exits 1 when a
// page scores below 95 (the bar), unless --no-fail. Without --url it builds the app if
// needed and starts it on a database of its own; with --url, give a built server (not the dev
// server: Vite's unbundled modules are not what a reader downloads).
//   --runs N     runs per page (default 3; Lighthouse varies from one run to the next)
//   --only TEXT  only the pages whose path contains TEXT
// Chromium: CHROMIUM_PATH, else /usr/bin/chromium; never downloaded.
import { parseArgs } from 'node:util';
import { median } from 'd3-array';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { buildIfNeeded, scratchDatabase, startServer } from './server-process.js';

const BAR = 95;
const usage = 'usage: npm run lighthouse -- [--url http://HOST:PORT] [--runs N] [--only TEXT] [--no-fail]';

// One page of each kind a signed-out reader can reach, with real slugs and codes from data/.
// Pages behind an account (record editing, imports, audit, a review's own page) are not here.
const PAGES = [
	['home', '/'],
	['instrument', '/instruments/untoc'],
	['instrument', '/instruments/trafficking-protocol'],
	['instrument (ILO)', '/instruments/ilo-c029'],
	['instrument (plan)', '/instruments/osce-action-plan'],
	['non-parties', '/instruments/trafficking-protocol/non-parties'],
	['article', '/instruments/trafficking-protocol/articles/6'],
	['participants', '/participants'],
	['participant', '/participants/IND'],
	['participant (EU)', '/participants/EUU'],
	['compare (empty)', '/compare'],
	['compare (States)', '/compare?codes=FRA,DEU,IND,ARE,PRK,IRN,THA'],
	['compare (group)', '/compare?group=council-of-europe'],
	['maps', '/map'],
	['map', '/map/trafficking-protocol'],
	['map (regional)', '/map/cets-197'],
	['embed', '/embed/map/trafficking-protocol'],
	['sources', '/sources'],
	['reviews', '/reviews'],
	['review cycle', '/reviews/cycles/untoc-1'],
	['API', '/api'],
	['sign in', '/login']
];

/** @returns {{ url: string | null, runs: number, only: string | undefined, fail: boolean }} */
function options() {
	let values;
	try {
		({ values } = parseArgs({
			options: { url: { type: 'string' }, runs: { type: 'string', default: '3' }, only: { type: 'string' }, 'no-fail': { type: 'boolean', default: false } }
		}));
	} catch (e) {
		console.error(`lighthouse: ${e.message}\n${usage}`);
		process.exit(2);
	}
	const runs = Number(values.runs);
	if ((values.url && !/^https?:\/\//.test(values.url)) || !Number.isInteger(runs) || runs < 1) {
		console.error(`lighthouse: --url is a server's address (http://…), --runs a whole number\n${usage}`);
		process.exit(2);
	}
	return { url: values.url?.replace(/\/$/, '') ?? null, runs, only: values.only, fail: !values['no-fail'] };
}

/**
 * The figures of one run.
 * @param {import('lighthouse').Result} lhr
 */
function figures(lhr) {
	const audits = lhr.audits;
	/** @type {{ url: string, resourceType?: string, transferSize?: number, resourceSize?: number }[]} */
	const requests = /** @type {any} */ (audits['network-requests'].details)?.items ?? [];
	const document = requests.find((r) => r.resourceType === 'Document') ?? {};
	const scripts = requests.filter((r) => r.resourceType === 'Script');
	return {
		score: Math.round((lhr.categories.performance.score ?? 0) * 100),
		html: document.transferSize ?? 0,
		htmlRaw: document.resourceSize ?? 0,
		js: scripts.reduce((n, r) => n + (r.transferSize ?? 0), 0),
		dom: audits['dom-size'].numericValue ?? 0,
		tbt: audits['total-blocking-time'].numericValue ?? 0,
		lcp: audits['largest-contentful-paint'].numericValue ?? 0
	};
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${Math.round(n)} ms`;

function table(rows) {
	const head = ['page', 'path', 'score', 'HTML', 'HTML raw', 'JS', 'DOM nodes', 'TBT', 'LCP'];
	const body = rows.map((r) => [r.kind, r.path, String(r.score), kb(r.html), kb(r.htmlRaw), kb(r.js), String(r.dom), ms(r.tbt), ms(r.lcp)]);
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
	const line = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

const { url: given, runs, only, fail } = options();
const pages = PAGES.filter(([, path]) => !only || path.includes(only));
if (!pages.length) {
	console.error(`lighthouse: no page's path contains "${only}"\n${usage}`);
	process.exit(2);
}

// Without an address: the built app on a database of its own, stopped at the end.
let own = null;
let scratch = null;
if (!given) {
	buildIfNeeded();
	scratch = scratchDatabase('lighthouse');
	own = await startServer({ database: scratch.file });
}
const url = given ?? own.base;
const stopOwn = async () => {
	if (own) await own.stop();
	scratch?.remove();
};

try {
	const res = await fetch(url + '/');
	if (!res.ok) throw new Error(`GET / answered ${res.status}`);
} catch (e) {
	console.error(`lighthouse: no server at ${url}: ${e.cause?.message ?? e.message}`);
	process.exit(2);
}

const chrome = await chromeLauncher.launch({
	chromePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
});

const rows = [];
let version = '';
try {
	for (const [kind, path] of pages) {
		const samples = [];
		for (let n = 0; n < runs; n++) {
			const result = await lighthouse(url + path, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
			if (!result) throw new Error(`${path}: Lighthouse returned nothing`);
			if (result.lhr.runtimeError) throw new Error(`${path}: ${result.lhr.runtimeError.message}`);
			version = result.lhr.lighthouseVersion;
			samples.push(figures(result.lhr));
		}
		/** @type {Record<string, any>} */
		const row = { kind, path };
		for (const key of Object.keys(samples[0])) row[key] = median(samples.map((s) => s[key]));
		rows.push(row);
		console.error(`${path}: ${samples.map((s) => s.score).join(', ')}`);
	}
} finally {
	await chrome.kill();
	await stopOwn();
}

console.log(`Lighthouse ${version} mobile profile, performance; median of ${runs} run${runs > 1 ? 's' : ''} per page, ${url}\n`);
console.log(table(rows));
const below = rows.filter((r) => r.score < BAR);
if (below.length) {
	console.log(`\n${below.length} page${below.length > 1 ? 's' : ''} below ${BAR}: ${below.map((r) => r.path).join(', ')}`);
	if (fail) process.exit(1);
}
