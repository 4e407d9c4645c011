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
// the eligible reviewers with the fewest reviews so far, at random among equals (random.ts).
// Then the two repairs (repair.ts). Up to twelve attempts; the first that meets every rule it
// can is kept, else the best.
import { ALGORITHM, type Assignment, type DrawInput, type DrawResult, type Problem } from './types';
import { Board, instrumentOrder, kinds, prepare, type Prepared, type Unit } from './board';
import { rngFor, shuffle, type Rng } from './random';
import { balance, fill } from './repair';
import { explain, KIND_RULE, loadProblem, loads, sortProblems } from './report';

function orderUnits(rng: Rng, units: Unit[]): Unit[] {
	// Scarcest pools first; at random among equals.
	const phase = (u: Unit) => (u.kind === 'own' ? 0 : 1);
	return shuffle(rng, units).sort((a, b) => phase(a) - phase(b) || a.candidates.length - b.candidates.length);
}

interface Attempt {
	board: Board;
	empty: number;
	excess: number;
}

function attempt(p: Prepared, rng: Rng): Attempt {
	const board = new Board(p);
	const slotKinds = kinds(p.rules);
	const primaries: Unit[] = [];
	for (const s of p.states) {
		if (!s.instruments.length) continue;
		slotKinds.forEach((kind, slot) => {
			// NO_GROUP_RULE: a State with no regional group recorded has no own group to draw from,
			// so that slot is drawn from any group (the rule the draw states in its output).
			primaries.push(board.addUnit({ state: s.code, kind: kind === 'own' && s.group === null ? 'any' : kind, slot, instruments: [s.instruments[0]], primary: true }));
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
	return { board, empty: board.units.filter((u) => !u.reviewer).length, excess: Math.max(0, max - min - 1) };
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
