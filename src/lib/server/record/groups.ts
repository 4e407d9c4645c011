// Groups (UN regional groups, M49 regions, organisations) and who belongs to them on a date.
import type { Db } from '../db';
import type { GroupKind } from '../db/schema';

/**
 * Groups nearly every State belongs to (the ILO, the UN): they say nothing of a region, so they
 * frame no map and are no peers to measure gaps against.
 */
export const WORLDWIDE: ReadonlySet<string> = new Set(['ilo', 'un-members']);

export interface GroupRef {
	slug: string;
	name: string;
	kind: GroupKind;
}

/** The groups a participant belongs to on `asOf` (classifications without dates always). */
export async function ofParticipant(db: Db, opts: { code: string; asOf: string }): Promise<GroupRef[]> {
	return db
		.selectFrom('memberships as m')
		.innerJoin('groups as g', 'g.slug', 'm.group_slug')
		.where('m.participant_code', '=', opts.code)
		.where((eb) => eb.or([eb('m.joined', 'is', null), eb('m.joined', '<=', opts.asOf)]))
		.where((eb) => eb.or([eb('m.left', 'is', null), eb('m.left', '>=', opts.asOf)]))
		.select(['g.slug', 'g.name', 'g.kind'])
		.distinct()
		.orderBy('g.kind')
		.orderBy('g.name')
		.execute();
}

export async function list(db: Db): Promise<GroupRef[]> {
	return db.selectFrom('groups').select(['slug', 'name', 'kind']).orderBy('kind').orderBy('name').execute();
}
