// Words for the review mechanism's vocabulary, for pages and documents alike.
export const ANSWER_STATUSES = ['implemented', 'partly', 'not', 'not-applicable'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];
export const ANSWER_STATUS_LABELS: Record<AnswerStatus, string> = {
	implemented: 'Implemented',
	partly: 'Partly implemented',
	not: 'Not implemented',
	'not-applicable': 'Not applicable'
};

export const OBSERVATION_KINDS = ['gap', 'good-practice', 'ta-need', 'recommendation'] as const;
export type ObservationKind = (typeof OBSERVATION_KINDS)[number];
export const OBSERVATION_LABELS: Record<ObservationKind, string> = {
	gap: 'Gaps in implementation',
	'good-practice': 'Good practices',
	'ta-need': 'Technical-assistance needs',
	recommendation: 'Recommendations'
};

export const FOLLOW_UPS = ['not-started', 'in-progress', 'implemented', 'not-accepted'] as const;
export type FollowUp = (typeof FOLLOW_UPS)[number];
export const FOLLOW_UP_LABELS: Record<FollowUp, string> = {
	'not-started': 'Not started',
	'in-progress': 'In progress',
	implemented: 'Implemented',
	'not-accepted': 'Not accepted'
};
