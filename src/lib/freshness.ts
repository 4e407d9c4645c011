// How urgently an instrument's record needs a newer table, most urgent first.
import { m } from '$lib/paraglide/messages';
import { translated } from '$lib/i18n';

export const URGENCIES = ['missing', 'partial', 'old', 'behind', 'current'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const URGENCY_LABELS: Readonly<Record<Urgency, string>> = translated({
	missing: m.home_urgency_missing,
	partial: m.home_urgency_partial,
	old: m.home_urgency_old,
	behind: m.home_urgency_behind,
	current: m.home_urgency_current
});
