import { isStage, STAGE_LABELS } from '../../review/stages';
import type { ObservationKind } from '../../review/labels';
// What a country review's report says, as plain data: the page, the printable view and the
// Word document are all made from this one shape.
export interface ReportItem {
	instrument: string;
	/** "Trafficking in Persons Protocol" */
	instrumentTitle: string;
	article: string;
	articleTitle: string | null;
	answer: { text: string; status: string | null; legislation: { title: string; article: string | null; link: string | null }[] } | null;
	observations: { kind: ObservationKind; text: string }[];
}

export interface ReportData {
	mechanism: string;
	cycle: string;
	cluster: { n: number; title: string };
	state: { code: string; name: string };
	reviewers: { instrument: string; instrumentTitle: string; codes: string[]; names: string[] }[];
	stage: string;
	launchedOn: string | null;
	/** ISO day each stage was reached */
	reached: Record<string, string>;
	summary: string | null;
	items: ReportItem[];
	/** "Draft configuration: …" when the cycle is a draft */
	draftNote: string | null;
	generatedOn: string;
}

export { OBSERVATION_LABELS } from '../../review/labels';

/** The report of a review, as it stands. */
export function reportData(review: import('./reviews').Review, generatedOn: string): ReportData {
	return {
		mechanism: review.mechanism.title,
		cycle: review.cycle.id,
		cluster: { n: review.cluster.n, title: review.cluster.title },
		state: review.state,
		reviewers: review.reviewers,
		stage: isStage(review.stage) ? STAGE_LABELS[review.stage] : review.stage,
		launchedOn: review.launchedOn,
		reached: review.reached,
		summary: review.summary,
		items: review.items.map((i) => ({
			instrument: i.instrument,
			instrumentTitle: i.instrumentTitle,
			article: i.article,
			articleTitle: i.articleTitle,
			answer: i.answer ? { text: i.answer.text, status: i.answer.status, legislation: i.answer.legislation } : null,
			observations: i.observations.map((o) => ({ kind: o.kind, text: o.text }))
		})),
		draftNote: review.cycle.draft ? review.cycle.draftNote : null,
		generatedOn
	};
}
