// The instruments the record covers, as rows: whether one exists, before anything is read or
// written about it. (Their timelines on a date are the in-memory record's, record.ts.)
import type { Db } from '../db';

/** Whether the record covers the instrument with this slug. */
export async function exists(db: Db, slug: string): Promise<boolean> {
	return (await db.selectFrom('instruments').select('slug').where('slug', '=', slug).executeTakeFirst()) !== undefined;
}
