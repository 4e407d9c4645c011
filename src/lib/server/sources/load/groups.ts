import type { GroupKind } from '../../db/schema';
import { sourceFile, type LoadContext } from './context';
import { isoDate } from '../../text/dates';
import { LoadError } from '../../text/errors';
import type { NewParticipant } from './participants';
import { readTable, requireColumns } from '../../text/table';
import type { NewMembership } from './write';

export interface GroupDef {
	slug: string;
	name: string;
	kind: GroupKind;
	source_id: string;
	/** how the group's source names it: "WEOG" in un-regional-groups.csv, "coe" in the COW spells */
	key: string;
	note: string | null;
}

const KINDS: GroupKind[] = ['un-regional-group', 'region', 'subregion', 'organisation'];

export function slugify(name: string): string {
	return name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

/** data/groups.csv: the groups followed, each with the source its memberships come from. */
export function readGroups(ctx: LoadContext): GroupDef[] {
	const file = sourceFile(ctx, 'treaty-tracker-groups').file;
	const table = readTable(ctx.dataDir, file);
	requireColumns(table, ['slug', 'name', 'kind', 'source', 'key', 'note']);
	return table.rows.map(({ line, cells }) => {
		const where = { file, line };
		if (!KINDS.includes(cells.kind as GroupKind)) throw new LoadError(`unknown group kind "${cells.kind}"`, where);
		if (!ctx.sources.has(cells.source)) throw new LoadError(`unknown source "${cells.source}"`, where);
		if (slugify(cells.slug) !== cells.slug) throw new LoadError(`"${cells.slug}" is not a slug`, where);
		return {
			slug: cells.slug,
			name: cells.name,
			kind: cells.kind as GroupKind,
			source_id: cells.source,
			key: cells.key,
			note: cells.note || null
		};
	});
}

/** M49 regions and sub-regions as groups: classifications, so members have no dates. */
export function m49Groups(participants: Iterable<NewParticipant>): { groups: GroupDef[]; memberships: NewMembership[] } {
	const groups = new Map<string, GroupDef>();
	const memberships: NewMembership[] = [];
	for (const p of participants) {
		const levels = [
			{ kind: 'region' as const, code: p.region_code, name: p.region },
			{ kind: 'subregion' as const, code: p.subregion_code, name: p.subregion }
		];
		for (const { kind, code, name } of levels) {
			if (!code || !name) continue;
			const slug = slugify(name);
			const note = `UN M49 ${kind === 'region' ? 'region' : 'sub-region'} ${code}`;
			groups.set(slug, { slug, name, kind, source_id: 'country-codes', key: code, note });
			memberships.push({
				group_slug: slug, participant_code: p.code, joined: null, left: null,
				precision: 'unknown', source_id: 'country-codes', note: null
			});
		}
	}
	return { groups: [...groups.values()], memberships };
}

/** UN regional groups: membership is a standing classification, so no dates either. */
export function unRegionalMemberships(ctx: LoadContext, groups: GroupDef[]): NewMembership[] {
	const { id, file } = sourceFile(ctx, 'un-regional-groups');
	const table = readTable(ctx.dataDir, file);
	requireColumns(table, ['Code', 'Region']);
	const byKey = new Map(groups.filter((g) => g.source_id === id).map((g) => [g.key, g.slug]));
	return table.rows.map(({ line, cells }) => {
		const slug = byKey.get(cells.Region);
		if (!slug) throw new LoadError(`group "${cells.Region}" is not in groups.csv`, { file, line, value: cells.Region });
		return {
			group_slug: slug, participant_code: cells.Code, joined: null, left: null,
			precision: 'unknown' as const, source_id: id, note: null
		};
	});
}

/** EU members with the day they joined. */
export function euMemberships(ctx: LoadContext, groups: GroupDef[], participants: Map<string, NewParticipant>): NewMembership[] {
	const { id, file } = sourceFile(ctx, 'european-union');
	const group = groups.find((g) => g.source_id === id);
	if (!group) throw new LoadError('no group in groups.csv takes its members from this file', { file });
	const table = readTable(ctx.dataDir, file);
	requireColumns(table, ['Code', 'Member-Since']);
	return table.rows.map(({ line, cells }) => {
		if (!participants.has(cells.Code)) {
			throw new LoadError(`${cells.Code} is not a participant`, { file, line, value: cells.Code });
		}
		return {
			group_slug: group.slug, participant_code: cells.Code,
			joined: isoDate(cells['Member-Since'], { file, line }), left: null,
			precision: 'day' as const, source_id: id, note: null
		};
	});
}
