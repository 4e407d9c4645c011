// The catalogue of sources, as the record grows it: a file brought in by an import joins the
// catalogue in the transaction that applies it, with an audit entry. (The shipped catalogue,
// data/sources.json, is reference data: see load/sources.ts.)
import * as audit from './audit';
import type { Trx } from './db';
import type { Insertable } from 'kysely';
import type { SourcesTable } from './db/schema';

export type NewSource = Insertable<SourcesTable> & { added_by: string };

/** Adds a source, audited as its `added_by`; returns the revision of the change. */
export async function add(trx: Trx, source: NewSource): Promise<number> {
	const revision = await audit.bump(trx);
	await trx.insertInto('sources').values(source).execute();
	await audit.write(trx, revision, [
		{
			actor: source.added_by,
			action: 'add',
			entity: 'source',
			entityId: source.id,
			summary: `source ${source.id}${source.table_of ? `: a status table of ${source.table_of}` : ''}${source.recorded_on ? `, as recorded on ${source.recorded_on}` : ''}`,
			before: null,
			after: source,
			sourceId: source.id,
			reason: null
		}
	]);
	return revision;
}
