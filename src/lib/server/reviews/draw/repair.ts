// The two repairs after a first pass: an empty slot whose candidates are all blocked by the
// mutual ban or a cap is filled by moving one of the blocking reviews elsewhere (`fill`), and
// loads are evened out along chains of moves from the busiest reviewers (`balance`).
import type { Board, Unit } from './board';
import { shuffle, type Rng } from './random';

/**
 * An empty slot whose candidates are blocked by the mutual ban or a reviewer's cap: move the
 * blocking review to someone else, then fill the slot.
 */
export function fill(board: Board, u: Unit, rng: Rng): boolean {
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
export function balance(board: Board, rng: Rng) {
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
