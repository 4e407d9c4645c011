// What each address reads (http/reads): every route is in the table; a page's row lists every
// query parameter its code reads (else the hook would hide it from the page); the query an
// address is stored under keeps only those, in one order; and what a write reaches follows the
// record (record/live): a note reaches an instrument's pages, a date its maps and everything that
// counts, a review's public side the review pages, a draft nothing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { READS, normalQuery, keepTaken, readsOf } from '../../src/lib/server/http/reads';
import * as live from '../../src/lib/server/record/live';
import * as participation from '../../src/lib/server/record/participation';
import * as records from '../../src/lib/server/record/record';
import * as reviews from '../../src/lib/server/reviews/reviews';
import * as questionnaire from '../../src/lib/server/reviews/questionnaire';
import { freshDb, aDrawnReviewer } from './db';

const ROUTES = resolve(__dirname, '../../src/routes');

/** Every route id under src/routes: a page, or an endpoint. */
function routeIds(dir = ROUTES): { id: string; files: string[] }[] {
	const out: { id: string; files: string[] }[] = [];
	const entries = readdirSync(dir);
	const files = entries.filter((f) => /^\+(page|page\.server|page|server)\.(ts|svelte)$/.test(f)).map((f) => join(dir, f));
	const answers = entries.some((f) => ['+page.svelte', '+page.server.ts', '+server.ts'].includes(f));
	if (answers) out.push({ id: '/' + relative(ROUTES, dir).split('/').filter(Boolean).join('/'), files });
	for (const e of entries) if (statSync(join(dir, e)).isDirectory()) out.push(...routeIds(join(dir, e)));
	return out.map((r) => ({ ...r, id: r.id === '/' ? '/' : r.id.replace(/\/$/, '') }));
}

