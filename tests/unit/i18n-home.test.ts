// The home area's words in the reader's language: the sentences the server writes (recent
// events, last changes, published totals, charts, time stamps) in French and Arabic, and
// English as it always read.
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from './db';
import { inLocale } from './locale';
import type { Db } from '../../src/lib/server/db';
import * as changes from '../../src/lib/server/record/changes';
import * as charts from '../../src/lib/server/views/charts';
import { eventPieces, sentence as eventSentence, type ParticipationChange } from '../../src/lib/events';
import { roleWords, sentence as lastChanged, type LastChange } from '../../src/lib/last-change';
import { publishedSentence, type PublishedComparison } from '../../src/lib/published';
import { GROUP_KIND_LABELS, byKind } from '../../src/lib/groups';
import { URGENCY_LABELS } from '../../src/lib/freshness';
import { formatTimestamp } from '../../src/lib/timestamps';
import { abbreviation } from '../../src/lib/abbreviations';

let db: Db;
beforeAll(async () => {
	db = await freshDb();
});

const ACCESSION: ParticipationChange = {
	id: 1,
	slug: 'trafficking-protocol',
	shortTitle: 'Trafficking in Persons Protocol',
	code: 'PAK',
	name: 'Pakistan',
	kind: 'accession',
	date: '2022-11-04',
	precision: 'day',
	known: '2022-11-04',
	earliest: null,
	ilo: false,
	source: { id: 'untc', title: 'UNTC', recordedOn: null }
};

const BEHIND: PublishedComparison = {
	asOf: '2024-05-04',
	precision: 'day',
	reportedBy: 'depositary',
	signatories: null,
	parties: 123,
	note: null,
	sourceId: 's',
	sourceLine: null,
	record: { parties: 109, signatories: 52 },
	missing: 14,
	newerThanRecord: true
};

const IMPORTED: LastChange = { at: '2026-11-30T12:05:00Z', by: { kind: 'import', source: { id: 'untc', title: 'UNTC status table' } }, auditHref: null };

describe('an event as a sentence', () => {
	it('reads as it always has in English', async () => {
		await inLocale('en', () => {
			expect(eventSentence(ACCESSION)).toBe('Pakistan acceded to the Trafficking in Persons Protocol on 4 November 2022');
			expect(eventSentence({ ...ACCESSION, slug: 'untoc', shortTitle: 'UNTOC', kind: 'ratification', date: null, known: '2008-03-02' })).toBe(
				'Pakistan ratified UNTOC by 2 March 2008 (day not recorded)'
			);
		});
	});

	it('names the State and the instrument in French and Arabic, the date as each writes it', async () => {
		await inLocale('fr', () => expect(eventSentence(ACCESSION)).toMatch(/^Pakistan — adhésion : .+, le 4 novembre 2022$/));
		await inLocale('ar', () => expect(eventSentence(ACCESSION)).toMatch(/^انضمت باكستان إلى .+ في 4 نوفمبر 2022$/));
	});

	it('keeps the names apart so a page can link them wherever the language puts them', async () => {
		const pieces = await inLocale('ar', () => eventPieces(ACCESSION));
		expect(pieces.map((p) => p.slot ?? null)).toEqual([null, 'participant', null, 'instrument']);
		expect(pieces[1].text).toBe('باكستان');
	});

	it('the recent events of the record read in French', async () => {
		const recent = await changes.recent(db, { until: '2023-12-31', limit: 5 });
		const sentences = await inLocale('fr', () => recent.map(eventSentence));
		expect(sentences.join('\n')).not.toMatch(/ (ratified|signed|acceded to|on) /);
		expect(sentences.every((s) => s.includes(' — '))).toBe(true);
	});
});

describe('last changes, published totals and labels', () => {
	it('English unchanged', async () => {
		await inLocale('en', () => {
			expect(lastChanged(IMPORTED)).toBe('Last changed on 30 November 2026 by an import of UNTC status table.');
			expect(publishedSentence(BEHIND)).toBe('the depositary reported 123 parties on 4 May 2024; this record holds 109 — 14 are missing');
			expect(roleWords('editor')).toBe('an editor of the record');
			expect(URGENCY_LABELS.old).toBe('Older than a year');
			expect(formatTimestamp('2026-11-30T12:05:33Z')).toBe('30 November 2026, 12:05 UTC');
			expect(abbreviation('smuggling-protocol', 'x')).toBe('Smuggling');
		});
	});

	it('in French', async () => {
		await inLocale('fr', () => {
			expect(lastChanged(IMPORTED)).toBe('Dernière modification le 30 novembre 2026 par une importation de UNTC status table.');
			expect(publishedSentence(BEHIND)).toBe('le dépositaire a fait état de 123 Parties au 4 mai 2024 ; ces données en comptent 109 — il en manque 14');
			expect(roleWords('secretariat')).toBe('le secrétariat');
			expect(URGENCY_LABELS.old).toBe('Plus d’un an');
			expect(GROUP_KIND_LABELS.region).toBe('Régions (M49 de l’ONU)');
			expect(byKind([{ kind: 'organisation' }])[0].label).toBe('Organisations');
		});
	});

	it('in Arabic, with its plural forms', async () => {
		await inLocale('ar', () => {
			expect(lastChanged(IMPORTED)).toBe('آخر تعديل في 30 نوفمبر 2026 عن طريق استيراد UNTC status table.');
			expect(publishedSentence(BEHIND)).toBe('أفاد الوديع بوجود 123 طرفًا حتى تاريخ 4 مايو 2024؛ ويتضمن هذا السجل 109، وينقصه 14');
			expect(publishedSentence({ ...BEHIND, parties: 5, record: { parties: 5, signatories: 0 }, missing: 0 })).toBe(
				'أفاد الوديع بوجود 5 أطراف حتى تاريخ 4 مايو 2024؛ ويتضمن هذا السجل 5، أي العدد نفسه'
			);
			expect(URGENCY_LABELS.missing).toBe('لا يوجد سجل');
		});
	});
});

describe('the cumulative chart', () => {
	it('is drawn in each language, not served from another language’s cache', async () => {
		const en = await inLocale('en', () => charts.cumulative(db, { slug: 'untoc', asOf: '2010-01-01' }));
		const fr = await inLocale('fr', () => charts.cumulative(db, { slug: 'untoc', asOf: '2010-01-01' }));
		expect(en!.title).toBe('Parties to the UNTOC over time');
		expect(en!.description).toMatch(/^Step chart from 15 November 2000 to .+ It entered into force on 29 September 2003\.$/);
		expect(fr!.title).toBe('Évolution du nombre de Parties : Convention des Nations Unies contre la criminalité transnationale organisée');
		expect(fr!.description).toMatch(/^Graphique en escalier du 15 novembre 2000 au .+ Il est entré en vigueur le 29 septembre 2003\.$/);
		expect(fr!.wide.entryIntoForce!.label).toBe('En vigueur : 29 septembre 2003');
	});
});
