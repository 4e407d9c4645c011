// A review's public side: what anyone reads once it is published — its State, instruments,
// cluster and reviewing States, the stages it went through with their days, the summary of the
// list of observations and the recommendations with their follow-up. Made field by field from
// the review (never the review itself), so nothing of its private work — answers, evidence,
// comments, questions, people, agreements, the other observations — can reach the page, its
// __data.json or the API. Whether the review is public is `can(who, 'review.read-published')`.
import type { Db } from '../db';
import { can, type Someone } from '../accounts/permissions';
import * as stages from '../../review/stages';
import type { FollowUp } from '../../review/labels';
import * as reviews from './reviews';

export interface PublicReview {
	id: number;
	state: { code: string; name: string };
	mechanism: { id: string; title: string; shortTitle: string };
	cycle: { id: string; title: string; draftNote: string | null };
	cluster: { n: number; title: string };
	instruments: { slug: string; title: string }[];
	reviewers: { instrument: string; instrumentTitle: string; codes: string[]; names: string[] }[];
	/** Every stage in order, with the day it was reached. */
	timeline: { stage: stages.Stage; label: string; on: string | null }[];
	published: string | null;
	/** Null when the mechanism does not publish summaries (its `publish_summaries` setting). */
	summary: string | null;
	summaryShown: boolean;
	recommendations: { instrument: string; instrumentTitle: string; article: string; articleTitle: string | null; text: string; followUp: FollowUp | null; followUpOn: string | null }[];
}

/** The public side of a review, taken from the whole review. */
export function publicSide(review: reviews.Review): PublicReview {
	const summaryShown = review.mechanism.settings.publish_summaries?.value === true;
	return {
		id: review.id,
		state: { code: review.state.code, name: review.state.name },
		mechanism: { id: review.mechanism.id, title: review.mechanism.title, shortTitle: review.mechanism.shortTitle },
		cycle: { id: review.cycle.id, title: review.cycle.title, draftNote: review.cycle.draft ? review.cycle.draftNote : null },
		cluster: { n: review.cluster.n, title: review.cluster.title },
		instruments: review.reviewers.map((r) => ({ slug: r.instrument, title: r.instrumentTitle })),
		reviewers: review.reviewers.map((r) => ({ instrument: r.instrument, instrumentTitle: r.instrumentTitle, codes: [...r.codes], names: [...r.names] })),
		timeline: stages.STAGES.map((s) => ({ stage: s, label: stages.STAGE_LABELS[s], on: review.reached[s] ?? null })),
		published: review.reached.published ?? null,
		summary: summaryShown ? review.summary : null,
		summaryShown,
		recommendations: review.items.flatMap((i) =>
			i.observations
				.filter((o) => o.kind === 'recommendation')
				.map((o) => ({
					instrument: i.instrument,
					instrumentTitle: i.instrumentTitle,
					article: i.article,
					articleTitle: i.articleTitle,
					text: o.text,
					followUp: (o.followUp as FollowUp | null) ?? null,
					followUpOn: o.followUpOn
				}))
		)
	};
}

/**
 * The published review `id` as anyone may read it, or null: there is none, it is not published
 * (for the public it does not exist), or it was not yet published on `asOf`.
 */
export async function find(db: Db, id: number, opts: { who: Someone | null; asOf?: string }): Promise<PublicReview | null> {
	const review = await reviews.get(db, id);
	if (!review || !can(opts.who, 'review.read-published', { stage: review.stage })) return null;
	const side = publicSide(review);
	if (opts.asOf && (!side.published || side.published > opts.asOf)) return null;
	return side;
}

/** Every published review, newest publication first: the list, the API and the feed. */
export async function list(db: Db, opts: { asOf?: string } = {}): Promise<PublicReview[]> {
	const ids = (await db.selectFrom('reviews').select('id').where('stage', 'in', ['published']).orderBy('id').execute()).map((r) => r.id);
	const out: PublicReview[] = [];
	for (const id of ids) {
		const side = await find(db, id, { who: null, asOf: opts.asOf });
		if (side) out.push(side);
	}
	return out.sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '') || a.state.name.localeCompare(b.state.name));
}
