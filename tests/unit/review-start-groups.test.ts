// The States under review split by lot into start groups, in proportion to the real sizes of the
// first cycle's groups (62, 63, 64: review-mechanism-facts.md, line 24), reproducibly from the seed.
import { beforeAll, describe, expect, test } from 'vitest';
import { startGroups } from '../../src/lib/server/reviews/draw/start-groups';
import { freshDb } from './db';

const GROUPS = [
	{ n: 1, size: 62 },
	{ n: 2, size: 63 },
	{ n: 3, size: 64 }
];
// Real States, in code order (which 189 the real mechanism reviews is not in the data).
let states: string[] = [];
beforeAll(async () => {
	const db = await freshDb();
	states = (await db.selectFrom('participants').select('code').where('kind', '=', 'state').orderBy('code').execute()).map((p) => p.code);
});
const codes = (n: number) => {
	expect(states.length).toBeGreaterThanOrEqual(n);
	return states.slice(0, n);
};

describe('start groups by lot', () => {
	test('189 States split exactly as the real groups: 62, 63 and 64', () => {
		const lot = startGroups(codes(189), 2008, GROUPS);
		const sizes = [1, 2, 3].map((n) => [...lot.values()].filter((g) => g === n).length);
		expect(sizes).toEqual([62, 63, 64]);
	});

	test('fewer States are split in the same proportions, every State in exactly one group', () => {
		const lot = startGroups(codes(186), 7, GROUPS);
		expect(lot.size).toBe(186);
		const sizes = [1, 2, 3].map((n) => [...lot.values()].filter((g) => g === n).length);
		expect(sizes).toEqual([61, 62, 63]);
	});

	test('the same seed gives the same groups, in any input order; another seed, others', () => {
		const a = startGroups(codes(50), 2008, GROUPS);
		const b = startGroups(codes(50).reverse(), 2008, GROUPS);
		expect([...b].sort()).toEqual([...a].sort());
		const c = startGroups(codes(50), 2009, GROUPS);
		expect([...c].sort()).not.toEqual([...a].sort());
	});
});
