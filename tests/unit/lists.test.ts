// Lists for advocates and data for researchers: the non-parties of an instrument (filtered by
// region and group as of a date), the CSV/JSON exports and the Atom feeds, against the real record.
import { beforeAll, describe, expect, it } from 'vitest';
import { csvParse, csvParseRows } from 'd3-dsv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, freshDb } from './db';
import * as nonparties from '../../src/lib/server/views/nonparties';
import * as exports from '../../src/lib/server/views/exports';
import * as changes from '../../src/lib/server/record/changes';
import * as atom from '../../src/lib/server/http/atom';
import * as status from '../../src/lib/server/record/status';
import type { Db } from '../../src/lib/server/db';

let db: Db;
beforeAll(async () => {
	db = await freshDb();
});

async function list(slug: string, asOf: string, filters: { region?: string; group?: string } = {}) {
	const l = await nonparties.list(db, { slug, asOf, ...filters });
	if (!l) throw new Error(`no ${slug}`);
	return l;
}

describe('non-parties', () => {
	it('lists India among the Trafficking Protocol’s "signed, not ratified" on 3 June 2008, signed in 2002', async () => {
		const l = await list('trafficking-protocol', '2008-06-03');
		const india = l.signed.find((r) => r.code === 'IND');
		expect(india).toMatchObject({ status: 'signed', signedIn: '2002', yearsSinceSignature: 5 });
		expect(india!.signature?.date).toBe('2002-12-12');
		expect(l.notSigned.map((r) => r.code)).not.toContain('IND');
		// India ratified on 5 May 2011: no longer listed then.
		expect(nonparties.rows(await list('trafficking-protocol', '2011-06-01')).map((r) => r.code)).not.toContain('IND');
	});

	it('lists the six Council of Europe members not party to UNTOC on 1 January 2010, each having signed only', async () => {
		// Checked by hand in data/record/acts.csv: of the Council of Europe's 47 members that day,
		// Andorra (ratified 22 Sep 2011), Czechia (24 Sep 2013), Greece (11 Jan 2011), Iceland
		// (13 May 2010), Ireland (17 Jun 2010) and San Marino (20 Jul 2010) had signed in 2000–01
		// and not yet ratified; the 41 others had ratified, Monaco first (5 Jun 2001).
		const l = await list('untoc', '2010-01-01', { group: 'council-of-europe' });
		expect(l.filters.group?.slug).toBe('council-of-europe');
		expect(nonparties.rows(l).map((r) => [r.code, r.status]).sort()).toEqual([
			['AND', 'signed'],
			['CZE', 'signed'],
			['GRC', 'signed'],
			['IRL', 'signed'],
			['ISL', 'signed'],
			['SMR', 'signed']
		]);
		expect(l.counts).toEqual({ nonParties: 6, signed: 6, notSigned: 0, denounced: 0, unknown: 0, stale: 0 });
	});

	it('agrees with the acts file read with a rule written here: a member with no consent dated on or before the day has not joined', () => {
		// The Council of Europe's 47 members on 1 January 2010 (Montenegro the 47th, in 2007; Russia
		// until its expulsion in 2022), written out here rather than read through the app.
		const COE_2010 = 'ALB AND ARM AUT AZE BEL BIH BGR HRV CYP CZE DNK EST FIN FRA GEO DEU GRC HUN ISL IRL ITA LVA LIE LTU LUX MLT MDA MCO MNE NLD MKD NOR POL PRT ROU RUS SMR SRB SVK SVN ESP SWE CHE TUR UKR GBR'.split(' ');
		expect(new Set(COE_2010).size).toBe(47);
		const acts = csvParse(readFileSync(join(DATA_DIR, 'record/acts.csv'), 'utf8')).filter((a) => a.instrument === 'untoc' && a.retracted !== '1');
		const onOrBefore = (a: { date?: string; latest?: string }) => (a.date || a.latest || '9999') <= '2010-01-01';
		const joined = new Set(acts.filter((a) => a.act === 'consent' && onOrBefore(a)).map((a) => a.participant));
		const denounced = new Set(acts.filter((a) => a.act === 'denunciation' && onOrBefore(a)).map((a) => a.participant));
		const notJoined = COE_2010.filter((c) => !joined.has(c) || denounced.has(c));
		expect(notJoined.sort()).toEqual(['AND', 'CZE', 'GRC', 'IRL', 'ISL', 'SMR']);
	});

	it('filters by M49 region and by group together, membership as of the date', async () => {
		const all = await list('trafficking-protocol', '2008-06-03');
		const europe = await list('trafficking-protocol', '2008-06-03', { region: 'europe' });
		expect(nonparties.rows(europe).every((r) => r.region === 'Europe')).toBe(true);
		expect(europe.counts!.nonParties).toBe(nonparties.rows(all).filter((r) => r.region === 'Europe').length);
		const euInEurope = await list('trafficking-protocol', '2008-06-03', { region: 'europe', group: 'european-union' });
		expect(euInEurope.counts!.nonParties).toBeLessThan(europe.counts!.nonParties);
		// Czechia (EU since 2004) signed in 2002 and had not ratified by 2008.
		expect(euInEurope.signed.map((r) => r.code)).toContain('CZE');
		// Before it joined the EU it is not among the EU's members.
		const eu2003 = await list('trafficking-protocol', '2003-06-01', { group: 'european-union' });
		expect(nonparties.rows(eu2003).map((r) => r.code)).not.toContain('CZE');
	});

	it('counts a deposited consent not yet in force as joined', async () => {
		// Pakistan acceded on 4 November 2022; the Protocol entered into force for it 30 days later.
		const pending = await list('trafficking-protocol', '2022-11-10');
		const p = (await status.instrument(db, { slug: 'trafficking-protocol', asOf: '2022-11-10', all: true }))!.participants.find((x) => x.code === 'PAK');
		expect(p?.status).toBe('pending');
		expect(nonparties.rows(pending).map((r) => r.code)).not.toContain('PAK');
		expect(nonparties.rows(await list('trafficking-protocol', '2022-11-01')).map((r) => r.code)).toContain('PAK');
	});

	it('reports an unknown region or group and lists without that filter', async () => {
		const l = await list('trafficking-protocol', '2008-06-03', { region: 'atlantis', group: 'council-of-europe' });
		expect(l.notFound).toEqual({ region: 'atlantis', group: null });
		expect(l.filters.region).toBeNull();
		expect(l.counts).toEqual((await list('trafficking-protocol', '2008-06-03', { group: 'council-of-europe' })).counts);
		// A group is not a region: weog in the region slot is not found.
		expect((await list('untoc', '2010-01-01', { region: 'weog' })).notFound.region).toBe('weog');
		// a long mistake is named as a message quotes it, cut
		expect((await list('untoc', '2010-01-01', { group: 'x'.repeat(9000) })).notFound.group).toBe(`${'x'.repeat(40)}…`);
	});

	it('says nothing rather than "everyone" for an instrument without data', async () => {
		const l = await list('ilo-c181', '2020-01-01');
		expect(l.instrument.dataStatus).toBe('none');
		expect(l.counts).toBeNull();
		expect(nonparties.rows(l)).toEqual([]);
	});

	it('lists only those who may join: ILO members for an ILO convention, States for the 1949 Convention', async () => {
		const c029 = nonparties.rows(await list('ilo-c029', '2023-06-01')).map((r) => r.code);
		expect(c029).toContain('USA'); // an ILO member that never ratified C029
		expect(c029).not.toContain('VAT'); // the Holy See is not an ILO member
		expect(c029).not.toContain('EUU');
		expect(nonparties.rows(await list('convention-1949', '2010-01-01')).map((r) => r.code)).not.toContain('EUU');
		const cets = await list('cets-197', '2010-01-01');
		expect(cets.instrument.dataStatus).toBe('partial');
		expect(cets.scope.groups.map((g) => g.slug)).toEqual(['council-of-europe']);
	});

	it('writes exactly the listed rows to CSV', async () => {
		const l = await list('trafficking-protocol', '2008-06-03', { region: 'europe' });
		const text = await nonparties.csv(db, l);
		const parsed = csvParse(text.slice(1));
		expect(parsed.columns).toEqual(nonparties.CSV_COLUMNS);
		expect(parsed.map((r) => r.code)).toEqual(nonparties.rows(l).map((r) => r.code));
		expect(parsed.find((r) => r.code === 'CZE')).toMatchObject({ status: 'signed', signature: '2002-12-10', source_recorded_on: '2022-11-04' });
		expect(nonparties.filename(l, 'csv')).toBe('non-parties-trafficking-protocol-2008-06-03-europe.csv');
	});
});

