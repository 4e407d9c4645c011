// How an unknown day reads: what the source says, and nothing more.
import { beforeAll, describe, expect, it } from 'vitest';
import { consent, dated } from '../../src/lib/format';
import { freshDb } from './db';
import * as status from '../../src/lib/server/record/status';
import type { Db } from '../../src/lib/server/db';

let db: Db;
beforeAll(async () => {
	db = await freshDb();
});

describe('consents without a recorded day', () => {
	it('a year-only record reads "ratified (date not recorded), by 2011"', () => {
		expect(consent({ kind: 'ratification', date: null, precision: 'year', knownBy: '2011-12-31' })).toBe('ratified (date not recorded), by 2011');
	});
	it('an exact date reads as the date', () => {
		expect(consent({ kind: 'ratification', date: '2004-08-04', precision: 'day', knownBy: null })).toBe('4 August 2004');
		expect(dated({ date: '2004-08-04' })).toBe('4 August 2004');
	});
	it("Bulgaria's CETS 197 ratification: the source gives no day, only that it was in force on 1 February 2008", async () => {
		const cets = await status.instrument(db, { slug: 'cets-197', asOf: '2008-06-03' });
		const bgr = cets!.participants.find((p) => p.code === 'BGR')!;
		expect(consent(bgr.consent)).toBe('ratified (date not recorded), by 1 February 2008');
	});
	it("Cambodia's ACTIP ratification: deposited by 25 January 2016", async () => {
		const actip = await status.instrument(db, { slug: 'actip', asOf: '2020-01-01' });
		expect(consent(actip!.participants.find((p) => p.code === 'KHM')!.consent)).toBe('ratified (date not recorded), by 25 January 2016');
	});
});
