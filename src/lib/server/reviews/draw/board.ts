// The input sorted, and the board a draw is made on: slots (units) per State under review, who
// fills each, and why a reviewer may not fill one (`why`, in the rules' own terms). Every draw,
// repair and redraw moves reviewers on a board, so the rules are checked in one place.
import type { DrawInput, DrawRules } from './types';
import { DrawError } from './types';
import { pick, type Rng } from './random';

// ——— the input, sorted ———

export interface Prepared {
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
	/**
	 * The reviewers the load is spread evenly among: those party to the instrument with most parties
	 * (the Convention). A State party only to a Protocol may take only that Protocol's reviews, few
	 * where most States review both; it may review fewer, never more.
	 */
	evenPool: string[];
	/** state → its instruments in draw order */
	instrumentsOf: Map<string, string[]>;
}

export const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order a State's instruments are drawn in: most parties first, then by slug. */
export function instrumentOrder(parties: Map<string, Set<string>>) {
	return (a: string, b: string) => (parties.get(b)?.size ?? 0) - (parties.get(a)?.size ?? 0) || byCode(a, b);
}

/** The parties of the instrument with most parties (then by slug): those the load is spread evenly among. */
export function evenPool(parties: Map<string, Set<string>>): string[] {
	const widest = [...parties.keys()].sort(instrumentOrder(parties))[0];
	return widest ? [...(parties.get(widest) ?? [])].sort(byCode) : [];
}

export function prepare(input: DrawInput): Prepared {
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
	return { seed: input.seed, rules: r, states, group, parties, partyList, pool, evenPool: evenPool(parties), instrumentsOf };
}

// ——— the board: slots and who fills them ———

export type Kind = 'own' | 'other' | 'any';

export interface Unit {
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

export type Blocker = 'self' | 'group' | 'party' | 'coverage' | 'excluded' | 'reviewing' | 'mutual' | 'reviewer-cap' | 'state-cap';

export function sameGroup(a: string | null | undefined, b: string | null | undefined): boolean {
	return a != null && b != null && a === b;
}

export function kinds(rules: DrawRules): Kind[] {
	const n = rules.reviewersPerInstrument;
	if (n <= 0) return [];
	return rules.oneFromOwnGroup ? ['own', ...Array<Kind>(n - 1).fill('other')] : Array<Kind>(n).fill('any');
}

export class Board {
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
		for (const r of this.p.evenPool) {
			const l = this.load(r);
			if (l > max) max = l;
			if (l < min) min = l;
		}
		return this.p.evenPool.length ? { max, min } : { max: 0, min: 0 };
	}
}

