// The review report as a Word document: what a secretariat opens in Word says what the page
// says, and nothing a State typed can turn into markup.
import { describe, expect, it } from 'vitest';
// fflate comes with docx (it zips the document); here it opens what docx wrote.
import { strFromU8, unzipSync } from 'fflate';
import { reportDocx, reportFileName } from '../../src/lib/server/reviews/report-docx';
import { OBSERVATION_LABELS, type ReportData } from '../../src/lib/server/reviews/report-data';

function india(overrides: Partial<ReportData> = {}): ReportData {
	return {
		mechanism: 'UNTOC review mechanism',
		cycle: 'First cycle of country reviews (substantive phase, 2020–2030)',
		cluster: { n: 1, title: 'Criminalization and jurisdiction' },
		state: { code: 'IND', name: 'India' },
		reviewers: [
			{ instrument: 'untoc', instrumentTitle: 'UNTOC', codes: ['DEU', 'BRA'], names: ['Germany', 'Brazil'] },
			{ instrument: 'trafficking-protocol', instrumentTitle: 'Trafficking in Persons Protocol', codes: ['NGA', 'FRA'], names: ['Nigeria', 'France'] }
		],
		stage: 'self-assessment',
		launchedOn: '2020-10-12',
		reached: { 'self-assessment': '2021-03-01' },
		summary: 'India has criminalized trafficking in persons in section 370 of the Indian Penal Code.',
		items: [
			{
				instrument: 'untoc',
				instrumentTitle: 'UNTOC',
				article: '5',
				articleTitle: 'Criminalization of participation in an organized criminal group',
				answer: null,
				observations: []
			},
			{
				instrument: 'trafficking-protocol',
				instrumentTitle: 'Trafficking in Persons Protocol',
				article: '3',
				articleTitle: 'Use of terms',
				answer: {
					text: 'Section 370 defines trafficking.\n\nExploitation includes sexual exploitation and forced labour.',
					status: 'partly',
					legislation: [
						{ title: 'Indian Penal Code', article: 'section 370', link: 'https://www.indiacode.nic.in/' },
						{ title: 'Immoral Traffic (Prevention) Act, 1956', article: null, link: 'javascript:alert(1)' }
					]
				},
				observations: [
					{ kind: 'gap', text: 'The definition does not cover the removal of organs.' },
					{ kind: 'recommendation', text: 'Extend section 370 to the removal of organs.' }
				]
			},
			{
				instrument: 'trafficking-protocol',
				instrumentTitle: 'Trafficking in Persons Protocol',
				article: '5',
				articleTitle: 'Criminalization',
				answer: { text: 'Attempt and participation are offences.', status: 'implemented', legislation: [] },
				observations: [{ kind: 'good-practice', text: 'Specialized anti-human-trafficking units in every district.' }]
			}
		],
		draftNote: null,
		generatedOn: '2026-11-30',
		...overrides
	};
}

