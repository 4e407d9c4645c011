// What a draw takes and gives: the States under review, the parties to each instrument with
// their UN regional groups and the rules in; the assignments, the problems and the load out.
// The rules' names are the mechanism's settings where there is one.

export const ALGORITHM = 'tt-draw-1';

/**
 * The rule for a State the source places in no UN regional group (the Cook Islands, Niue, the
 * Holy See; the State of Palestine where the groups file does not list it): no source says where
 * the mechanism places them (data/raw/transcribed_2026_12/un_regional_groups_and_irm_placement,
 * last row), so none is invented. `one_from_own_group` cannot apply to a State with no group:
 * its reviewers are all drawn from any group, and every other rule holds. As reviewers, such
 * States are "another group" to everyone. The draw's output states it for each such State.
 */
export const NO_GROUP_RULE =
	'no UN regional group recorded: one_from_own_group does not apply, so its reviewers are drawn from any group (every other rule holds); as a reviewer it counts as another group for every State';

export interface DrawParty {
	code: string;
	/** Its UN regional group on the date; null: none recorded (the Cook Islands, Niue): NO_GROUP_RULE. */
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