describe('exports', () => {
	it('CSV is UTF-8 with a BOM, CRLF and a header row; it round-trips to the JSON rows', async () => {
		const table = (await exports.table(db, { slug: 'trafficking-protocol', asOf: '2008-06-03' }))!;
		const csv = exports.tableCsv(table);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv.slice(1).split('\r\n')[0]).toBe(exports.TABLE_COLUMNS.join(','));
		expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
		const json = JSON.parse(JSON.stringify(table));
		const parsed = csvParse(csv.slice(1));
		expect(parsed.columns).toEqual(json.columns);
		const asCsvSees = json.rows.map((r: Record<string, string | null>) =>
			Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? '']))
		);
		expect(parsed.map((r) => ({ ...r }))).toEqual(asCsvSees);
		expect(json.source).toEqual({ id: 'untc-xviii-12-a-2023', title: expect.any(String), recordedOn: '2022-11-04' });
		const ind = json.rows.find((r: { code: string }) => r.code === 'IND');
		expect(ind).toMatchObject({ status: 'signed', signature: '2002-12-12', consent_date: null, source_recorded_on: '2022-11-04' });
		const col = json.rows.find((r: { code: string }) => r.code === 'COL');
		expect(col).toMatchObject({ status: 'party', consent_date: '2004-08-04', consent_kind: 'ratification' });
	});

	it('toCsv quotes commas, quotes and line breaks, and keeps non-ASCII names', () => {
		const csv = exports.toCsv(['a', 'b'], [['Côte d\'Ivoire', 'x, "y"\nz'], [null, 3]]);
		expect(csvParseRows(csv.slice(1))).toEqual([['a', 'b'], ["Côte d'Ivoire", 'x, "y"\nz'], ['', '3']]);
	});
});

