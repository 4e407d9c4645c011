// Words for the review mechanism's vocabulary, for pages and documents alike. The tables read in
// the request's language; the functions take the language to write in (a review's working
// language, for its questionnaire and report).
import { m } from '$lib/paraglide/messages';
import { translated, type Locale } from '$lib/i18n';

type Message = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

export const ANSWER_STATUSES = ['implemented', 'partly', 'not', 'not-applicable'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];
const ANSWER_STATUS_MESSAGES = {
	implemented: m.reviews_answer_implemented,
	partly: m.reviews_answer_partly,
	not: m.reviews_answer_not,
	'not-applicable': m.reviews_answer_not_applicable
} satisfies Record<AnswerStatus, Message>;
export const ANSWER_STATUS_LABELS: Readonly<Record<AnswerStatus, string>> = translated(ANSWER_STATUS_MESSAGES);

export const OBSERVATION_KINDS = ['gap', 'good-practice', 'ta-need', 'recommendation'] as const;
export type ObservationKind = (typeof OBSERVATION_KINDS)[number];
const OBSERVATION_MESSAGES = {
	gap: m.reviews_observation_gap,
	'good-practice': m.reviews_observation_good_practice,
	'ta-need': m.reviews_observation_ta_need,
	recommendation: m.reviews_observation_recommendation
} satisfies Record<ObservationKind, Message>;
export const OBSERVATION_LABELS: Readonly<Record<ObservationKind, string>> = translated(OBSERVATION_MESSAGES);

export const FOLLOW_UPS = ['not-started', 'in-progress', 'implemented', 'not-accepted'] as const;
export type FollowUp = (typeof FOLLOW_UPS)[number];
const FOLLOW_UP_MESSAGES = {
	'not-started': m.reviews_follow_up_not_started,
	'in-progress': m.reviews_follow_up_in_progress,
	implemented: m.reviews_follow_up_implemented,
	'not-accepted': m.reviews_follow_up_not_accepted
} satisfies Record<FollowUp, Message>;
export const FOLLOW_UP_LABELS: Readonly<Record<FollowUp, string>> = translated(FOLLOW_UP_MESSAGES);

/** A self-assessed status in words, in `to` (the request's language by default); an unknown value as it is. */
export function answerStatusLabel(status: string, to?: Locale): string {
	return Object.hasOwn(ANSWER_STATUS_MESSAGES, status) ? ANSWER_STATUS_MESSAGES[status as AnswerStatus]({}, { locale: to }) : status;
}

/** A kind of observation in words (a heading: "Recommendations"), in `to`. */
export function observationLabel(kind: ObservationKind, to?: Locale): string {
	return OBSERVATION_MESSAGES[kind]({}, { locale: to });
}

/** A follow-up status in words, in `to`. */
export function followUpLabel(status: string | null, to?: Locale): string {
	const s = (status ?? 'not-started') as FollowUp;
	return Object.hasOwn(FOLLOW_UP_MESSAGES, s) ? FOLLOW_UP_MESSAGES[s]({}, { locale: to }) : s;
}
