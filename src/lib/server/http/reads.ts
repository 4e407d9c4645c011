// What each address reads: the query parameters its page or endpoint takes, and the parts of the
// record and of the reviews its answer shows (record/live `Tag`). One table, by SvelteKit route id.
//
// - The query: a page sees only the parameters it takes (the `handle` hook removes the others
//   before it runs), so `?utm_campaign=…`, `?fbclid=…` or a cache buster `?x=2` make neither a
//   different page nor a new render: the page cache stores one answer per address as the page
//   reads it. An endpoint of the API and the downloads (`strict`) refuses a parameter it does not
//   take with a 400 naming it (http/api-params `read`), so nothing is removed there.
// - The reads: a stored answer stays the answer until a change reaches something it reads. A
//   correction of Colombia's UNTOC act changes the UNTOC pages and Colombia's; the Trafficking
//   Protocol's pages follow only when UNTOC's statuses or dates change (they read the Convention's
//   parties); a note changes no map. An address not in the table reads everything (`public`).
//
// tests/unit/reads.test.ts fails on a route missing here and on a parameter a route reads that
// its row does not list.
import type { Tag } from '../record/live';
import type { TreatyRecord } from '../record/record';

/** The parameters of an address: those it takes (all others are removed), every one ('strict': it refuses the others), or any (a page for signed-in people, never stored for the public). */
export type Query = readonly string[] | 'strict' | 'any';

export interface Reads {
	query: Query;
	/** What its answer shows, from the route's parameters (and the record, for an instrument's relatives). */
	tags: (params: Partial<Record<string, string>>, record: TreatyRecord | null) => Tag[];
}

/** An instrument's pages: all of it, and the statuses of the instruments it reads beside its own (its Convention, its Protocols). */
function instrument(params: Partial<Record<string, string>>, record: TreatyRecord | null): Tag[] {
	const slug = params.slug ?? '';
	const ir = record?.instruments.get(slug);
	// unknown (a 404), or the record not yet held: whatever changes
	if (!ir || !record) return ['public'];
	const tags: Tag[] = [`instrument:${slug}`, `statuses:${slug}`];
	const own = ir.instrument;
	for (const other of record.instruments.values()) {
		const o = other.instrument;
		if (o.slug === own.parent_slug || o.slug === own.prerequisite_slug || o.parent_slug === slug || o.prerequisite_slug === slug) tags.push(`statuses:${o.slug}`);
	}
	return tags;
}

/** An instrument's maps and lists of who has not joined: its statuses (and its relatives'), not its notes. */
function statusesOf(params: Partial<Record<string, string>>, record: TreatyRecord | null): Tag[] {
	return instrument(params, record).filter((t) => !t.startsWith('instrument:'));
}

/** A participant's pages: its acts, everyone's statuses (parity with its region and peers), its published reviews. */
const participant = (params: Partial<Record<string, string>>): Tag[] => [`participant:${(params.code ?? '').toUpperCase()}`, 'statuses', 'reviews'];
/** Counts, maps and lists across instruments. */
const statuses = (): Tag[] => ['statuses'];
/** The sources, their freshness, the policy events, the feeds: anything of the record. */
const record = (): Tag[] => ['record'];
/** The public side of the review mechanism (with who is party to what: the draw's pools). */
const reviews = (): Tag[] => ['reviews', 'statuses'];
/** Anything the public sees. */
const anything = (): Tag[] => ['public'];
/** Never changes but with the code (a new server) or a rebuilt record. */
const nothing = (): Tag[] => [];

const AS_OF = 'asOf';
const MAP = [AS_OF, 'group', 'highlight'];

