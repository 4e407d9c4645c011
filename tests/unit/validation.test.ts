// The rules an edit of the record is held to, each with real instruments and States: the
// expected dates come from data/ (acts.csv, instruments.json), not from the code under test.
import { csvParse } from 'd3-dsv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import * as participation from '../../src/lib/server/record/participation';
import * as records from '../../src/lib/server/record/record';
import type { TreatyRecord } from '../../src/lib/server/record/record';
import { parseRule } from '../../src/lib/server/record/rules';
import * as sources from '../../src/lib/server/record/catalogue';
import * as validation from '../../src/lib/server/record/validation';
import { DATA_DIR, freshDb } from './db';

const ACTS = csvParse(readFileSync(join(DATA_DIR, 'record/acts.csv'), 'utf8'));
const INSTRUMENTS: { slug: string; adopted?: string; opened_for_signature?: string; eif_rule: unknown }[] = JSON.parse(readFileSync(join(DATA_DIR, 'instruments.json'), 'utf8')).instruments;

/** The date data/record/acts.csv gives an act. */
function recorded(instrument: string, participant: string, act: string): string {
	const row = ACTS.find((r) => r.instrument === instrument && r.participant === participant && r.act === act);
	if (!row?.date) throw new Error(`acts.csv has no dated ${act} of ${participant} in ${instrument}`);
	return row.date;
}
const adopted = (slug: string) => {
	const i = INSTRUMENTS.find((i) => i.slug === slug)!;
	return (i.adopted ?? i.opened_for_signature)!;
};
const rule = (slug: string) => parseRule(JSON.stringify(INSTRUMENTS.find((i) => i.slug === slug)!.eif_rule));
const day = (date: string) => ({ date, earliest: null, latest: null });
const TODAY = '2026-12-01';

let db: Db;
let record: TreatyRecord;
beforeAll(async () => {
	db = await freshDb();
	record = await records.get(db);
});

/** Every finding on a proposed new act (or a correction of `current`), against the seeded record. */
async function check(p: { instrument: string; participant: string; event: string; date: string; source?: string; current?: participation.CurrentAct; reason?: string }) {
	const source = p.source ?? 'untc-xviii-12-a-2023';
	const ref = sources.parseReference(source);
	const values = { ...(p.current?.attributes ?? {}), event: p.event as participation.ActAttributes['event'], ...day(p.date) };
	return validation.check(
		record,
		{ instrument: p.instrument, participant: p.participant, values, source, ref, sourceExists: ref ? (await sources.known(db, ref)) !== null : false, current: p.current, reason: p.reason },
		{ today: TODAY, acts: await participation.current(db, { instrument: p.instrument, participant: p.participant }) }
	);
}
const fields = (findings: validation.Finding[]) => findings.map((f) => f.field);

describe('who and what', () => {
	test('an unknown participant or instrument is named by its field', async () => {
		const a = await check({ instrument: 'trafficking-protocol', participant: 'XXX', event: 'accession', date: '2010-01-01' });
		expect(validation.byField(a.errors).participant).toMatch(/no participant with the code “XXX”/);
		const b = await check({ instrument: 'no-such-treaty', participant: 'UGA', event: 'accession', date: '2010-01-01' });
		expect(validation.byField(b.errors).instrument).toMatch(/no instrument “no-such-treaty”/);
	});

	test('a plan is endorsed and a treaty is not; a consent cannot be corrected into a signature', () => {
		expect(validation.eventProblem('ratification', { binding: false })).toMatch(/endorsed, never signed or ratified/);
		expect(validation.eventProblem('endorsement', { binding: true })).toMatch(/Only a non-binding plan is endorsed/);
		expect(validation.eventProblem('signature', { binding: true, kind: 'consent' })).toMatch(/This act is a consent/);
		expect(validation.eventProblem('acceptance', { binding: true, kind: 'consent' })).toBeNull();
		expect(validation.eventProblem('ratified', { binding: true })).toMatch(/not a kind of act/);
	});
});

