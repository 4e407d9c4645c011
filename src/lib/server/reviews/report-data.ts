import { isStage, stageLabel } from '../../review/stages';
import type { ObservationKind } from '../../review/labels';
import { instrumentName, stateName, type Locale } from '$lib/i18n';
// What a country review's report says, as plain data: the page, the printable view and the
// Word document are all made from this one shape, in the review's working language (its names
// and labels here; the words around them where each is written).
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
	/** The review's working language, the report's (English when not given). */
	language?: Locale;
}

export { OBSERVATION_LABELS } from '../../review/labels';

/** The report of a review, as it stands, in its working language. */
export function reportData(review: import('./reviews').Review, generatedOn: string): ReportData {
	const lang = review.language;
	const title = (slug: string, english: string) => instrumentName(slug, english, lang).text;
	return {
		mechanism: review.mechanism.title,
		cycle: review.cycle.id,
		cluster: { n: review.cluster.n, title: review.cluster.title },
		state: { code: review.state.code, name: stateName(review.state.code, review.state.name, lang) },
		reviewers: review.reviewers.map((g) => ({
			instrument: g.instrument,
			instrumentTitle: title(g.instrument, g.instrumentTitle),
			codes: g.codes,
			names: g.codes.map((code, i) => stateName(code, g.names[i] ?? code, lang))
		})),
		stage: isStage(review.stage) ? stageLabel(review.stage, lang) : review.stage,
		launchedOn: review.launchedOn,
		reached: review.reached,
		summary: review.summary,
		items: review.items.map((i) => ({
			instrument: i.instrument,
			instrumentTitle: title(i.instrument, i.instrumentTitle),
			article: i.article,
			articleTitle: i.articleTitle,
			answer: i.answer ? { text: i.answer.text, status: i.answer.status, legislation: i.answer.legislation } : null,
			observations: i.observations.map((o) => ({ kind: o.kind, text: o.text }))
		})),
		draftNote: review.cycle.draft ? review.cycle.draftNote : null,
		generatedOn,
		language: lang
	};
}
