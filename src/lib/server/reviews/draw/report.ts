// What a draw says about itself: why an empty slot stayed empty (each candidate's blocker, in
// the rules' own names), whether the load is uneven, the load per reviewer, the problems sorted.
import type { Assignment, Problem, Rule } from './types';
import { byCode, type Board, type Blocker, type Kind, type Prepared, type Unit } from './board';

export const KIND_RULE: Record<Kind, Rule> = { own: 'one_from_own_group', other: 'reviewers_per_instrument', any: 'reviewers_per_instrument' };

export function groupName(g: string | null | undefined): string {
	return g ?? 'no group';
}

/** Why an empty slot stayed empty: each candidate's blocker, counted, in the rules' own names. */
export function explain(board: Board, u: Unit, instrument: string): string {
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

export function loadProblem(p: Prepared, load: Record<string, number>): Problem | null {
	if (!p.evenPool.length) return null;
	const values = p.evenPool.map((r) => load[r] ?? 0);
	const max = Math.max(...values);
	const min = Math.min(...values);
	if (max - min <= 1) return null;
	const at = (n: number) => p.evenPool.filter((r) => (load[r] ?? 0) === n);
	const list = (codes: string[]) => codes.slice(0, 10).join(', ') + (codes.length > 10 ? ` and ${codes.length - 10} more` : '');
	return {
		rule: 'even_load',
		state: at(max)[0],
		instrument: null,
		message: `the load could not be spread within one review of each other under the other rules: ${max} reviews for ${list(at(max))}, ${min} for ${list(at(min))}`
	};
}

export function sortProblems(list: Problem[]): Problem[] {
	return list.sort((a, b) => byCode(a.state, b.state) || byCode(a.instrument ?? '', b.instrument ?? '') || byCode(a.rule, b.rule) || byCode(a.message, b.message));
}

export function loads(p: Prepared, assignments: Assignment[]): Record<string, number> {
	const reviewed = new Map<string, Set<string>>(p.pool.map((r) => [r, new Set()]));
	for (const a of assignments) for (const r of a.reviewers) (reviewed.get(r) ?? reviewed.set(r, new Set()).get(r)!).add(a.state);
	return Object.fromEntries([...reviewed].sort(([a], [b]) => byCode(a, b)).map(([r, s]) => [r, s.size]));
}