describe('the date', () => {
	test('not in the future: Uganda’s ratification of the Trafficking Protocol dated after today is refused', async () => {
		const found = await check({ instrument: 'trafficking-protocol', participant: 'UGA', event: 'ratification', date: '2026-12-02' });
		expect(validation.byField(found.errors).date).toBe('2 December 2026 is in the future: the record holds what has happened.');
	});

	test('not before the instrument was opened for signature: a CETS 197 signature the day before it was opened at Warsaw', async () => {
		const opened = adopted('cets-197');
		expect(opened).toBe('2005-05-16');
		const found = await check({ instrument: 'cets-197', participant: 'AUT', event: 'signature', date: '2005-05-15', source: 'coe-cets197-excerpts' });
		expect(validation.byField(found.errors).date).toBe('CoE Anti-Trafficking Convention (CETS No. 197) was opened for signature on 16 May 2005: nothing can be signed or joined before that day.');
		expect(validation.dateProblem(day(opened), { today: TODAY, adopted: opened, instrument: 'CETS 197' })).toBeNull();
	});

	test('a date that is not one', () => {
		expect(validation.dateProblem(day('2023-02-30'), { today: TODAY, adopted: null, instrument: 'UNTOC' })).toMatch(/is not a date/);
		expect(validation.dateProblem({ date: null, earliest: null, latest: null }, { today: TODAY, adopted: null, instrument: 'UNTOC' })).toMatch(/Give the date/);
	});
});

describe('a ratification confirms a signature', () => {
	test('UN treaties, CETS 197, ACTIP and SAARC are signed first; ILO conventions and plans are not', () => {
		for (const slug of ['untoc', 'trafficking-protocol', 'opsc', 'convention-1949', 'cets-197', 'actip', 'saarc-convention']) {
			expect(validation.signatureFirst(rule(slug)), slug).toBe(true);
		}
		for (const slug of ['ilo-c029', 'ilo-p029', 'ilo-c189', 'osce-action-plan']) expect(validation.signatureFirst(rule(slug)), slug).toBe(false);
	});

	test('Pakistan never signed the Trafficking Protocol (it acceded): its accession cannot be corrected into a ratification', async () => {
		const act = (await participation.find(db, { instrument: 'trafficking-protocol', participant: 'PAK', kind: 'consent', seq: 1 }))!;
		expect(act.attributes).toMatchObject({ event: 'accession', date: recorded('trafficking-protocol', 'PAK', 'consent') });
		const found = await check({ instrument: 'trafficking-protocol', participant: 'PAK', event: 'ratification', date: act.attributes.date!, current: act, reason: 'test' });
		expect(validation.byField(found.errors).event).toBe(
			'Trafficking in Persons Protocol: a ratification confirms a signature, and the record holds no signature of Pakistan. Record the signature first, or, if Pakistan never signed, record this consent as an accession.'
		);
		expect((await check({ instrument: 'trafficking-protocol', participant: 'PAK', event: 'accession', date: '2022-11-05', current: act, reason: 'test' })).errors).toEqual([]);
	});

	test('an accession needs no signature; a ratification before the signature it confirms is refused (Colombia signed on 12 December 2000)', async () => {
		const signed = recorded('trafficking-protocol', 'COL', 'signature');
		expect(signed).toBe('2000-12-12');
		const r = rule('trafficking-protocol');
		const signature = day(signed);
		const base = { rule: r, signature, partial: false, who: 'Colombia', instrument: 'the Trafficking in Persons Protocol' };
		expect(validation.signatureProblem({ ...base, event: 'ratification', dating: day('2000-12-11') })).toEqual({
			severity: 'error',
			message: "Colombia's signature is dated 12 December 2000, after 11 December 2000: a ratification confirms a signature made before it. Correct one of the two dates."
		});
		expect(validation.signatureProblem({ ...base, event: 'ratification', dating: day(recorded('trafficking-protocol', 'COL', 'consent')) })).toBeNull();
		expect(validation.signatureProblem({ ...base, signature: null, event: 'accession', dating: day('2004-08-04') })).toBeNull();
	});

	test('ILO conventions are ratified without signature: Germany’s ratification of C189', () => {
		const found = validation.signatureProblem({
			event: 'ratification', dating: day('2013-09-20'), rule: rule('ilo-c189'), signature: null, partial: false, who: 'Germany', instrument: 'C189'
		});
		expect(found).toBeNull();
	});

	test('in a partial record a missing signature is a warning: France’s ratification of CETS 197, whose record holds no French signature', async () => {
		expect(record.instruments.get('cets-197')!.dataStatus).toBe('partial');
		const act = (await participation.find(db, { instrument: 'cets-197', participant: 'FRA', kind: 'consent', seq: 1 }))!;
		const found = await check({ instrument: 'cets-197', participant: 'FRA', event: 'ratification', date: '2008-01-09', current: act, reason: 'the day', source: 'coe-cets197-excerpts' });
		expect(found.errors).toEqual([]);
		expect(found.warnings).toEqual([
			{
				field: 'event',
				message: 'CoE Anti-Trafficking Convention (CETS No. 197): a ratification confirms a signature, and this partial record holds no signature of France. Record the signature too if the source gives it.'
			}
		]);
	});
});

