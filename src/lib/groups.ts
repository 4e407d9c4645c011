// Group kinds as people read them, in the order lists show them.
export const GROUP_KIND_LABELS: Record<string, string> = {
	'un-regional-group': 'UN regional groups',
	organisation: 'Organisations',
	region: 'Regions (UN M49)',
	subregion: 'Sub-regions (UN M49)'
};

/** Groups split by kind, in display order, leaving out kinds with no group. */
export function byKind<G extends { kind: string }>(groups: G[]): { kind: string; label: string; items: G[] }[] {
	return Object.entries(GROUP_KIND_LABELS)
		.map(([kind, label]) => ({ kind, label, items: groups.filter((g) => g.kind === kind) }))
		.filter((k) => k.items.length > 0);
}