async function open(r: ReportData): Promise<Record<string, string>> {
	const files = unzipSync(new Uint8Array(await reportDocx(r)));
	return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/** The document's visible text, run by run: the XML's text nodes joined. */
function visible(xml: string): string {
	return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('a country review as a Word document', () => {
	it('is a Word package with the report in it', async () => {
		const buffer = await reportDocx(india());
		expect(buffer.subarray(0, 2).toString()).toBe('PK');
		const files = await open(india());
		expect(Object.keys(files)).toContain('word/document.xml');
		const xml = files['word/document.xml'];
		const text = visible(xml);
		expect(text).toContain('Country review of India: Criminalization and jurisdiction');
		expect(text).toContain('UNTOC review mechanism — First cycle of country reviews (substantive phase, 2020–2030)');
		expect(text).toContain('India has criminalized trafficking in persons in section 370 of the Indian Penal Code.');
		expect(text).toContain('Germany, Brazil');
		expect(text).toContain('Nigeria, France');
		expect(text).toContain('Launched on 12 October 2020');
		expect(text).toContain('Article 3 — Use of terms');
		expect(text).toContain('Article 5 — Criminalization');
		expect(text).toContain('Article 5 — Criminalization of participation in an organized criminal group');
		expect(text).toContain('partly implemented');
		expect(text).toContain('not assessed');
		expect(text).toContain('The definition does not cover the removal of organs.');
		expect(text).toContain(OBSERVATION_LABELS.gap);
		expect(text).toContain(OBSERVATION_LABELS['good-practice']);
		expect(text).toContain('Indian Penal Code');
		expect(text).toContain('Immoral Traffic (Prevention) Act, 1956');
	});

	it('uses Word’s heading styles, so the navigation pane lists the articles', async () => {
		const xml = (await open(india()))['word/document.xml'];
		const heading2 = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Heading2"\/>(?:(?!<\/w:p>).)*<\/w:p>/g)].map((m) => visible(m[0]));
		expect(heading2).toEqual([
			'Article 5 — Criminalization of participation in an organized criminal group',
			'Article 3 — Use of terms',
			'Article 5 — Criminalization'
		]);
		expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
	});

	it('keeps the answer’s paragraphs apart', async () => {
		const xml = (await open(india()))['word/document.xml'];
		const paragraphs = [...xml.matchAll(/<w:p>.*?<\/w:p>/g)].map((m) => visible(m[0]));
		expect(paragraphs).toContain('Section 370 defines trafficking.');
		expect(paragraphs).toContain('Exploitation includes sexual exploitation and forced labour.');
	});

	it('links a web address and leaves any other link as text', async () => {
		const files = await open(india());
		const rels = files['word/_rels/document.xml.rels'];
		expect(rels).toContain('Target="https://www.indiacode.nic.in/"');
		expect(rels).not.toContain('javascript:');
		expect(files['word/document.xml']).toContain('<w:hyperlink');
		expect(visible(files['word/document.xml'])).toContain('javascript:alert(1)');
	});

	it('writes a summary with markup characters as text', async () => {
		const xml = (await open(india({ summary: 'Gaps <script>alert(1)</script> & "quoted" \'single\'' })))['word/document.xml'];
		expect(xml).not.toContain('<script>');
		expect(xml).toContain('&lt;script&gt;');
		expect(xml).toContain('&amp;');
		expect(visible(xml)).toMatch(/Gaps &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; (&quot;|")quoted(&quot;|") (&apos;|')single(&apos;|')/);
	});

	it('says when there is no summary yet', async () => {
		expect(visible((await open(india({ summary: null })))['word/document.xml'])).toContain('No summary yet');
	});

	it('shows the draft note only for a draft cycle', async () => {
		const note = 'A draft configuration for the secretariat to confirm: the article placements marked proposed are Treaty Tracker’s.';
		const draft = visible((await open(india({ draftNote: note })))['word/document.xml']);
		expect(draft).toContain(`Draft configuration — ${note}`);
		const confirmed = visible((await open(india()))['word/document.xml']);
		expect(confirmed).not.toContain('Draft configuration');
	});

	it('drops control characters Word would refuse', async () => {
		const xml = (await open(india({ summary: 'Pasted\u0000 from\u000B a PDF' })))['word/document.xml'];
		expect(visible(xml)).toContain('Pasted from a PDF');
	});

	it('names its title and creator in the document properties', async () => {
		const core = (await open(india()))['docProps/core.xml'];
		expect(core).toContain('<dc:title>Country review of India: Criminalization and jurisdiction</dc:title>');
		expect(core).toContain('<dc:creator>Treaty Tracker</dc:creator>');
	});
});

describe('the report’s file name', () => {
	it('reads review-<cycle>-cluster-<n>-<State>.docx', () => {
		expect(reportFileName(india({ cycle: 'untoc-1' }))).toBe('review-untoc-1-cluster-1-IND.docx');
	});

	it('stays short and ASCII for a long cycle title', () => {
		expect(reportFileName(india())).toBe('review-first-cycle-of-country-reviews-cluster-1-IND.docx');
	});

	it('is safe whatever the names hold', () => {
		const name = reportFileName(india({ cycle: '../Côte d’Ivoire "x"\\/\r\n', state: { code: 'C/I\\V"', name: 'Côte d’Ivoire' } }));
		expect(name).toMatch(/^[A-Za-z0-9-]+\.docx$/);
		expect(name).toBe('review-cote-d-ivoire-x-cluster-1-CIV.docx');
	});
});
