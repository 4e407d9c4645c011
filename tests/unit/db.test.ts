// Writing many rows at once: the same rows, and their ids in order, whether the statement
// runs on the transaction's connection or travels as one JSON parameter.
import { describe, expect, test } from 'vitest';
import { createDb, inTransaction, insertMany } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';

const SOURCE = { id: 'untc-xviii-12-2014', title: 'UNTC XVIII-12', origin: 'zmjones/untreaties', partial: 0 };

describe('insertMany', () => {
	test.each([
		['a transaction begun by inTransaction (the prepared statement)', true],
		['any other transaction (the JSON parameter)', false]
	])('in %s', async (_, ours) => {
		const db = createDb(':memory:');
		await migrateToLatest(db);
		const write = (trx: typeof db) =>
			insertMany(trx, 'sources', [SOURCE, { ...SOURCE, id: 'untc-xviii-12-a-2023', title: "O'Brien \"quoted\"" }]);
		const ids = ours ? await inTransaction(db, write) : await db.transaction().execute(write);
		expect(ids).toEqual([1, 2]);
		const rows = await db.selectFrom('sources').select(['id', 'title', 'partial', 'file']).orderBy('id').execute();
		expect(rows).toEqual([
			{ id: 'untc-xviii-12-2014', title: 'UNTC XVIII-12', partial: 0, file: null },
			{ id: 'untc-xviii-12-a-2023', title: "O'Brien \"quoted\"", partial: 0, file: null }
		]);
		// an upsert on the key updates what it finds
		const rename = (trx: typeof db) => insertMany(trx, 'sources', [{ ...SOURCE, title: 'renamed' }], { upsertOn: ['id'] });
		await (ours ? inTransaction(db, rename) : db.transaction().execute(rename));
		expect(await db.selectFrom('sources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 2 });
		expect((await db.selectFrom('sources').select('title').where('id', '=', SOURCE.id).executeTakeFirstOrThrow()).title).toBe('renamed');
	});
});
