import type { LoadContext } from './context';
import * as corrections from './corrections';
import * as cow from './cow';
import { LoadError } from '../../text/errors';
import { euMemberships, m49Groups, readGroups, unRegionalMemberships } from './groups';
import type { NameIndex } from '../../text/names';
import type { NewParticipant } from './participants';
import * as unMembers from './un-members';
import { insertNewMemberships, type NewMembership } from './write';

/** Groups and who belongs to them, each membership row tied to the source that states it. */
export async function load(
	ctx: LoadContext,
	{ names, participants }: { names: NameIndex; participants: Map<string, NewParticipant> }
): Promise<number> {
	const curated = readGroups(ctx);
	const m49 = m49Groups(participants.values());
	const groups = [...curated, ...m49.groups];
	const slugs = new Set<string>();
	for (const g of groups) {
		if (slugs.has(g.slug)) throw new LoadError(`group slug "${g.slug}" is used twice`, { file: 'groups.csv', value: g.slug });
		slugs.add(g.slug);
		const row = { slug: g.slug, name: g.name, kind: g.kind, source_id: g.source_id, note: g.note };
		const { slug, ...rest } = row;
		await ctx.trx.insertInto('groups').values(row).onConflict((oc) => oc.column('slug').doUpdateSet(rest)).execute();
	}

	const fixes = corrections.read(ctx, groups, participants);
	const automatic = [
		...unRegionalMemberships(ctx, curated),
		...m49.memberships,
		...euMemberships(ctx, curated, participants),
		...cow.memberships(ctx, curated, names),
		...unMembers.memberships(ctx, curated, names, unMemberCodes(participants))
	].filter((m) => !fixes.replaces(m));

	// A correction written after an earlier load must also remove the rows it replaces.
	for (const fix of fixes.rows) {
		await ctx.trx
			.deleteFrom('memberships')
			.where('group_slug', '=', fix.group_slug)
			.where('participant_code', '=', fix.participant_code)
			.where('source_id', '!=', fix.source_id)
			.execute();
	}

	// a correction may cite a source of its own (Palestine's group): rows are kept by their source
	const bySource = new Map<string, NewMembership[]>([[fixes.sourceId, []]]);
	for (const m of [...fixes.rows, ...automatic]) {
		const rows = bySource.get(m.source_id) ?? [];
		rows.push(m);
		bySource.set(m.source_id, rows);
	}
	let inserted = 0;
	for (const [sourceId, rows] of bySource) inserted += await insertNewMemberships(ctx, sourceId, rows);
	return inserted;
}

/** Today's UN members: the participants taken from the UN regional groups (not the extras). */
function unMemberCodes(participants: Map<string, NewParticipant>): Set<string> {
	return new Set([...participants.values()].filter((p) => p.source_id === 'un-regional-groups').map((p) => p.code));
}