describe('Atom feeds', () => {
	const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link'].includes(name) });
	const origin = 'https://tracker.example';

	async function feed(slug?: string, site: string | null = origin) {
		const xml = atom.feed({
			origin: site,
			self: `${slug ? `/instruments/${slug}` : ''}/feed.atom`,
			alternate: '/',
			title: 'Treaty Tracker',
			subtitle: 'events',
			changes: await changes.recent(db, { slug, limit: 100 })
		});
		expect(XMLValidator.validate(xml)).toBe(true);
		return parser.parse(xml).feed;
	}

	it('is Atom 1.0 with the required feed elements', async () => {
		const f = await feed();
		expect(f['@xmlns']).toBe('http://www.w3.org/2005/Atom');
		expect(f.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(f.title).toBeTruthy();
		expect(f.updated).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
		expect(f.author.name).toBe('Treaty Tracker');
		expect(f.link.find((l: Record<string, string>) => l['@rel'] === 'self')['@href']).toBe(`${origin}/feed.atom`);
		expect(f.entry).toHaveLength(100);
		for (const e of f.entry) {
			expect(e.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
			expect(e.updated).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
			expect(e.link[0]['@href']).toMatch(/^https:\/\/tracker\.example\/participants\/[A-Z]{3}$/);
			expect(e.summary['#text']).toMatch(/^Source: /);
		}
		expect(new Set(f.entry.map((e: { id: string }) => e.id)).size).toBe(100);
		expect(f.updated).toBe(f.entry[0].updated);
	});

	it('holds the newest events of the record, newest first', async () => {
		const f = await feed();
		const rows = await db
			.selectFrom('current_acts')
			.select(['act_id', 'date', 'latest'])
			.where('retracted', '=', 0)
			.where((eb) => eb.or([eb('date', 'is not', null), eb('latest', 'is not', null)]))
			.execute();
		const newest = rows
			.map((r) => ({ id: r.act_id, known: (r.date ?? r.latest)! }))
			.sort((a, b) => (a.known < b.known ? 1 : a.known > b.known ? -1 : b.id - a.id))
			.slice(0, 100);
		expect(f.entry.map((e: { updated: string }) => e.updated.slice(0, 10))).toEqual(newest.map((n) => n.known));
		const titles = f.entry.map((e: { title: { '#text': string } }) => e.title['#text']);
		expect(titles).toContain('Pakistan acceded to the Trafficking in Persons Protocol on 4 November 2022.');
	});

	it('per instrument: only that instrument’s events', async () => {
		const f = await feed('trafficking-protocol');
		expect(f.entry.length).toBeGreaterThan(0);
		for (const e of f.entry) expect(e.link.find((l: Record<string, string>) => l['@rel'] === 'related')['@href']).toBe(`${origin}/instruments/trafficking-protocol`);
	});

	it('without a configured origin, links are relative and the ids are the same: nothing depends on where it was asked from', async () => {
		const [anywhere, here] = [await feed(undefined, null), await feed()];
		expect(anywhere.link.find((l: Record<string, string>) => l['@rel'] === 'self')['@href']).toBe('/feed.atom');
		for (const e of anywhere.entry) expect(e.link[0]['@href']).toMatch(/^\/participants\/[A-Z]{3}$/);
		expect(anywhere.id).toBe(here.id);
		expect(anywhere.entry.map((e: { id: string }) => e.id)).toEqual(here.entry.map((e: { id: string }) => e.id));
	});

	it('escapes text: data is never markup', () => {
		expect(atom.escape(`Bosnia & "Herzegovina" <b>'x'</b>\u0001`)).toBe('Bosnia &amp; &quot;Herzegovina&quot; &lt;b&gt;&apos;x&apos;&lt;/b&gt;');
	});
});

describe('ILO members that joined after the COW data ends (2014)', () => {
	// data/sources.json: normlex-c029-2023 is recorded on 2023-06-25; later, a non-party is unknown
	it('ILO C029 non-parties on 2023-06-25, the record’s date, include Palau and Tonga', async () => {
		const db = await freshDb();
		const l = await nonparties.list(db, { slug: 'ilo-c029', asOf: '2023-06-25' });
		const codes = [...l!.signed, ...l!.notSigned].map((p) => p.code);
		expect(codes).toEqual(expect.arrayContaining(['PLW', 'TON', 'USA', 'AFG', 'MHL', 'TUV']));
		expect(codes).toHaveLength(6);
	});
});