/** The query parameters a route's code reads: by name, and through the helpers that read them. */
function paramsRead(files: string[]): string[] {
	const helpers: [RegExp, string[]][] = [
		[/page\.asOf\(url\)|\basOf\(url\)/, ['asOf']],
		[/sorting\.parse\(/, ['sort', 'dir']],
		[/mapQuery\.group\(/, ['group']],
		[/mapQuery\.highlight\(/, ['highlight']],
		[/mapQuery\.list\(/, ['list']],
		[/mapQuery\.height\(/, ['height']],
		[/compare\.readQuery\(/, ['codes', 'add', 'group']]
	];
	const names = new Set<string>();
	for (const f of files) {
		const code = readFileSync(f, 'utf8');
		for (const m of code.matchAll(/searchParams\.(?:get|getAll|has)\('([^']+)'\)/g)) names.add(m[1]);
		for (const [re, ps] of helpers) if (re.test(code)) for (const p of ps) names.add(p);
	}
	return [...names].sort();
}

describe('the table of what each address reads', () => {
	const routes = routeIds();

	it('has every route, and no route that does not exist', () => {
		expect(routes.length).toBeGreaterThan(50);
		expect(Object.keys(READS).sort()).toEqual(routes.map((r) => r.id).sort());
	});

	it('lists every query parameter a page reads (else the page would never see it)', () => {
		for (const r of routes) {
			const query = READS[r.id].query;
			if (query === 'strict' || query === 'any') continue;
			for (const p of paramsRead(r.files)) expect(query, `${r.id} reads ?${p}`).toContain(p);
		}
	});

	it('finds the parameters a page reads (the check above is not empty)', () => {
		const instrument = routes.find((r) => r.id === '/instruments/[slug=slug]')!;
		expect(paramsRead(instrument.files)).toEqual(['asOf', 'dir', 'sort']);
		const compare = routes.find((r) => r.id === '/compare')!;
		expect(paramsRead(compare.files)).toEqual(expect.arrayContaining(['codes', 'add', 'group', 'highlight', 'notFound', 'sort']));
	});
});

describe('the query an answer is stored under', () => {
	const map = READS['/map/[slug=slug]'].query;

	it('leaves out what the page does not read — campaign tags, click ids, cache busters — and sorts the rest', () => {
		expect(normalQuery('?utm_source=newsletter&utm_campaign=spring&fbclid=abc', map)).toBe('');
		expect(normalQuery('?x=2', map)).toBe('');
		expect(normalQuery('?highlight=not-joined&utm_medium=email&asOf=2008-06-03', map)).toBe('?asOf=2008-06-03&highlight=not-joined');
		expect(normalQuery('?asOf=2008-06-03&highlight=not-joined', map)).toBe(normalQuery('?highlight=not-joined&asOf=2008-06-03', map));
	});

	it('keeps repeated values in their order, and everything for the API (which refuses what it does not take)', () => {
		expect(normalQuery('?codes=BEL&codes=FIN&utm_x=1', READS['/compare'].query)).toBe('?codes=BEL&codes=FIN');
		expect(normalQuery('?asOf=2008-06-03&utm_source=x', readsOf('/api/v1/instruments').query)).toBe('?asOf=2008-06-03&utm_source=x');
	});

	it('removes from the page’s own address what it does not read', () => {
		const url = new URL('http://localhost/map/untoc?utm_source=x&asOf=2008-06-03&group=eu');
		keepTaken(url, map);
		expect(url.search).toBe('?asOf=2008-06-03&group=eu');
		// an address no route answers takes nothing
		expect(readsOf('/no/such/route').query).toEqual([]);
	});
});

describe('what a write reaches', () => {
	const note = (db: Awaited<ReturnType<typeof freshDb>>, changes: { note?: string; date?: string }) =>
		participation.correct(db, {
			act: { instrument: 'untoc', participant: 'COL', kind: 'consent', seq: 1 },
			changes,
			source: 'untc-xviii-12-2014',
			reason: 'a test of what a write reaches',
			actor: 'test'
		});

	it('a note: UNTOC’s pages and Colombia’s; not the Protocol’s, a map, a count or India’s page', async () => {
		const db = await freshDb();
		await live.follow(db);
		const record = live.held(db)!;
		const tagsOf = (route: string, params: Record<string, string>) => READS[route].tags(params, record);
		const pages = {
			untoc: tagsOf('/instruments/[slug=slug]', { slug: 'untoc' }),
			tip: tagsOf('/instruments/[slug=slug]', { slug: 'trafficking-protocol' }),
			untocMap: tagsOf('/map/[slug=slug]', { slug: 'untoc' }),
			home: tagsOf('/', {}),
			col: tagsOf('/participants/[code=code]', { code: 'COL' }),
			ind: tagsOf('/participants/[code=code]', { code: 'IND' }),
			reviews: tagsOf('/reviews', {})
		};
		expect(pages.tip).toContain('statuses:untoc');
		expect(pages.tip).not.toContain('instrument:untoc');
		const steps = () => Object.fromEntries(Object.entries(pages).map(([k, tags]) => [k, live.stepOf(db, tags)]));

		const before = steps();
		await note(db, { note: 'checked against the depositary notification' });
		await live.follow(db);
		const afterNote = steps();
		const moved = (a: Record<string, number>, b: Record<string, number>) => Object.keys(a).filter((k) => a[k] !== b[k]).sort();
		expect(moved(before, afterNote)).toEqual(['col', 'untoc']);

		await note(db, { date: '2004-08-05' });
		await live.follow(db);
		const afterDate = steps();
		// (the review pages read who is party: the draw's pools)
		expect(moved(afterNote, afterDate)).toEqual(['col', 'home', 'ind', 'reviews', 'tip', 'untoc', 'untocMap']);
		// the record held is the record read
		expect(live.held(db)).toBe(await records.get(db));
	});

	it('a review: its launch reaches the review pages; a draft answer reaches nothing', async () => {
		const db = await freshDb();
		await live.follow(db);
		const tags = READS['/reviews'].tags({}, live.held(db));
		const instrument = READS['/instruments/[slug=slug]'].tags({ slug: 'untoc' }, live.held(db));
		await aDrawnReviewer(db, { state: 'IND', reviewer: 'PAK' });
		const actor = { label: 'a test', userId: null, role: 'secretariat', address: null };
		const before = { reviews: live.stepOf(db, tags), instrument: live.stepOf(db, instrument) };
		const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: null, states: ['IND'], on: '2020-10-12', actor });
		await live.follow(db);
		const launched = { reviews: live.stepOf(db, tags), instrument: live.stepOf(db, instrument) };
		expect(launched.reviews).toBeGreaterThan(before.reviews);
		expect(launched.instrument).toBe(before.instrument);
		const review = (await reviews.get(db, id))!;
		const item = review.items[0];
		const secretariat = { actor, id: null, role: 'secretariat' as const, participant: null };
		await questionnaire.saveAnswer(db, review, secretariat, { instrument: item.instrument, article: item.article, text: 'A draft answer.', status: null, legislation: [], basedOn: review.version });
		await live.follow(db);
		expect({ reviews: live.stepOf(db, tags), instrument: live.stepOf(db, instrument) }).toEqual(launched);
	});

	it('a batch of writes in one transaction (as an import applies its rows) reaches its answers once, when it commits', async () => {
		const db = await freshDb();
		await live.follow(db);
		const record = live.held(db)!;
		const untoc = READS['/instruments/[slug=slug]'].tags({ slug: 'untoc' }, record);
		const cets = READS['/instruments/[slug=slug]'].tags({ slug: 'cets-197' }, record);
		const before = { any: live.stepOf(db, ['public']), untoc: live.stepOf(db, untoc), cets: live.stepOf(db, cets) };
		// the notes of three States' UNTOC ratifications, corrected in one change
		const current = (await participation.current(db, { instrument: 'untoc' })).filter((a) => a.kind === 'consent' && ['COL', 'IND', 'NGA'].includes(a.participant));
		expect(current).toHaveLength(3);
		await participation.apply(db, {
			actor: 'test',
			writes: current.map((a) => ({
				op: 'correct' as const,
				act: { instrument: a.instrument, participant: a.participant, kind: a.kind, seq: a.seq },
				values: { ...a.attributes, note: `checked in one batch (${a.participant})` },
				reason: 'a batch'
			}))
		});
		await live.follow(db);
		const after = { any: live.stepOf(db, ['public']), untoc: live.stepOf(db, untoc), cets: live.stepOf(db, cets) };
		// one step for the three: the answers that show them change once
		expect(after.any).toBe(before.any + 1);
		expect(after.untoc).toBe(after.any);
		expect(after.cets).toBe(before.cets);
		const held = live.held(db)!;
		expect(held.instruments.get('untoc')!.timelines.get('IND')!.events.map((e) => e.note)).toContain('checked in one batch (IND)');
		// the instruments the batch did not touch are the very objects they were
		expect(held.instruments.get('cets-197')).toBe(record.instruments.get('cets-197'));
	});
});
