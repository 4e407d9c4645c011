// How urgently an instrument's record needs a newer table, most urgent first.
export const URGENCIES = ['missing', 'partial', 'old', 'behind', 'current'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const URGENCY_LABELS: Record<Urgency, string> = {
	missing: 'No record',
	partial: 'Partial record',
	old: 'Older than a year',
	behind: 'Behind the depositary',
	current: 'Current'
};
