// A reviewer drawn again at the request of the State under review (resolution 9/1: a State may
// ask, for a reason, up to max_redraws times): one reviewer replaced under the same rules,
// deterministic from the draw's seed, the State, the instrument and the redraws so far.
import { ALGORITHM, type DrawInput, type DrawResult } from './types';
import { Board, instrumentOrder, prepare, sameGroup, type Kind, type Unit } from './board';
import { pick, rngFor } from './random';
import { explain, KIND_RULE, loadProblem, loads, sortProblems } from './report';
import { m } from '$lib/paraglide/messages';
import { number } from '$lib/i18n';

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
			reason: m.reviews_redraw_refused_max({ state: s, count: req.redrawsSoFar, shown: number(req.redrawsSoFar), max: number(req.maxRedraws) })
		};
	}
	if (!req.reason.trim()) return { ok: false, reason: m.reviews_redraw_refused_reason() };
	const p = prepare({ ...input, seed: previous.seed });
	const st = p.states.find((x) => x.code === s);
	if (!st) return { ok: false, reason: m.reviews_redraw_refused_not_under_review({ state: s }) };
	const mine = previous.assignments.filter((a) => a.state === s);
	if (!mine.some((a) => a.instrument === instrument && a.reviewers.includes(old))) {
		return { ok: false, reason: m.reviews_redraw_refused_not_reviewer({ reviewer: old, state: s, instrument }) };
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
		return { ok: false, reason: m.reviews_redraw_refused_no_other({ reviewer: old, state: s, why: explain(board, u, u.instruments.join(' and ')) }) };
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