describe('a Protocol needs its Convention (UNTOC art. 37)', () => {
	test('Uganda ratifying the Trafficking Protocol before its UNTOC ratification gives the art. 37 warning, not an error', async () => {
		const untoc = recorded('untoc', 'UGA', 'consent');
		expect(untoc).toBe('2005-03-09');
		expect(recorded('trafficking-protocol', 'UGA', 'signature')).toBe('2000-12-12'); // signed: the ratification rule is met
		const found = await check({ instrument: 'trafficking-protocol', participant: 'UGA', event: 'ratification', date: '2004-06-01' });
		expect(found.errors).toEqual([]);
		expect(found.warnings).toEqual([
			{
				field: 'date',
				message:
					'On 1 June 2004 Uganda had not consented to UNTOC (its status then: signed); UNTOC art. 37(2): to become a Party to a Protocol, a State must also be a Party to the Convention. If the source shows both consents, record the Convention\'s too.',
				href: '/instruments/untoc/articles/37'
			}
		]);
	});

	test('on the day of the Convention’s consent, or after it, there is nothing to warn of', async () => {
		const untoc = recorded('untoc', 'UGA', 'consent');
		expect((await check({ instrument: 'trafficking-protocol', participant: 'UGA', event: 'ratification', date: untoc })).warnings).toEqual([]);
	});

	test('a real case in the record: Korea’s ratification of 5 November 2015, which the 2014 UNTOC table predates', async () => {
		const tip = recorded('trafficking-protocol', 'KOR', 'consent');
		const untoc = record.instruments.get('untoc')!;
		// the UNTOC table of 2014 cannot say what Korea had done by 2015: unknown, last known signed
		const then = (await import('../../src/lib/server/record/status')).statusOn(untoc, untoc.timelines.get('KOR'), tip);
		expect(then.status).toBe('unknown');
		expect(then.lastKnown?.status).toBe('signed');
		const found = validation.conventionFirstProblem({
			event: 'ratification', dating: day(tip), prerequisite: { slug: 'untoc', shortTitle: 'UNTOC' }, prerequisiteStatus: then.status, prerequisiteLastKnown: then.lastKnown, who: 'the Republic of Korea', instrument: 'TIP'
		});
		expect(found?.message).toMatch(/^On 5 November 2015 the record of UNTOC holds no consent of the Republic of Korea \(its status on \d+ \w+ 2014, the last day the record can vouch for: signed\)/);
		// …but a correction that leaves the form and the date alone is not held to it again
		const act = (await participation.find(db, { instrument: 'trafficking-protocol', participant: 'KOR', kind: 'consent', seq: 1 }))!;
		expect((await check({ instrument: 'trafficking-protocol', participant: 'KOR', event: 'ratification', date: tip, current: act, reason: 'a note' })).warnings).toEqual([]);
	});

	test('a signature of a Protocol is not a consent: no warning', () => {
		expect(
			validation.conventionFirstProblem({
				event: 'signature', dating: day('2000-12-12'), prerequisite: { slug: 'untoc', shortTitle: 'UNTOC' }, prerequisiteStatus: 'none', who: 'Uganda', instrument: 'TIP'
			})
		).toBeNull();
	});
});

describe('a duplicate', () => {
	test('Colombia’s ratification of UNTOC is already in the record: say so, and link to correct it', async () => {
		const act = (await participation.find(db, { instrument: 'untoc', participant: 'COL', kind: 'consent', seq: 1 }))!;
		const found = await check({ instrument: 'untoc', participant: 'COL', event: 'ratification', date: recorded('untoc', 'COL', 'consent'), source: 'untc-xviii-12-2014' });
		expect(found.errors).toEqual([
			{ field: 'event', message: "Colombia's consent to UNTOC is already in the record (ratification, 4 August 2004): correct it instead.", href: `/record/acts/${act.id}` }
		]);
	});

	test('a consent after a denunciation is a new act: Malaysia denounced C105 on 10 January 1990', async () => {
		expect(recorded('ilo-c105', 'MYS', 'denunciation')).toBe('1990-01-10');
		const found = await check({ instrument: 'ilo-c105', participant: 'MYS', event: 'ratification', date: '1995-01-10', source: 'normlex-c105-2023' });
		expect(found.errors).toEqual([]);
		expect(found.seq).toBe(2);
		const before = await check({ instrument: 'ilo-c105', participant: 'MYS', event: 'ratification', date: '1985-01-10', source: 'normlex-c105-2023' });
		expect(fields(before.errors)).toEqual(['event']);
	});
});

