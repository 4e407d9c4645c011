// The States area in the six languages: the search finds a State by its name in the page's
// language, the briefing note and the compare view speak the request's language (their
// sentences and their plurals), and English reads exactly as it did.
import { beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { freshDb } from './db';
import { inLocale } from './locale';
import * as participants from '../../src/lib/server/record/participants';
import * as briefing from '../../src/lib/server/views/briefing';
import { briefingDocx, briefingFileName } from '../../src/lib/server/views/briefing-docx';
import { disposition as attachment } from '../../src/lib/server/views/exports';
import * as compare from '../../src/lib/server/views/compare';
import * as parity from '../../src/lib/server/views/parity';
import * as toJoin from '../../src/lib/server/views/to-join';
import { compareHref } from '../../src/lib/compare-url';
import type { Db } from '../../src/lib/server/db';

let db: Db;
beforeAll(async () => {
	db = await freshDb();
});

const codes = (list: { code: string }[]) => list.map((p) => p.code);

describe('the States list search', () => {
	it('finds Germany as "Allemagne" on a French page, "Герм" on a Russian one, "ألمانيا" on an Arabic one, and by its English name everywhere', async () => {
		expect(codes(await inLocale('fr', () => participants.search(db, 'allemagne')))).toEqual(['DEU']);
		expect(codes(await inLocale('ru', () => participants.search(db, 'Герм')))).toEqual(['DEU']);
		expect(codes(await inLocale('ar', () => participants.search(db, 'ألمانيا')))).toEqual(['DEU']);
		expect(codes(await inLocale('zh', () => participants.search(db, '德国')))).toContain('DEU');
		expect(codes(await inLocale('fr', () => participants.search(db, 'germany')))).toEqual(['DEU']);
		// a Russian name on an English page is not one of its names
		expect(codes(await inLocale('en', () => participants.search(db, 'Германия')))).toEqual([]);
	});

	it('sorts what it finds as the language sorts the names it shows', async () => {
		// "guinée" in French: Guinée, Guinée équatoriale, Guinée-Bissau, Papouasie-Nouvelle-Guinée
		const found = await inLocale('fr', () => participants.search(db, 'guinée'));
		expect(codes(found)).toEqual(['GIN', 'GNQ', 'GNB', 'PNG']);
	});
});

describe('the briefing note', () => {
	it('in French: the State, its instruments and its sentences, with the plural of years', async () => {
		const b = (await inLocale('fr', () => briefing.forParticipant(db, { code: 'IND', asOf: '2026-01-01' })))!;
		expect(b.participant.name).toBe('Inde');
		const p029 = b.toJoin.find((t) => t.slug === 'ilo-p029')!;
		expect(p029.phrase).toMatch(/^non partie selon nos dernières données \(25 juin 2023\)\u00a0; a pu le devenir depuis\u00a0; ouvert à sa participation depuis le .+ \(\d+ ans\)$/);
		const docx = await inLocale('fr', () => briefingDocx(b, null));
		const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']);
		expect(xml).toContain('Inde\u00a0: instruments relatifs à la traite des personnes');
		expect(xml).toContain('Consentement à être lié');
		expect(xml).not.toContain('Still to join');
		expect(await inLocale('fr', () => briefingFileName(b))).toBe('note-d-information-IND-2026-01-01.docx');
	});

	it('in Arabic: right to left in Word, the name as the UN writes it, a file name Arabic clients read', async () => {
		const b = (await inLocale('ar', () => briefing.forParticipant(db, { code: 'DEU', asOf: '2026-01-01' })))!;
		expect(b.participant.name).toBe('ألمانيا');
		const xml = strFromU8(unzipSync(new Uint8Array(await inLocale('ar', () => briefingDocx(b, null))))['word/document.xml']);
		expect(xml).toContain('ألمانيا: صكوك مكافحة الاتجار بالأشخاص');
		expect(xml).toContain('<w:bidi/>');
		const name = await inLocale('ar', () => briefingFileName(b));
		expect(attachment(name, 'briefing-DEU-2026-01-01.docx')).toBe(
			`attachment; filename="briefing-DEU-2026-01-01.docx"; filename*=UTF-8''${encodeURIComponent('مذكرة-إحاطة-DEU-2026-01-01.docx')}`
		);
	});

	it('in English, as it always read', async () => {
		const b = (await inLocale('en', () => briefing.forParticipant(db, { code: 'IND', asOf: '2026-01-01' })))!;
		expect(b.participant.name).toBe('India');
		expect(b.toJoin.find((t) => t.slug === 'ilo-p029')!.phrase).toMatch(/^not joined when the record last knew \(25 June 2023\); it may have since; open to it since .+ \(\d+ years\)$/);
		expect(await inLocale('en', () => briefingFileName(b))).toBe('briefing-IND-2026-01-01.docx');
		expect(attachment('briefing-IND-2026-01-01.docx', 'x')).toBe('attachment; filename="briefing-IND-2026-01-01.docx"');
		const xml = strFromU8(unzipSync(new Uint8Array(await inLocale('en', () => briefingDocx(b, null))))['word/document.xml']);
		expect(xml).toContain('India: instruments against trafficking in persons');
		expect(xml).toContain('Still to join');
	});
});

describe('how long an instrument has been open, in each language’s plural', () => {
	it('one, few, many: Russian; the Arabic dual; English', async () => {
		expect(await inLocale('ru', () => [1, 3, 5, 21].map((n) => toJoin.openFor(`${2000 - n}-01-01`, '2000-06-01')))).toEqual([
			'открыт для участия с 1 января 1999 г. (1 год)',
			'открыт для участия с 1 января 1997 г. (3 года)',
			'открыт для участия с 1 января 1995 г. (5 лет)',
			'открыт для участия с 1 января 1979 г. (21 год)'
		]);
		expect(await inLocale('ar', () => toJoin.openFor('1998-01-01', '2000-06-01'))).toContain('(سنتان)');
		expect(await inLocale('en', () => [0, 1, 2].map((n) => toJoin.openFor(`${2000 - n}-01-01`, '2000-06-01')))).toEqual([
			'open to it since 1 January 2000 (less than a year)',
			'open to it since 1 January 1999 (1 year)',
			'open to it since 1 January 1998 (2 years)'
		]);
	});
});

describe('compare', () => {
	it('names what it cannot find in the language, and as before in English', async () => {
		const notFound = { codes: ['XXX', 'Narnia'], groups: ['no-such-group'] };
		expect(await inLocale('fr', () => compare.notFoundProblem(notFound))).toBe('codes inconnus\u00a0: XXX, Narnia\u00a0; groupe inconnu\u00a0: no-such-group');
		expect(await inLocale('ar', () => compare.notFoundProblem(notFound))).toBe('رموز غير معروفة: XXX، Narnia؛ مجموعة غير معروفة: no-such-group');
		expect(await inLocale('en', () => compare.notFoundProblem(notFound))).toBe('unknown codes: XXX, Narnia; unknown group: no-such-group');
	});

	it('reads a name typed in the language ("Allemagne"), sorts a group by the names shown, and links in the language', async () => {
		const sel = await inLocale('fr', () => parity.resolveSelection(db, { codes: [], names: ['Allemagne', 'Italy'], asOf: '2020-01-01' }));
		expect(sel).toMatchObject({ codes: ['DEU', 'ITA'], notFound: { codes: [] } });
		const result = await inLocale('es', () => compare.build(db, { codes: ['DEU', 'FRA', 'ESP'], group: null, names: [] }, '2020-01-01'));
		expect((await inLocale('es', () => compare.sortRows(result, 'name'))).map((p) => p.name)).toEqual(['Alemania', 'España', 'Francia']);
		expect(await inLocale('fr', () => compareHref({ codes: ['FRA', 'DEU'], asOf: '2020-01-01', today: '2026-01-01' }))).toBe('/fr/compare?codes=FRA,DEU&asOf=2020-01-01');
		expect(await inLocale('en', () => compareHref({ codes: ['FRA', 'DEU'], asOf: '2020-01-01', today: '2026-01-01' }))).toBe('/compare?codes=FRA,DEU&asOf=2020-01-01');
	});

	it('says why a group is the one compared with, in the language', async () => {
		const fr = await inLocale('fr', () => parity.forParticipant(db, { code: 'IND', asOf: '2020-01-01' }));
		expect(fr.peers?.reason).toBe('la plus petite de ses organisations régionales');
		const en = await inLocale('en', () => parity.forParticipant(db, { code: 'IND', asOf: '2020-01-01' }));
		expect(en.peers?.reason).toBe('the smallest regional organisation it belongs to');
	});
});
