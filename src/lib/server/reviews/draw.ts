// The drawing of lots for country reviews: who reviews whom, for each instrument. Pure: the
// States under review, the parties to each instrument with their UN regional groups, the rules
// and a seed in; the draw out. The same input and seed give the same draw, whatever the order
// of the input (it is sorted first), so anyone holding the seed can draw it again.
//
// The rules (data/review-mechanisms.json; the facts file, lines 18–26): each instrument a State
// is party to is reviewed by two other States parties, one from its UN regional group and one
// from another; a reviewer must be party to the instrument it reviews, and where a drawn reviewer
// is not party to all of the State's instruments an additional draw covers the others (so at
// most four reviewing States in all); no two States review each other in the same cycle; the
// load is spread as evenly as the other rules allow. A rule that cannot be met is never broken:
// the slot stays empty and `problems` says which rule and why.
//
// How (tt-draw-1): each State's instruments are taken in order, the one with most parties first
// (the Convention: a Protocol's parties are parties to it), so the reviewers are drawn for it and
// reused for the others where they are party, with an additional draw where not. Slots are drawn
// own-group first (the scarcer pools), then the others, then the additional draws, each among
// the eligible reviewers with the fewest reviews so far, at random among equals (sfc32 seeded
// from the seed through cyrb128). Then two repairs: an empty slot whose candidates are all
// blocked by the mutual ban or a cap is filled by moving one of the blocking reviews elsewhere,
// and loads are evened out along chains of moves (X hands a review to Y, Y one to Z…) from the
// busiest reviewers to ones with at least two fewer. Up to twelve attempts; the first that meets
// every rule it can is kept, else the best.

export const ALGORITHM = 'tt-draw-1';

export interface DrawParty {
	code: string;
	/** Its UN regional group on the date; null: none (the Cook Islands, Niue). */
	group: string | null;
}

export interface DrawRules {
	reviewersPerInstrument: number;
	oneFromOwnGroup: boolean;
	maxReviewersPerState: number | null;
	mutualReviews: boolean;
	maxReviewsPerReviewer: number | null;
}

export interface DrawInput {
	seed: number;
	underReview: { code: string; group: string | null; instruments: string[] }[];
	/** instrument → its States parties */
	parties: Record<string, DrawParty[]>;
	rules: DrawRules;
}

export interface Assignment {
	state: string;
	instrument: string;
	/** The own-group reviewer first (when drawn), then those from other groups. A slot that could not be filled is left out. */
	reviewers: string[];
}

/** The rules a draw keeps, named as the mechanism's settings where there is one. */
export const RULES = [
	'reviewers_per_instrument',
	'one_from_own_group',
	'reviewer_party_to_instrument',
	'no_self_review',
	'distinct_reviewers',
	'reuse_reviewers',
	'max_reviewers_per_state',
	'mutual_reviews',
	'max_reviews_per_reviewer',
	'even_load',
	'assignments'
] as const;
export type Rule = (typeof RULES)[number];

export interface Problem {
	rule: Rule;
	state: string;
	instrument: string | null;
	message: string;
}

export interface DrawResult {
	algorithm: string;
	seed: number;
	assignments: Assignment[];
	problems: Problem[];
	/** Reviewing State → how many States under review it reviews (every party, with 0). */
	load: Record<string, number>;
}

export class DrawError extends Error {}

// ——— the random numbers ———

