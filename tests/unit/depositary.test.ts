// What the depositary says, beside what the record holds (issue 19, points 3 and 6): the UN
// Treaty Series reference in the API, and the depositary's own published status on the
// instrument page. Expected values are read off the transcribed UNTC headers
// (data/raw/transcribed_2026_12/untc_instrument_status_and_unts_refs_TRANSCRIBED.csv).
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getInstrument } from '../../src/routes/api/v1/instruments/[slug]/+server';
import * as depositary from '../../src/lib/server/views/depositary';
import type { Db } from '../../src/lib/server/db';
import { freshDb } from './db';

let db: Db;
beforeAll(async () => {
	db = await freshDb();
});

async function api(slug: string) {
	const url = new URL(`/api/v1/instruments/${slug}`, 'http://localhost');
	const res = await getInstrument({ url, params: { slug }, locals: { db } } as never);
	expect(res.status).toBe(200);
	return res.json();
}

describe('the UN Treaty Series reference in the API', () => {
	it('UNTOC: registration No. 39574, vol. 2225, p. 209 (line 2: "29 September 2003, No. 39574 … Treaty Series, vol. 2225, p. 209")', async () => {
		const body = await api('untoc');
		expect(body.treatySeries).toEqual({ number: '39574', volume: 2225, page: 209, sourceId: 'untc-status-unts-2026-12', sourceLine: 2 });
	});

	it('the Trafficking Protocol: No. 39574, vol. 2237, p. 319 (line 3: "25 December 2003, No. 39574 … vol. 2237, p. 319")', async () => {
		const body = await api('trafficking-protocol');
		expect(body.treatySeries).toMatchObject({ number: '39574', volume: 2237, page: 319 });
	});

	it('CETS 197, a Council of Europe treaty the record has no UNTS reference for: null, not made up', async () => {
		expect((await api('cets-197')).treatySeries).toBeNull();
	});
});

describe('what the depositary says', () => {
	it('the Smuggling Protocol: 112 signatories and 152 parties on 26 April 2024, beside the record of 2014', async () => {
		const says = (await depositary.says(db, { slug: 'smuggling-protocol', asOf: '2026-12-01' }))!;
		expect(says.status).toMatchObject({ asOf: '2024-04-26', reportedBy: 'depositary', signatories: 112, parties: 152 });
		// the record's table (raw/untc_zmjones_untreaties/treaties/18-12-b.csv, 2014) lists 138 consents
		expect(says.status!.record.parties).toBe(138);
		expect(says.status!.missing).toBe(152 - 138);
		expect(says.statusPage).toBe('https://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-12-b&chapter=18');
		expect(says.treatySeries).toMatchObject({ number: '39574', volume: 2241, page: 507 });
	});

	it('asked about 2022, before the depositary’s status of 2024: that status is not shown', async () => {
		const says = (await depositary.says(db, { slug: 'smuggling-protocol', asOf: '2022-12-31' }))!;
		expect(says.status).toBeNull();
		// the newest total anyone published by then: 151 parties, October 2022 (a secondary source)
		expect(says.other).toMatchObject({ parties: 151, reportedBy: 'secondary' });
	});

	it('UNTOC, whose depositary status the sources do not date: none, and the UNODC’s 190 of 12 October 2020 beside it', async () => {
		const says = (await depositary.says(db, { slug: 'untoc', asOf: '2026-12-01' }))!;
		expect(says.status).toBeNull();
		expect(says.other).toMatchObject({ asOf: '2020-10-12', parties: 190, reportedBy: 'secretariat' });
	});
});
