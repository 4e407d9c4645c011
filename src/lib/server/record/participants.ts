// Participants: States and the European Union, with the names people type for them.
import type { Db } from '../db';

/** The source of when a State entered the system of States (Correlates of War, state-year): a participant's existence label names it. */
export const COW_STATE_YEAR = 'cow-igo-v3-state-year';

export async function list(db: Db) {
	return db.selectFrom('participants').select(['code', 'name', 'kind', 'region', 'subregion', 'since']).orderBy('name').execute();
}

/** Every participant's name and the other names it is known by (old UNTC names, short forms). */
export async function names(db: Db): Promise<{ code: string; name: string; aliases: string[] }[]> {
	const [people, aliases] = await Promise.all([
		db.selectFrom('participants').select(['code', 'name']).orderBy('name').execute(),
		db.selectFrom('participant_aliases').select(['alias', 'code']).execute()
	]);
	const byCode = new Map<string, string[]>();
	for (const a of aliases) byCode.set(a.code, [...(byCode.get(a.code) ?? []), a.alias]);
	return people.map((p) => ({ ...p, aliases: byCode.get(p.code) ?? [] }));
}

/** Whether a participant has this code (ISO 3166-1 alpha-3, upper case; EUU for the European Union). */
export async function exists(db: Db, code: string): Promise<boolean> {
	return (await db.selectFrom('participants').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}
