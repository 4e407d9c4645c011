// Group kinds as people read them, in the order lists show them.
import { m } from '$lib/paraglide/messages';
import { translated } from '$lib/i18n';

export const GROUP_KIND_LABELS: Readonly<Record<string, string>> = translated({
	'un-regional-group': m.home_group_kind_un_regional,
	organisation: m.home_group_kind_organisation,
	region: m.home_group_kind_region,
	subregion: m.home_group_kind_subregion
});

/** Groups split by kind, in display order, leaving out kinds with no group. */
export function byKind<G extends { kind: string }>(groups: G[]): { kind: string; label: string; items: G[] }[] {
	return Object.entries(GROUP_KIND_LABELS)
		.map(([kind, label]) => ({ kind, label, items: groups.filter((g) => g.kind === kind) }))
		.filter((k) => k.items.length > 0);
}
