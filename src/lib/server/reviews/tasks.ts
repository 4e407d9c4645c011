// What awaits a person in the reviews they take part in: each task with its review, what to do
// and by when — answering and clearing, replying to questions, commenting, drafting
// observations, agreeing, and for the secretariat the moves that can be made and what is late.
// Whose task it is follows from what the person is to the review (accounts/permissions'
// `relation`); a move is offered only when `can` and the stage rules allow it.
import type { Db } from '../db';
import { can, relation } from '../accounts/permissions';
import * as stages from '../../review/stages';
import * as progress from './progress';
import * as reviews from './reviews';
import { m } from '$lib/paraglide/messages';
import { number, stateName } from '$lib/i18n';

export interface Task {
	/** The review it is about; null for a task about a whole cycle. */
	review: number | null;
	/** Where it is done. */
	href: string;
	state: string;
	cluster: string;
	what: string;
	due: string | null;
	overdue: boolean;
}

export async function forPerson(db: Db, person: reviews.Person, today: string): Promise<Task[]> {
	const out: Task[] = [];
	for (const row of await reviews.list(db)) {
		if (row.stage === 'published') continue;
		const review = await reviews.readable(db, row.id, person);
		if (!review) continue;
		const facts = reviews.facts(review);
		const settings = reviews.stageSettings(review);
		const due = stages.deadlines(facts, settings);
		const late = new Set(stages.overdue(facts, settings, today).map((o) => o.stage));
		const state = stateName(review.state.code, review.state.name);
		const task = (what: string, stage: stages.Stage | null) =>
			out.push({ review: review.id, href: `/reviews/${review.id}`, state, cluster: review.cluster.title, what, due: stage ? due[stage] : null, overdue: stage ? late.has(stage) : false });
		const answering = reviews.answersOpen(facts.stage);
		const is = relation(person, review.parties);
		const underReview = is === 'focal-point-under-review';
		const reviewing = is === 'focal-point-reviewing';
		const expert = is === 'expert-reviewing';
		if (underReview && answering) {
			const left = facts.itemsTotal - facts.itemsAnswered;
			task(
				left
					? m.reviews_task_answer_items({ count: facts.itemsTotal, left: number(left), total: number(facts.itemsTotal) })
					: m.reviews_task_clear_self_assessment(),
				'self-assessment'
			);
		}
		if (underReview && facts.stage === 'self-assessment' && facts.openQuestions) task(m.reviews_task_answer_questions({ count: facts.openQuestions, shown: number(facts.openQuestions) }), 'feedback');
		if (reviewing && answering && !review.people.some((p) => p.role === 'expert' && p.participant === person.participant)) task(m.reviews_task_name_experts(), 'experts-named');
		if (expert && facts.stage === 'self-assessment') {
			const open = review.items.filter((i) => !i.comments.some((c) => c.kind !== 'answer')).length;
			if (open) task(m.reviews_task_comment_items({ count: open, shown: number(open) }), 'feedback');
		}
		if (expert && facts.stage === 'feedback') task(m.reviews_task_draft_observations(), 'observations');
		if ((underReview || reviewing) && facts.stage === 'observations') {
			const side = underReview ? 'underReview' : 'reviewers';
			if (!facts.agreedBy[side]) task(m.reviews_task_agree(), 'agreed');
		}
		if (can(person, 'reviews.manage')) {
			const to = stages.next(facts);
			if (to && progress.moveVerdict(review, person, { to }).ok) task(m.reviews_task_move_on({ stage: stages.stageLabel(to) }), to);
			// a review launched with nobody named waits on the secretariat (or the States) to name them
			else if (to === 'focal-point-named' && !facts.focalPointNamed) task(m.reviews_task_name_focal_point({ state }), to);
			else if (to === 'experts-named' && !facts.expertsNamed) {
				const names = new Map(review.reviewers.flatMap((g) => g.codes.map((c, k) => [c, g.names[k]] as const)));
				const missing = review.parties.reviewers.filter((code) => !review.people.some((p) => p.role === 'expert' && p.participant === code));
				task(m.reviews_task_name_experts_of({ states: missing.map((c) => stateName(c, names.get(c) ?? c)).join(m.reviews_list_separator()) }), to);
			} else if (late.size) task(m.reviews_task_overdue({ stages: [...late].map((s) => stages.stageLabel(s)).join(m.reviews_list_separator()) }), [...late][0]);
			if (facts.stage === 'feedback' && !facts.summaryDrafted && can(person, 'review.summarise', review.parties)) task(m.reviews_task_draft_summary(), 'observations');
		}
	}
	if (can(person, 'reviews.manage')) out.push(...(await toLaunch(db)));
	return out.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.due ?? '9999').localeCompare(b.due ?? '9999'));
}

/** The secretariat's: the States a cycle's draw gave reviewers whose review is not launched yet, per cycle. */
async function toLaunch(db: Db): Promise<Task[]> {
	const drawn = await db.selectFrom('review_reviewers').select(['cycle_id', 'state_code']).distinct().where('replaced_at', 'is', null).execute();
	const launched = new Set((await db.selectFrom('reviews').select(['cycle_id', 'state_code']).execute()).map((r) => `${r.cycle_id}|${r.state_code}`));
	const waiting = new Map<string, number>();
	for (const d of drawn) if (!launched.has(`${d.cycle_id}|${d.state_code}`)) waiting.set(d.cycle_id, (waiting.get(d.cycle_id) ?? 0) + 1);
	return [...waiting].map(([cycle, n]) => ({
		review: null,
		href: `/reviews/cycles/${cycle}`,
		state: m.reviews_task_states({ count: n, shown: number(n) }),
		cluster: cycle,
		what: m.reviews_task_launch({ count: n, shown: number(n), cycle }),
		due: null,
		overdue: false
	}));
}
