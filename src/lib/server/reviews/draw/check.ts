// An independent check of a draw: every rule its result breaks, found from the input and the
// result alone (not from how `draw` works). The command runs it before it writes a draw.
import type { DrawInput, DrawResult, Problem } from './types';

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
			// NO_GROUP_RULE: with no group recorded, the State's reviewers come from any group
			if (rules.oneFromOwnGroup && n > 0 && (groupOf.get(s) ?? null) !== null) {
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
	// even among the parties of the most widely joined instrument (a Protocol-only party may review fewer)
	const widest = [...partyTo.entries()].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0];
	const even = widest ? [...widest[1]].sort() : [];
	if (even.length) {
		const counts = even.map((r) => statesOfReviewer.get(r)?.size ?? 0);
		const max = Math.max(...counts);
		const min = Math.min(...counts);
		if (max - min > 1) {
			out.push({ rule: 'even_load', state: even[counts.indexOf(max)], instrument: null, message: `the load ranges from ${min} to ${max} reviews` });
		}
	}
	return out;
}

/** The violations `check` finds that the draw did not report (matched by rule, State and instrument). */
export function unreported(found: Problem[], reported: Problem[]): Problem[] {
	const keys = new Set(reported.map((p) => `${p.rule}|${p.state}|${p.instrument ?? ''}`));
	return found.filter((p) => !keys.has(`${p.rule}|${p.state}|${p.instrument ?? ''}`));
}
