// The States under review split by lot into the cycle's start groups.
import { ALGORITHM } from './types';
import { rngFor } from './random';

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