export const READS: Record<string, Reads> = {
	'/': { query: [AS_OF], tags: statuses },
	'/api': { query: [], tags: nothing },
	'/compare': { query: ['codes', 'add', 'group', AS_OF, 'sort', 'highlight', 'notFound'], tags: statuses },
	'/embed/map/[slug=slug]': { query: [...MAP, 'list', 'height'], tags: statusesOf },
	'/freshness': { query: [], tags: record },
	'/instruments/[slug=slug]': { query: [AS_OF, 'sort', 'dir'], tags: instrument },
	'/instruments/[slug=slug]/articles/[n]': { query: [AS_OF], tags: instrument },
	'/instruments/[slug=slug]/non-parties': { query: [AS_OF, 'region', 'group'], tags: statusesOf },
	'/map': { query: [AS_OF, 'instrument'], tags: statuses },
	'/map/[slug=slug]': { query: MAP, tags: statusesOf },
	'/map/[slug=slug].png': { query: MAP, tags: statusesOf },
	'/map/[slug=slug].svg': { query: MAP, tags: statusesOf },
	'/participants': { query: [AS_OF, 'q'], tags: statuses },
	'/participants/[code=code]': { query: [AS_OF, 'peers'], tags: participant },
	'/participants/[code=code].png': { query: [AS_OF], tags: participant },
	'/participants/[code=code]/briefing': { query: [AS_OF], tags: participant },
	'/participants/[code=code]/briefing.docx': { query: [AS_OF], tags: participant },
	'/policy': { query: [AS_OF], tags: record },
	'/reviews': { query: [AS_OF, 'group', 'instrument', 'stage'], tags: reviews },
	'/reviews/[id=id]/published': { query: [AS_OF], tags: reviews },
	'/reviews/cycles/[id]': { query: ['q', 'group'], tags: reviews },
	'/reviews/feed.atom': { query: [], tags: reviews },
	'/sources': { query: [AS_OF], tags: record },
	'/sources/[id]/file': { query: [], tags: record },

	// The API and the downloads: each refuses a parameter it does not take.
	'/api/[...rest]': { query: 'strict', tags: nothing },
	'/api/v1/compare': { query: 'strict', tags: statuses },
	'/api/v1/instruments': { query: 'strict', tags: statuses },
	'/api/v1/instruments/[slug]': { query: 'strict', tags: instrument },
	'/api/v1/instruments/[slug]/events': { query: 'strict', tags: instrument },
	'/api/v1/instruments/[slug]/non-parties': { query: 'strict', tags: statusesOf },
	'/api/v1/participants/[code]': { query: 'strict', tags: participant },
	'/api/v1/openapi.json': { query: 'strict', tags: nothing },
	'/api/v1/review-mechanisms/[id]': { query: 'strict', tags: reviews },
	'/api/v1/reviews': { query: 'strict', tags: reviews },
	'/api/v1/me': { query: 'strict', tags: anything },
	'/api/v1/acts/[id=id]/corrections': { query: 'strict', tags: anything },
	'/api/v1/acts/[id=id]/retractions': { query: 'strict', tags: anything },
	'/compare/export.csv': { query: 'strict', tags: statuses },
	'/compare/export.json': { query: 'strict', tags: statuses },
	'/feed.atom': { query: 'strict', tags: record },
	'/instruments/[slug=slug]/export.csv': { query: 'strict', tags: instrument },
	'/instruments/[slug=slug]/export.json': { query: 'strict', tags: instrument },
	'/instruments/[slug=slug]/feed.atom': { query: 'strict', tags: instrument },
	'/instruments/[slug=slug]/non-parties.csv': { query: 'strict', tags: statusesOf },

	// For people signed in (the public is sent to sign in, or reads nothing of the record).
	'/account': { query: 'any', tags: anything },
	'/audit': { query: 'any', tags: anything },
	'/audit/export.csv': { query: 'any', tags: anything },
	'/healthz': { query: 'any', tags: anything },
	'/import': { query: 'any', tags: anything },
	'/imports/[id=id]': { query: 'any', tags: anything },
	'/invitation/[token]': { query: 'any', tags: anything },
	'/login': { query: 'any', tags: anything },
	'/logout': { query: 'any', tags: anything },
	'/outbox': { query: 'any', tags: anything },
	'/record/acts/[id=id]': { query: 'any', tags: anything },
	'/record/new': { query: 'any', tags: anything },
	'/reviews/[id=id]': { query: 'any', tags: anything },
	'/reviews/[id=id]/evidence/[file=id]': { query: 'any', tags: anything },
	'/reviews/[id=id]/feed.atom': { query: 'any', tags: anything },
	'/reviews/[id=id]/report': { query: 'any', tags: anything },
	'/reviews/[id=id]/report.docx': { query: 'any', tags: anything },
	'/reviews/mine': { query: 'any', tags: anything },
	'/users': { query: 'any', tags: anything },
	'/users/[id=id]': { query: 'any', tags: anything }
};

/** An address no route answers (a 404): reads anything, takes nothing. */
const UNROUTED: Reads = { query: [], tags: anything };

export function readsOf(routeId: string | null): Reads {
	return (routeId !== null && Object.hasOwn(READS, routeId) ? READS[routeId] : undefined) ?? UNROUTED;
}

/**
 * The query as the route reads it, in one order: the parameters it takes, sorted by name (each
 * name's values in the order given), the others left out. `strict` and `any` keep it as sent.
 */
export function normalQuery(search: URLSearchParams | string, query: Query): string {
	const params = typeof search === 'string' ? new URLSearchParams(search) : search;
	if (query === 'strict' || query === 'any') {
		const s = params.toString();
		return s ? `?${s}` : '';
	}
	const kept = new URLSearchParams();
	for (const name of [...new Set(params.keys())].filter((n) => query.includes(n)).sort()) for (const v of params.getAll(name)) kept.append(name, v);
	const s = kept.toString();
	return s ? `?${s}` : '';
}

/** Removes from `url` the parameters its route does not take (what the page will read). */
export function keepTaken(url: URL, query: Query): void {
	if (query === 'strict' || query === 'any') return;
	for (const name of [...new Set(url.searchParams.keys())]) if (!query.includes(name)) url.searchParams.delete(name);
}