describe('the source', () => {
	test('an id in the catalogue, a UN depositary notification, or a web address; anything else is refused', () => {
		expect(sources.parseReference('untc-xviii-12-2014')).toEqual({ kind: 'id', id: 'untc-xviii-12-2014' });
		// The example of the shape of a reference (not a notification this record relies on).
		expect(sources.parseReference('C.N.123.2024.TREATIES-XVIII.12.a')).toEqual({
			kind: 'notification', reference: 'C.N.123.2024.TREATIES-XVIII.12.a', id: 'cn-123-2024-xviii-12-a', year: 2024, treaty: 'XVIII-12-a'
		});
		const page = 'https://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-12-a&chapter=18';
		expect(sources.parseReference(page)).toMatchObject({ kind: 'url', url: page, id: expect.stringMatching(/^web-treaties-un-org-[0-9a-f]{8}$/) });
		expect(sources.parseReference('the UN website')).toBeNull();
		expect(sources.parseReference('https://localhost/x')).toBeNull();
		expect(sources.parseReference('  ')).toBeNull();
	});

	test('an unknown id, a notification about another treaty or from another depositary, or issued before the act', async () => {
		const problem = async (instrument: string, participant: string, event: string, date: string, source: string) =>
			validation.byField((await check({ instrument, participant, event, date, source })).errors).source;
		expect(await problem('trafficking-protocol', 'UGA', 'ratification', '2005-03-09', 'no-such-source')).toMatch(/^There is no source “no-such-source”/);
		expect(await problem('trafficking-protocol', 'UGA', 'ratification', '2005-03-09', 'a web page')).toMatch(/is not a source/);
		expect(await problem('untoc', 'IRN', 'ratification', '2010-01-01', 'C.N.123.2024.TREATIES-XVIII.12.a')).toBe(
			'C.N.123.2024.TREATIES-XVIII.12.a is about treaty XVIII-12-a, not UNTOC (UNTC XVIII-12).'
		);
		expect(await problem('ilo-c189', 'DEU', 'ratification', '2013-09-20', 'C.N.123.2024.TREATIES-XVIII.12.a')).toMatch(
			/a notification of the UN Secretary-General as depositary; the depositary of ILO C189 Domestic Workers is the Director-General of the International Labour Office/
		);
		expect(await problem('trafficking-protocol', 'UGA', 'ratification', '2025-03-09', 'C.N.123.2024.TREATIES-XVIII.12.a')).toBe(
			'C.N.123.2024.TREATIES-XVIII.12.a was issued in 2024, before the act it would record (9 March 2025).'
		);
	});
});

describe('a text longer than the record keeps', () => {
	const source = 'untc-xviii-12-a-2023';
	const long = { note: 'x'.repeat(9000), declarations: 'x'.repeat(5001), quality_flag: 'x'.repeat(501) };

	test('a note, declarations, a flag or a reason over its limit is refused by its field, saying how long, never echoing it — from a form as from the API', async () => {
		// Somalia's accession to the Trafficking Protocol, as a form would send it with every text too long
		const found = validation.check(
			record,
			{ instrument: 'trafficking-protocol', participant: 'SOM', values: { event: 'accession', ...day('2010-01-01'), ...long }, source, ref: sources.parseReference(source), sourceExists: true, reason: 'x'.repeat(2001) },
			{ today: TODAY, acts: [] }
		);
		expect(validation.byField(found.errors)).toEqual({
			note: 'Keep the note under 2,000 characters (it has 9,000).',
			declarations: 'Keep the declarations under 5,000 characters (it has 5,001).',
			qualityFlag: 'Keep the flag under 500 characters (it has 501).',
			reason: 'Keep the reason under 2,000 characters (it has 2,001).'
		});
		expect(JSON.stringify(found.errors)).not.toContain('x'.repeat(41));
	});

	test('a correction is not refused for a text the act already holds', async () => {
		const act = (await participation.current(db, { instrument: 'trafficking-protocol', participant: 'AFG' })).find((a) => a.kind === 'consent')!;
		const current = { ...act, attributes: { ...act.attributes, ...long } };
		const found = await check({ instrument: 'trafficking-protocol', participant: 'AFG', event: 'accession', date: '2014-08-16', current, reason: 'the depositary’s table' });
		expect(fields(found.errors)).toEqual([]);
	});
});

describe('a reason', () => {
	test('a correction or retraction says why', () => {
		expect(validation.reasonProblem('  ', 'correct')).toMatch(/^Say why/);
		expect(validation.reasonProblem(null, 'retract')).toMatch(/^Say why the act should no longer count/);
		expect(validation.reasonProblem('x'.repeat(2001), 'correct')).toMatch(/under 2,000 characters/);
		expect(validation.reasonProblem('NORMLEX registers it on 20 September 2013', 'correct')).toBeNull();
	});
});
