// The treaty record against facts published elsewhere: the depositary's entry-into-force
// dates and the 2008 General Assembly background paper.
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from './db';
import * as status from '../../src/lib/server/record/status';
import * as records from '../../src/lib/server/record/record';
import type { Db } from '../../src/lib/server/db';

let db: Db;
beforeAll(async () => {
	db = await freshDb();
});

async function summary(slug: string, asOf: string) {
	const all = await status.instruments(db, { asOf });
	const found = all.find((i) => i.slug === slug);
	if (!found) throw new Error(`no ${slug}`);
	return found;
}

async function statusOf(slug: string, code: string, asOf: string) {
	const i = await status.instrument(db, { slug, asOf, all: true });
	return i!.participants.find((p) => p.code === code)!;
}

describe('entry into force is computed from the event log', () => {
	it.each([
		['untoc', '2003-09-29'],
		['trafficking-protocol', '2003-12-25'],
		['smuggling-protocol', '2004-01-28'],
		['firearms-protocol', '2005-07-03'],
		['opsc', '2002-01-18'],
		['ilo-p029', '2016-11-09']
	])('%s entered into force on %s', async (slug, date) => {
		const r = await records.get(db);
		expect(r.instruments.get(slug)!.computedEntryIntoForce).toBe(date);
	});

	it('an instrument is not in force the day before', async () => {
		expect((await summary('trafficking-protocol', '2003-12-24')).entryIntoForce).toBeNull();
		expect((await summary('trafficking-protocol', '2003-12-25')).entryIntoForce).toBe('2003-12-25');
	});

	it('CETS 197: the partial record cannot compute it, so the recorded date is shown as recorded', async () => {
		const r = await records.get(db);
		const cets = r.instruments.get('cets-197')!;
		expect(cets.entryIntoForce).toBe('2008-02-01');
		expect(cets.entryIntoForceBasis).toBe('recorded');
	});
});

describe('the Trafficking Protocol in 2008', () => {
	it('has 117 signatories (signature closed on 12 Dec 2002)', async () => {
		expect((await summary('trafficking-protocol', '2002-12-12')).counts!.signatories).toBe(117);
		expect((await summary('trafficking-protocol', '2023-01-01')).counts!.signatories).toBe(117);
	});

	it('had 118 parties on 31 March 2008: 117 States and the European Community', async () => {
		const s = await summary('trafficking-protocol', '2008-03-31');
		expect(s.counts!.parties).toBe(118);
		const i = await status.instrument(db, { slug: 'trafficking-protocol', asOf: '2008-03-31' });
		const parties = i!.participants.filter((p) => p.status === 'party' || p.status === 'pending');
		expect(parties.filter((p) => p.code !== 'EUU')).toHaveLength(117);
		expect(parties.map((p) => p.code)).toContain('EUU');
	});

	it('the United Arab Emirates had joined UNTOC (7 May 2007) but not the Protocol on 3 June 2008', async () => {
		const untoc = await statusOf('untoc', 'ARE', '2008-06-03');
		expect(untoc.consent).toMatchObject({ date: '2007-05-07', kind: 'ratification' });
		expect(untoc.status).toBe('party');
		expect((await statusOf('trafficking-protocol', 'ARE', '2008-06-03')).status).toBe('none');
		expect((await statusOf('trafficking-protocol', 'ARE', '2009-06-03')).status).toBe('party');
	});

	it('India had signed but was not a party on 3 June 2008', async () => {
		const india = await statusOf('trafficking-protocol', 'IND', '2008-06-03');
		expect(india.status).toBe('signed');
		expect(india.signature).toMatch(/^2002-/);
		expect(india.consent).toBeNull();
	});

	it("Colombia's deposit is 4 August 2004 (the debate's 2003 is its domestic approval)", async () => {
		const col = await statusOf('trafficking-protocol', 'COL', '2008-06-03');
		expect(col.consent?.date).toBe('2004-08-04');
		expect(col.entryIntoForce).toBe('2004-09-03');
	});

	it('a consent is pending until the Protocol is in force for that State', async () => {
		expect((await statusOf('trafficking-protocol', 'COL', '2004-08-20')).status).toBe('pending');
		expect((await statusOf('trafficking-protocol', 'COL', '2004-09-03')).status).toBe('party');
	});
});

describe('ILO records', () => {
	it('C105: Malaysia denounced in 1990', async () => {
		expect((await statusOf('ilo-c105', 'MYS', '1980-01-01')).status).toBe('party');
		expect((await statusOf('ilo-c105', 'MYS', '1990-01-10')).status).toBe('denounced');
	});
	it('a registration in force twelve months later agrees with the "will enter into force" note', async () => {
		const mex = await statusOf('ilo-p029', 'MEX', '2023-07-01');
		expect(mex.status).toBe('pending');
		expect(mex.entryIntoForce).toBe('2024-06-11');
		const r = await records.get(db);
		expect(r.warnings.filter((w) => w.instrument === 'ilo-p029' && /differs/.test(w.message))).toEqual([]);
	});
});

describe('what the record does not know', () => {
	it('a consent without a recorded day is shown with its bound, never a made-up date', async () => {
		const bgr = await statusOf('cets-197', 'BGR', '2008-06-03');
		expect(bgr.consent?.date).toBeNull();
		expect(bgr.consent?.knownBy).toBeTruthy();
		expect(bgr.status).toBe('party');
	});
	it('instruments with no data are listed, not hidden', async () => {
		const all = await status.instruments(db, { asOf: '2020-01-01' });
		const none = all.filter((i) => i.dataStatus === 'none').map((i) => i.slug);
		expect(none).toEqual(expect.arrayContaining(['ilo-c181']));
		expect(all).toHaveLength(21);
	});
	it('a date after the record was taken is flagged as stale', async () => {
		expect((await summary('untoc', '2026-01-01')).stale).toBe(true);
		expect((await summary('untoc', '2008-06-03')).stale).toBe(false);
	});
});

describe('when the table cannot reproduce the published date', () => {
	it('the 1949 Convention uses the depositary date and keeps the disagreement as a warning', async () => {
		const r = await records.get(db);
		const c = r.instruments.get('convention-1949')!;
		expect(c.entryIntoForce).toBe('1951-07-25');
		expect(c.entryIntoForceBasis).toBe('recorded');
		expect(c.computedEntryIntoForce).not.toBe('1951-07-25');
		expect(r.warnings.some((w) => w.instrument === 'convention-1949' && /published date/.test(w.message))).toBe(true);
	});
});

describe('prerequisite checks (UNTOC art. 37)', () => {
	it('Japan: a 2017 consent to the Protocol with no UNTOC consent in the 2014 UNTOC record is a data warning', async () => {
		const r = await records.get(db);
		const w = r.warnings.find((x) => x.instrument === 'trafficking-protocol' && x.participant === 'JPN');
		expect(w?.message).toMatch(/prerequisite untoc.*record ends on 2014-01-27/);
		// Colombia joined both on the same day: no warning.
		expect(r.warnings.find((x) => x.instrument === 'trafficking-protocol' && x.participant === 'COL')).toBeUndefined();
	});
});