/** cyrb128 (bryc, public domain): a string hashed to four 32-bit words. */
function cyrb128(str: string): [number, number, number, number] {
	let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
	for (let i = 0; i < str.length; i++) {
		const k = str.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

type Rng = () => number;

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): numbers in [0, 1). */
export function rngFor(key: string): Rng {
	let [a, b, c, d] = cyrb128(key);
	const next = () => {
		a |= 0; b |= 0; c |= 0; d |= 0;
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
	for (let i = 0; i < 15; i++) next(); // the first outputs of a fresh state are poorly mixed
	return next;
}

function pick<T>(rng: Rng, list: T[]): T {
	return list[Math.floor(rng() * list.length)];
}

function shuffle<T>(rng: Rng, list: T[]): T[] {
	const out = [...list];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rng() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

// ——— the input, sorted ———

interface Prepared {
	seed: number;
	rules: DrawRules;
	/** Under review, by code; each with its instruments in draw order (most parties first). */
	states: { code: string; group: string | null; instruments: string[] }[];
	group: Map<string, string | null>;
	parties: Map<string, Set<string>>;
	/** instrument → its parties by code */
	partyList: Map<string, string[]>;
	/** Every party to any instrument: who carries a load. */
	pool: string[];
	/** state → its instruments in draw order */
	instrumentsOf: Map<string, string[]>;
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order a State's instruments are drawn in: most parties first, then by slug. */
function instrumentOrder(parties: Map<string, Set<string>>) {
	return (a: string, b: string) => (parties.get(b)?.size ?? 0) - (parties.get(a)?.size ?? 0) || byCode(a, b);
}

function prepare(input: DrawInput): Prepared {
	if (!Number.isSafeInteger(input.seed) || input.seed < 0) throw new DrawError(`the seed must be a whole number from 0 up (got ${input.seed})`);
	const r = input.rules;
	if (!Number.isInteger(r.reviewersPerInstrument) || r.reviewersPerInstrument < 0) throw new DrawError('reviewersPerInstrument must be a whole number');
	const group = new Map<string, string | null>();
	const parties = new Map<string, Set<string>>();
	for (const slug of Object.keys(input.parties).sort(byCode)) {
		const set = new Set<string>();
		for (const p of input.parties[slug]) {
			set.add(p.code);
			if (!group.has(p.code) || (group.get(p.code) === null && p.group !== null)) group.set(p.code, p.group);
		}
		parties.set(slug, set);
	}
	for (const s of input.underReview) group.set(s.code, s.group);
	const order = instrumentOrder(parties);
	const seen = new Map<string, { code: string; group: string | null; instruments: Set<string> }>();
	for (const s of input.underReview) {
		const entry = seen.get(s.code) ?? { code: s.code, group: s.group, instruments: new Set<string>() };
		for (const i of s.instruments) entry.instruments.add(i);
		seen.set(s.code, entry);
	}
	const states = [...seen.values()]
		.sort((a, b) => byCode(a.code, b.code))
		.map((s) => ({ code: s.code, group: s.group, instruments: [...s.instruments].sort(order) }));
	const partyList = new Map([...parties].map(([slug, set]) => [slug, [...set].sort(byCode)]));
	const pool = [...new Set([...parties.values()].flatMap((s) => [...s]))].sort(byCode);
	const instrumentsOf = new Map(states.map((s) => [s.code, s.instruments]));
	return { seed: input.seed, rules: r, states, group, parties, partyList, pool, instrumentsOf };
}

// ——— the board: slots and who fills them ———

type Kind = 'own' | 'other' | 'any';

interface Unit {
	state: string;
	kind: Kind;
	/** Its place in the reviewers lists: own group 0, then the others. */
	slot: number;
	/** The instruments its reviewer reviews, in the State's order. */
	instruments: string[];
	/** Drawn for the State's first instrument: its reviewer is reused wherever it is party. */
	primary: boolean;
	/** Set once the State's other instruments were matched to it: from then its coverage is fixed. */
	fixed: boolean;
	reviewer: string | null;
	/** Of the right group, party to its first instrument, not the State itself. */
	candidates: string[];
}

type Blocker = 'self' | 'group' | 'party' | 'coverage' | 'excluded' | 'reviewing' | 'mutual' | 'reviewer-cap' | 'state-cap';

function sameGroup(a: string | null | undefined, b: string | null | undefined): boolean {
	return a != null && b != null && a === b;
}

function kinds(rules: DrawRules): Kind[] {
	const n = rules.reviewersPerInstrument;
	if (n <= 0) return [];
	return rules.oneFromOwnGroup ? ['own', ...Array<Kind>(n - 1).fill('other')] : Array<Kind>(n).fill('any');
}

class Board {
	units: Unit[] = [];
	/** state → reviewer → the unit it fills */
	reviewersOf = new Map<string, Map<string, Unit>>();
	/** reviewer → the units it fills */
	unitsOf = new Map<string, Set<Unit>>();
	/** Chains: per State and slot, the primary unit and its additional draws. */
	chains = new Map<string, Unit[]>();

	constructor(
		readonly p: Prepared,
		/** `${state}|${reviewer}` pairs never to draw (reviewers replaced at the State's request). */
		readonly excluded: Set<string> = new Set()
	) {}

	load(r: string): number {
		return this.unitsOf.get(r)?.size ?? 0;
	}

	reviews(reviewer: string, state: string): boolean {
		return this.reviewersOf.get(state)?.has(reviewer) ?? false;
	}

	instrumentsOf(state: string): string[] {
		return this.p.instrumentsOf.get(state) ?? [];
	}

	addUnit(u: Omit<Unit, 'candidates' | 'reviewer' | 'fixed'>): Unit {
		const g = this.p.group.get(u.state) ?? null;
		const candidates = (this.p.partyList.get(u.instruments[0]) ?? []).filter(
			(r) => r !== u.state && (u.kind === 'any' || (u.kind === 'own') === sameGroup(this.p.group.get(r), g))
		);
		const unit: Unit = { ...u, fixed: false, reviewer: null, candidates };
		this.units.push(unit);
		const key = `${u.state}|${u.slot}`;
		const chain = this.chains.get(key) ?? [];
		chain.push(unit);
		this.chains.set(key, chain);
		return unit;
	}

	assign(u: Unit, r: string) {
		if (u.reviewer) this.unassign(u);
		u.reviewer = r;
		let of = this.reviewersOf.get(u.state);
		if (!of) this.reviewersOf.set(u.state, (of = new Map()));
		of.set(r, u);
		let units = this.unitsOf.get(r);
		if (!units) this.unitsOf.set(r, (units = new Set()));
		units.add(u);
	}

	unassign(u: Unit) {
		if (!u.reviewer) return;
		this.reviewersOf.get(u.state)?.delete(u.reviewer);
		this.unitsOf.get(u.reviewer)?.delete(u);
		u.reviewer = null;
	}

	/** Why `r` may not fill `u` now (null: it may). */
	why(u: Unit, r: string): Blocker | null {
		const s = u.state;
		const { rules, parties, group } = this.p;
		if (r === s) return 'self';
		if (u.kind !== 'any' && (u.kind === 'own') !== sameGroup(group.get(r), group.get(s))) return 'group';
		if (!u.instruments.every((i) => parties.get(i)?.has(r))) return 'party';
		// A primary's reviewer reviews every instrument it is party to: one party to an instrument
		// that another draw covers would have to take it over.
		if (u.primary && u.fixed && this.instrumentsOf(s).some((j) => !u.instruments.includes(j) && parties.get(j)?.has(r))) return 'coverage';
		if (this.excluded.has(`${s}|${r}`)) return 'excluded';
		if (u.reviewer === r) return null;
		if (this.reviews(r, s)) return 'reviewing';
		if (!rules.mutualReviews && this.reviews(s, r)) return 'mutual';
		if (rules.maxReviewsPerReviewer !== null && this.load(r) >= rules.maxReviewsPerReviewer) return 'reviewer-cap';
		const count = this.reviewersOf.get(s)?.size ?? 0;
		if (rules.maxReviewersPerState !== null && count - (u.reviewer ? 1 : 0) + 1 > rules.maxReviewersPerState) return 'state-cap';
		return null;
	}

	/** Fills `u` with one of the eligible reviewers with the fewest reviews, at random among them. */
	draw(u: Unit, rng: Rng): boolean {
		let best = Infinity;
		let picks: string[] = [];
		for (const r of u.candidates) {
			if (this.why(u, r)) continue;
			const l = this.load(r);
			if (l < best) [best, picks] = [l, [r]];
			else if (l === best) picks.push(r);
		}
		if (!picks.length) return false;
		this.assign(u, pick(rng, picks));
		return true;
	}

	spread(): { max: number; min: number } {
		let max = -Infinity;
		let min = Infinity;
		for (const r of this.p.pool) {
			const l = this.load(r);
			if (l > max) max = l;
			if (l < min) min = l;
		}
		return this.p.pool.length ? { max, min } : { max: 0, min: 0 };
	}
}

/** The units whose kind the State cannot have at all: its own group when it has none. */
interface Inherent {
	state: string;
	instruments: string[];
}

function orderUnits(rng: Rng, units: Unit[]): Unit[] {
	// Scarcest pools first; at random among equals.
	const phase = (u: Unit) => (u.kind === 'own' ? 0 : 1);
	return shuffle(rng, units).sort((a, b) => phase(a) - phase(b) || a.candidates.length - b.candidates.length);
}

/**
 * An empty slot whose candidates are blocked by the mutual ban or a reviewer's cap: move the
 * blocking review to someone else, then fill the slot.
 */
function fill(board: Board, u: Unit, rng: Rng): boolean {
	if (board.draw(u, rng)) return true;
	const s = u.state;
	for (const y of shuffle(rng, u.candidates)) {
		const blocker = board.why(u, y);
		let blocking: Unit[] = [];
		if (blocker === 'mutual') blocking = [board.reviewersOf.get(y)!.get(s)!];
		else if (blocker === 'reviewer-cap') blocking = [...(board.unitsOf.get(y) ?? [])];
		else continue;
		for (const v of blocking) {
			const was = v.reviewer!;
			board.unassign(v);
			// the moved review may not go back to the one it was taken from
			board.excluded.add(`${v.state}|${was}`);
			const moved = board.draw(v, rng);
			board.excluded.delete(`${v.state}|${was}`);
			if (moved && !board.why(u, y)) {
				board.assign(u, y);
				return true;
			}
			if (moved) board.unassign(v);
			board.assign(v, was);
		}
	}
	return false;
}

/**
 * Evens the load: a chain of moves from a busiest reviewer to one with at least two reviews
 * fewer, each review handed to a reviewer who may take it. Breadth first, so chains are short.
 */
function balance(board: Board, rng: Rng) {
	for (let round = 0; round < 10_000; round++) {
		const { max, min } = board.spread();
		if (max - min <= 1) return;
		const from = new Map<string, { prev: string; unit: Unit } | null>();
		const queue = shuffle(rng, board.p.pool.filter((r) => board.load(r) === max));
		for (const r of queue) from.set(r, null);
		let end: string | null = null;
		search: for (let q = 0; q < queue.length; q++) {
			const x = queue[q];
			for (const u of [...(board.unitsOf.get(x) ?? [])]) {
				for (const y of u.candidates) {
					if (from.has(y) || board.why(u, y)) continue;
					from.set(y, { prev: x, unit: u });
					if (board.load(y) <= max - 2) {
						end = y;
						break search;
					}
					queue.push(y);
				}
			}
		}
		if (!end) return;
		// Apply from the end back, checking each move against the board as it then is.
		const moves: { unit: Unit; from: string; to: string }[] = [];
		for (let y = end, step = from.get(y); step; y = step.prev, step = from.get(y)) moves.push({ unit: step.unit, from: step.prev, to: y });
		const done: typeof moves = [];
		for (const m of moves) {
			if (m.unit.reviewer !== m.from || board.why(m.unit, m.to)) break;
			board.assign(m.unit, m.to);
			done.push(m);
		}
		if (done.length < moves.length) {
			for (const m of done.reverse()) board.assign(m.unit, m.from);
			return;
		}
	}
}

interface Attempt {
	board: Board;
	inherent: Inherent[];
	empty: number;
	excess: number;
}

function attempt(p: Prepared, rng: Rng): Attempt {
	const board = new Board(p);
	const inherent: Inherent[] = [];
	const slotKinds = kinds(p.rules);
	const primaries: Unit[] = [];
	for (const s of p.states) {
		if (!s.instruments.length) continue;
		slotKinds.forEach((kind, slot) => {
			if (kind === 'own' && s.group === null) inherent.push({ state: s.code, instruments: s.instruments });
			else primaries.push(board.addUnit({ state: s.code, kind, slot, instruments: [s.instruments[0]], primary: true }));
		});
	}
	for (const u of orderUnits(rng, primaries)) board.draw(u, rng);
	for (const u of primaries) if (!u.reviewer) fill(board, u, rng);

	// The State's other instruments: its reviewers go on where party; an additional draw elsewhere.
	const extras: Unit[] = [];
	for (const u of primaries) {
		for (const j of board.instrumentsOf(u.state).slice(1)) {
			if (u.reviewer && p.parties.get(j)?.has(u.reviewer)) u.instruments.push(j);
			else extras.push(board.addUnit({ state: u.state, kind: u.kind, slot: u.slot, instruments: [j], primary: false }));
		}
		u.fixed = true;
	}
	for (const u of orderUnits(rng, extras)) {
		// an earlier additional draw of the same slot may cover this instrument too
		const chain = board.chains.get(`${u.state}|${u.slot}`)!;
		const reuse = chain.find((c) => !c.primary && c !== u && c.reviewer && p.parties.get(u.instruments[0])?.has(c.reviewer));
		if (reuse && !reuse.instruments.includes(u.instruments[0])) {
			reuse.instruments.push(u.instruments[0]);
			reuse.instruments.sort(instrumentOrder(p.parties));
			board.units.splice(board.units.indexOf(u), 1);
			chain.splice(chain.indexOf(u), 1);
			continue;
		}
		board.draw(u, rng);
	}
	for (const u of board.units) if (!u.reviewer) fill(board, u, rng);
	for (const u of board.units) u.fixed = true;
	balance(board, rng);
	const { max, min } = board.spread();
	return { board, inherent, empty: board.units.filter((u) => !u.reviewer).length, excess: Math.max(0, max - min - 1) };
}

// ——— what the draw says ———

const KIND_RULE: Record<Kind, Rule> = { own: 'one_from_own_group', other: 'reviewers_per_instrument', any: 'reviewers_per_instrument' };

function groupName(g: string | null | undefined): string {
	return g ?? 'no group';
}

/** Why an empty slot stayed empty: each candidate's blocker, counted, in the rules' own names. */
function explain(board: Board, u: Unit, instrument: string): string {
	const s = u.state;
	const g = board.p.group.get(s) ?? null;
	const where = u.kind === 'own' ? `in its own group (${groupName(g)})` : u.kind === 'other' ? `outside its group (${groupName(g)})` : '';
	const slot = u.kind === 'own' ? `from its own group (${groupName(g)})` : u.kind === 'other' ? 'from another group' : `(reviewer ${u.slot + 1})`;
	const head = `no reviewer ${slot} for ${s}'s review of ${instrument}`;
	if (!u.candidates.length) return `${head}: there is no other party to ${instrument} ${where}`.trimEnd();
	const counts = new Map<Blocker, string[]>();
	for (const r of u.candidates) {
		const b = board.why(u, r) ?? 'reviewing';
		counts.set(b, [...(counts.get(b) ?? []), r]);
	}
	const { rules } = board.p;
	const text: Record<Blocker, (n: number, codes: string) => string> = {
		self: () => '',
		group: () => '',
		party: (n, c) => `${n} not party to all the instruments this reviewer would cover (${c})`,
		coverage: (n, c) => `${n} party to an instrument another draw covers (reuse_reviewers: ${c})`,
		excluded: (n, c) => `${n} replaced at ${s}'s request (${c})`,
		reviewing: (n, c) => `${n} already reviewing ${s} (distinct_reviewers: ${c})`,
		mutual: (n, c) => `${n} reviewed by ${s} (mutual_reviews is false: ${c})`,
		'reviewer-cap': (n, c) => `${n} at max_reviews_per_reviewer (${rules.maxReviewsPerReviewer}: ${c})`,
		'state-cap': (n, c) => `${n} would be more than max_reviewers_per_state (${rules.maxReviewersPerState}) reviewing States for ${s} (${c})`
	};
	const parts = [...counts].map(([b, codes]) => text[b](codes.length, codes.slice(0, 8).join(', ') + (codes.length > 8 ? '…' : ''))).filter(Boolean);
	const n = u.candidates.length;
	return `${head}: the ${n} other ${n === 1 ? 'party' : 'parties'} to ${instrument} ${where} cannot take it — ${parts.join('; ')}`.replace(/ {2,}/g, ' ');
}

function loadProblem(p: Prepared, load: Record<string, number>): Problem | null {
	if (!p.pool.length) return null;
	const values = p.pool.map((r) => load[r] ?? 0);
	const max = Math.max(...values);
	const min = Math.min(...values);
	if (max - min <= 1) return null;
	const at = (n: number) => p.pool.filter((r) => (load[r] ?? 0) === n);
	const list = (codes: string[]) => codes.slice(0, 10).join(', ') + (codes.length > 10 ? ` and ${codes.length - 10} more` : '');
	return {
		rule: 'even_load',
		state: at(max)[0],
		instrument: null,
		message: `the load could not be spread within one review of each other under the other rules: ${max} reviews for ${list(at(max))}, ${min} for ${list(at(min))}`
	};
}

function sortProblems(list: Problem[]): Problem[] {
	return list.sort((a, b) => byCode(a.state, b.state) || byCode(a.instrument ?? '', b.instrument ?? '') || byCode(a.rule, b.rule) || byCode(a.message, b.message));
}

function loads(p: Prepared, assignments: Assignment[]): Record<string, number> {
	const reviewed = new Map<string, Set<string>>(p.pool.map((r) => [r, new Set()]));
	for (const a of assignments) for (const r of a.reviewers) (reviewed.get(r) ?? reviewed.set(r, new Set()).get(r)!).add(a.state);
	return Object.fromEntries([...reviewed].sort(([a], [b]) => byCode(a, b)).map(([r, s]) => [r, s.size]));
}

function result(p: Prepared, a: Attempt): DrawResult {
	const { board } = a;
	const assignments: Assignment[] = [];
	const problems: Problem[] = [];
	for (const s of p.states) {
		const units = board.units.filter((u) => u.state === s.code).sort((x, y) => x.slot - y.slot);
		for (const i of s.instruments) {
			const reviewers = units.filter((u) => u.reviewer && u.instruments.includes(i)).map((u) => u.reviewer!);
			assignments.push({ state: s.code, instrument: i, reviewers });
		}
	}
	for (const x of a.inherent) {
		for (const i of x.instruments) {
			problems.push({
				rule: 'one_from_own_group',
				state: x.state,
				instrument: i,
				message: `${x.state} belongs to no UN regional group on the date: no reviewer can be drawn from its own group for ${i}; that slot is left empty rather than filled from another group`
			});
		}
	}
	for (const u of board.units) {
		if (u.reviewer) continue;
		for (const i of u.instruments) problems.push({ rule: KIND_RULE[u.kind], state: u.state, instrument: i, message: explain(board, u, i) });
	}
	const load = loads(p, assignments);
	const uneven = loadProblem(p, load);
	if (uneven) problems.push(uneven);
	return { algorithm: ALGORITHM, seed: p.seed, assignments, problems: sortProblems(problems), load };
}

const ATTEMPTS = 12;

/** Draws the reviewers of every State under review. */
export function draw(input: DrawInput): DrawResult {
	const p = prepare(input);
	const rng = rngFor(`${ALGORITHM}|draw|${p.seed}`);
	let best: Attempt | null = null;
	for (let n = 0; n < ATTEMPTS; n++) {
		const a = attempt(p, rng);
		if (!best || a.empty < best.empty || (a.empty === best.empty && a.excess < best.excess)) best = a;
		if (best.empty === 0 && best.excess === 0) break;
	}
	return result(p, best!);
}

// ——— a reviewer drawn again ———

export interface RedrawRequest {
	state: string;
	instrument: string;
	/** The reviewer the State under review asked to have replaced. */
	reviewer: string;
	reason: string;
	/** How many redraws this State has had in the cycle. */
	redrawsSoFar: number;
	/** The most it may have (max_redraws); null: no limit. */
	maxRedraws: number | null;
	/** Reviewers replaced earlier for this State: never drawn for it again. */
	excluded?: string[];
}

export type RedrawOutcome =
	| {
			ok: true;
			result: DrawResult;
			replaced: string;
			replacement: string;
			/** The instruments the replacement reviews for the State (all those the replaced one did). */
			instruments: string[];
			/** Additional draws made needless because the replacement is party to their instrument too. */
			released: { instrument: string; reviewer: string }[];
	  }
	| { ok: false; reason: string };

/**
 * Replaces one reviewer of one State under review wherever it reviews that State (a reviewer is
 * one reviewing State for all the instruments it covers), under the same rules, never with a
 * reviewer replaced before. Deterministic from the seed, the State, the instrument and the
 * number of redraws so far.
 */
export function redraw(input: DrawInput, previous: DrawResult, req: RedrawRequest): RedrawOutcome {
	const { state: s, instrument, reviewer: old } = req;
	if (req.maxRedraws !== null && req.redrawsSoFar >= req.maxRedraws) {
		return {
			ok: false,
			reason: `${s} has had ${req.redrawsSoFar} redraw${req.redrawsSoFar === 1 ? '' : 's'} in this cycle, the most the mechanism allows (max_redraws: ${req.maxRedraws})`
		};
	}
	if (!req.reason.trim()) return { ok: false, reason: 'a redraw needs the reason the State under review gave' };
	const p = prepare({ ...input, seed: previous.seed });
	const st = p.states.find((x) => x.code === s);
	if (!st) return { ok: false, reason: `${s} is not under review in this draw` };
	const mine = previous.assignments.filter((a) => a.state === s);
	if (!mine.some((a) => a.instrument === instrument && a.reviewers.includes(old))) {
		return { ok: false, reason: `${old} does not review ${s} for ${instrument} in this draw` };
	}

	// The draw as a board: one unit per State and reviewer, with the instruments it covers.
	const board = new Board(p, new Set([old, ...(req.excluded ?? [])].map((r) => `${s}|${r}`)));
	let target: Unit | null = null;
	for (const st2 of p.states) {
		const as = previous.assignments.filter((a) => a.state === st2.code);
		const byReviewer = new Map<string, string[]>();
		for (const a of as) for (const r of a.reviewers) byReviewer.set(r, [...(byReviewer.get(r) ?? []), a.instrument]);
		let slot = 0;
		for (const [r, covered] of byReviewer) {
			const kind: Kind = !p.rules.oneFromOwnGroup ? 'any' : sameGroup(p.group.get(r), st2.group) ? 'own' : 'other';
			const ordered = covered.sort(instrumentOrder(p.parties));
			const u = board.addUnit({ state: st2.code, kind, slot: slot++, instruments: ordered, primary: ordered[0] === st2.instruments[0] });
			board.assign(u, r);
			if (st2.code === s && r === old) target = u;
		}
	}
	const u = target!;
	// Any reviewer of the right group party to every instrument the replaced one covered; one
	// that is party to more of the State's instruments takes those over from their additional draws.
	u.candidates = p.pool.filter((r) => r !== s && (u.kind === 'any' || (u.kind === 'own') === sameGroup(p.group.get(r), st.group)));
	const rng = rngFor(`${ALGORITHM}|redraw|${previous.seed}|${s}|${instrument}|${req.redrawsSoFar}`);
	let best = Infinity;
	let picks: string[] = [];
	for (const r of u.candidates) {
		if (r === old || board.why(u, r)) continue;
		const l = board.load(r);
		if (l < best) [best, picks] = [l, [r]];
		else if (l === best) picks.push(r);
	}
	if (!picks.length) {
		board.unassign(u);
		return { ok: false, reason: `no other reviewer can replace ${old} for ${s}: ${explain(board, u, u.instruments.join(' and '))}` };
	}
	const y = pick(rng, picks);
	board.assign(u, y);
	const released: { instrument: string; reviewer: string }[] = [];
	const takenOver: string[] = [];
	if (u.primary) {
		for (const j of st.instruments) {
			if (u.instruments.includes(j) || !p.parties.get(j)?.has(y)) continue;
			// the additional draw of the same slot that covered j is no longer needed
			// (or the slot that stayed empty for j is filled by it)
			const extra = board.units.find((x) => x !== u && x.state === s && x.kind === u.kind && x.instruments.includes(j) && !x.primary);
			if (extra) {
				released.push({ instrument: j, reviewer: extra.reviewer! });
				extra.instruments = extra.instruments.filter((k) => k !== j);
				if (!extra.instruments.length) board.unassign(extra);
			} else takenOver.push(j);
			u.instruments.push(j);
		}
	}
	const assignments = previous.assignments.map((a) => {
		if (a.state !== s) return a;
		const gone = new Set(released.filter((x) => x.instrument === a.instrument).map((x) => x.reviewer));
		let reviewers = a.reviewers.filter((r) => !gone.has(r)).map((r) => (r === old ? y : r));
		if (u.instruments.includes(a.instrument) && !reviewers.includes(y)) {
			reviewers = u.kind === 'own' ? [y, ...reviewers] : [...reviewers, y];
		}
		return { ...a, reviewers };
	});
	const load = loads(p, assignments);
	// a slot left empty for an instrument the replacement took over is no longer a problem (one per instrument)
	const filled = new Set(takenOver.map((i) => `${KIND_RULE[u.kind]}|${s}|${i}`));
	const problems = previous.problems.filter((x) => {
		const key = `${x.rule}|${x.state}|${x.instrument}`;
		return x.rule !== 'even_load' && !filled.delete(key);
	});
	const uneven = loadProblem(p, load);
	if (uneven) problems.push(uneven);
	return {
		ok: true,
		result: { ...previous, assignments, problems: sortProblems(problems), load },
		replaced: old,
		replacement: y,
		instruments: [...u.instruments].sort(instrumentOrder(p.parties)),
		released
	};
}

// ——— an independent check ———

/**
 * Every rule a draw's result breaks, found from the input and the result alone (not from how
 * `draw` works): used by the tests and by the command before it writes a draw.
 */
export function check(input: DrawInput, res: DrawResult): Problem[] {
	const out: Problem[] = [];
	const rules = input.rules;
	const partyTo = new Map<string, Set<string>>();
	const groupOf = new Map<string, string | null>();
	for (const [slug, list] of Object.entries(input.parties)) {
		partyTo.set(slug, new Set(list.map((x) => x.code)));
		for (const x of list) if (!groupOf.has(x.code) || groupOf.get(x.code) === null) groupOf.set(x.code, x.group);
	}
	for (const s of input.underReview) groupOf.set(s.code, s.group);
	const same = (a: string, b: string) => {
		const ga = groupOf.get(a) ?? null;
		return ga !== null && ga === (groupOf.get(b) ?? null);
	};
	const isParty = (code: string, slug: string) => partyTo.get(slug)?.has(code) ?? false;
	const expected = new Map<string, Set<string>>();
	for (const s of input.underReview) {
		const set = expected.get(s.code) ?? new Set();
		for (const i of s.instruments) set.add(i);
		expected.set(s.code, set);
	}

	const given = new Map<string, string[]>();
	for (const a of res.assignments) {
		const key = `${a.state}|${a.instrument}`;
		if (!expected.get(a.state)?.has(a.instrument)) {
			out.push({ rule: 'assignments', state: a.state, instrument: a.instrument, message: `${a.state} is not under review for ${a.instrument}` });
			continue;
		}
		if (given.has(key)) {
			out.push({ rule: 'assignments', state: a.state, instrument: a.instrument, message: `${a.state} has two assignments for ${a.instrument}` });
			continue;
		}
		given.set(key, a.reviewers);
	}

	const reviewersOfState = new Map<string, Set<string>>();
	const statesOfReviewer = new Map<string, Set<string>>();
	for (const [s, instruments] of expected) {
		for (const i of instruments) {
			const reviewers = given.get(`${s}|${i}`) ?? [];
			const at = { state: s, instrument: i };
			for (const r of reviewers) {
				if (r === s) out.push({ rule: 'no_self_review', ...at, message: `${s} reviews itself for ${i}` });
				if (!isParty(r, i)) out.push({ rule: 'reviewer_party_to_instrument', ...at, message: `${r} reviews ${s} for ${i} but is not party to it` });
				(reviewersOfState.get(s) ?? reviewersOfState.set(s, new Set()).get(s)!).add(r);
				(statesOfReviewer.get(r) ?? statesOfReviewer.set(r, new Set()).get(r)!).add(s);
			}
			if (new Set(reviewers).size !== reviewers.length) out.push({ rule: 'distinct_reviewers', ...at, message: `a reviewer is named twice for ${s}'s review of ${i}` });
			const n = rules.reviewersPerInstrument;
			if (rules.oneFromOwnGroup && n > 0) {
				const own = reviewers.filter((r) => same(r, s));
				const others = reviewers.length - own.length;
				if (own.length !== 1) out.push({ rule: 'one_from_own_group', ...at, message: `${s}'s review of ${i} has ${own.length} reviewers from its own group, not 1` });
				else if (reviewers[0] !== own[0]) out.push({ rule: 'one_from_own_group', ...at, message: `${s}'s own-group reviewer for ${i} is not listed first` });
				if (others !== n - 1) out.push({ rule: 'reviewers_per_instrument', ...at, message: `${s}'s review of ${i} has ${others} reviewers from other groups, not ${n - 1}` });
			} else if (reviewers.length !== n) {
				out.push({ rule: 'reviewers_per_instrument', ...at, message: `${s}'s review of ${i} has ${reviewers.length} reviewers, not ${n}` });
			}
		}
		// A reviewer of the State's first instrument (most parties, then by slug) goes on to every
		// other instrument it is party to: an additional draw only where it is not.
		const order = [...instruments].sort((a, b) => (partyTo.get(b)?.size ?? 0) - (partyTo.get(a)?.size ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
		const first = given.get(`${s}|${order[0]}`) ?? [];
		for (const j of order.slice(1)) {
			const later = given.get(`${s}|${j}`) ?? [];
			for (const r of first) {
				if (isParty(r, j) && !later.includes(r)) {
					out.push({ rule: 'reuse_reviewers', state: s, instrument: j, message: `${r} reviews ${s} for ${order[0]} and is party to ${j}, but does not review it for ${j}` });
				}
			}
		}
		const count = reviewersOfState.get(s)?.size ?? 0;
		if (rules.maxReviewersPerState !== null && count > rules.maxReviewersPerState) {
			out.push({ rule: 'max_reviewers_per_state', state: s, instrument: null, message: `${s} has ${count} reviewing States, more than ${rules.maxReviewersPerState}` });
		}
	}
	if (!rules.mutualReviews) {
		for (const [s, reviewers] of reviewersOfState) {
			for (const r of reviewers) {
				if (reviewersOfState.get(r)?.has(s)) out.push({ rule: 'mutual_reviews', state: s, instrument: null, message: `${r} reviews ${s} and ${s} reviews ${r}` });
			}
		}
	}
	const pool = [...new Set([...partyTo.values()].flatMap((x) => [...x]))].sort();
	for (const r of pool) {
		const n = statesOfReviewer.get(r)?.size ?? 0;
		if (rules.maxReviewsPerReviewer !== null && n > rules.maxReviewsPerReviewer) {
			out.push({ rule: 'max_reviews_per_reviewer', state: r, instrument: null, message: `${r} reviews ${n} States, more than ${rules.maxReviewsPerReviewer}` });
		}
		if ((res.load[r] ?? 0) !== n) out.push({ rule: 'assignments', state: r, instrument: null, message: `the load of ${r} is given as ${res.load[r] ?? 0}, but it reviews ${n} States` });
	}
	if (pool.length) {
		const counts = pool.map((r) => statesOfReviewer.get(r)?.size ?? 0);
		const max = Math.max(...counts);
		const min = Math.min(...counts);
		if (max - min > 1) {
			out.push({ rule: 'even_load', state: pool[counts.indexOf(max)], instrument: null, message: `the load ranges from ${min} to ${max} reviews` });
		}
	}
	return out;
}

/** The violations `check` finds that the draw did not report (matched by rule, State and instrument). */
export function unreported(found: Problem[], reported: Problem[]): Problem[] {
	const keys = new Set(reported.map((p) => `${p.rule}|${p.state}|${p.instrument ?? ''}`));
	return found.filter((p) => !keys.has(`${p.rule}|${p.state}|${p.instrument ?? ''}`));
}

// ——— start groups by lot ———

/**
 * The States under review split by lot into the cycle's start groups, in proportion to the
 * groups' sizes (62, 63, 64 in the real first cycle): reproducible from the draw's seed.
 */
export function startGroups(states: string[], seed: number, groups: { n: number; size: number }[]): Map<string, number> {
	const rng = rngFor(`${ALGORITHM}|start-groups|${seed}`);
	const order = [...new Set(states)].sort();
	for (let i = order.length - 1; i > 0; i--) {
		const j = Math.floor(rng() * (i + 1));
		[order[i], order[j]] = [order[j], order[i]];
	}
	const total = groups.reduce((n, g) => n + g.size, 0);
	const out = new Map<string, number>();
	let from = 0;
	let share = 0;
	for (const [k, g] of groups.entries()) {
		share += g.size;
		// cumulative rounding: the group sizes add up to the number of States
		const to = k === groups.length - 1 ? order.length : Math.round((order.length * share) / total);
		for (const code of order.slice(from, to)) out.set(code, g.n);
		from = to;
	}
	return out;
}
