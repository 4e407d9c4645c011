import type { Insertable } from 'kysely';
import type { MembershipsTable } from '../../db/schema';
import { insertMany } from '../../db';
import type { LoadContext } from './context';

export type NewMembership = Insertable<MembershipsTable>;


function membershipKey(m: Pick<NewMembership, 'group_slug' | 'participant_code' | 'joined' | 'left' | 'precision' | 'source_id'>) {
	return [m.group_slug, m.participant_code, m.joined, m.left, m.precision, m.source_id].join('|');
}

/** Inserts the memberships not already recorded from the same source: a reload adds nothing. */
export async function insertNewMemberships(ctx: LoadContext, sourceId: string, rows: NewMembership[]): Promise<number> {
	const existing = await ctx.trx
		.selectFrom('memberships')
		.select(['group_slug', 'participant_code', 'joined', 'left', 'precision', 'source_id'])
		.where('source_id', '=', sourceId)
		.execute();
	const seen = new Set(existing.map(membershipKey));
	const fresh = rows.filter((m) => {
		const key = membershipKey(m);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
	await insertMany(ctx.trx, 'memberships', fresh);
	return fresh.length;
}
