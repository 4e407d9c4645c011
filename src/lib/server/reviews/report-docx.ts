// A country review's report as a Word document: secretariats edit and circulate reports in
// Word, so the download is a real .docx with Word's own heading styles (the navigation pane
// and a table of contents work) rather than an HTML page renamed.
import {
	AlignmentType,
	Document,
	ExternalHyperlink,
	Footer,
	HeadingLevel,
	Packer,
	PageNumber,
	Paragraph,
	TextRun,
	type ParagraphChild
} from 'docx';
import { formatDate } from '../../dates';
import { ANSWER_STATUS_LABELS, type AnswerStatus } from '../../review/labels';
import { OBSERVATION_LABELS, type ReportData, type ReportItem } from './report-data';


type Kind = ReportItem['observations'][number]['kind'];
const KINDS = Object.keys(OBSERVATION_LABELS) as Kind[];

export async function reportDocx(r: ReportData): Promise<Buffer> {
	const title = `Country review of ${r.state.name}: ${r.cluster.title}`;
	const doc = new Document({
		title: clean(title),
		subject: clean(`${r.mechanism} — ${r.cycle}`),
		creator: 'Treaty Tracker',
		lastModifiedBy: 'Treaty Tracker',
		styles: STYLES,
		sections: [
			{
				properties: { page: { margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } } },
				footers: { default: footer(r) },
				children: [...front(r, title), ...reviewers(r), ...summary(r), ...articles(r)]
			}
		]
	});
	return Packer.toBuffer(doc);
}

/** `review-untoc-1-cluster-1-IND.docx`: ASCII letters, digits and hyphens only, so it is safe in a header and on any disk. */
export function reportFileName(r: ReportData): string {
	const parts = ['review', slug(r.cycle, 40), `cluster-${slug(String(r.cluster.n), 8)}`, r.state.code.replace(/[^A-Za-z0-9]/g, '').slice(0, 8)];
	return `${parts.filter((p) => p && p !== 'cluster-').join('-')}.docx`;
}

function front(r: ReportData, title: string): Paragraph[] {
	const out = [
		new Paragraph({ heading: HeadingLevel.TITLE, children: [text(title)] }),
		new Paragraph({ style: 'Subtitle', children: [text(`${r.mechanism} — ${r.cycle}, cluster ${r.cluster.n}`)] })
	];
	if (r.draftNote) {
		// The builder may already lead with "Draft configuration"; don't say it twice.
		const note = /^\s*draft configuration\b/i.test(r.draftNote) ? r.draftNote : `Draft configuration — ${r.draftNote}`;
		out.push(new Paragraph({ style: 'DraftNote', children: [text(note)] }));
	}
	const facts: string[] = [`Stage: ${r.stage}${r.reached[r.stage] ? `, reached on ${formatDate(r.reached[r.stage])}` : ''}`];
	if (r.launchedOn) facts.unshift(`Launched on ${formatDate(r.launchedOn)}`);
	facts.push(`Generated on ${formatDate(r.generatedOn)}`);
	out.push(new Paragraph({ style: 'Meta', children: [text(facts.join(' · '))] }));
	return out;
}

function reviewers(r: ReportData): Paragraph[] {
	const out = [heading(1, 'Reviewing States')];
	if (!r.reviewers.length) return [...out, new Paragraph({ children: [text('No reviewing States drawn yet', { italics: true })] })];
	for (const g of r.reviewers) {
		const names = g.codes.map((code, i) => g.names[i] || code);
		out.push(
			new Paragraph({
				bullet: { level: 0 },
				children: [text(`${g.instrumentTitle}: `, { bold: true }), text(names.length ? names.join(', ') : 'none drawn yet')]
			})
		);
	}
	return out;
}

function summary(r: ReportData): Paragraph[] {
	const out = [heading(1, 'Summary of the list of observations')];
	const paras = r.summary ? paragraphs(r.summary) : [];
	if (!paras.length) return [...out, new Paragraph({ children: [text('No summary yet', { italics: true })] })];
	return [...out, ...paras.map((p) => new Paragraph({ children: lines(p) }))];
}

function articles(r: ReportData): Paragraph[] {
	const out: Paragraph[] = [];
	let instrument: string | null = null;
	for (const item of r.items) {
		if (item.instrument !== instrument) {
			instrument = item.instrument;
			out.push(heading(1, item.instrumentTitle));
		}
		out.push(heading(2, `Article ${item.article}${item.articleTitle ? ` — ${item.articleTitle}` : ''}`));
		out.push(...article(item));
	}
	return out;
}

function article(item: ReportItem): Paragraph[] {
	const a = item.answer;
	// the self-assessed status in words, as the State chose it in the questionnaire
	const status = a?.status ? (ANSWER_STATUS_LABELS[a.status as AnswerStatus]?.toLowerCase() ?? a.status) : 'not assessed';
	const out = [new Paragraph({ children: [text('Self-assessment: ', { bold: true }), text(status)] })];

	const paras = a ? paragraphs(a.text) : [];
	if (paras.length) out.push(...paras.map((p) => new Paragraph({ children: lines(p) })));
	else out.push(new Paragraph({ children: [text('No answer yet', { italics: true })] }));

	if (a?.legislation.length) {
		out.push(heading(3, 'Legislation cited'));
		for (const law of a.legislation) out.push(new Paragraph({ bullet: { level: 0 }, children: legislation(law) }));
	}

	for (const kind of KINDS) {
		const found = item.observations.filter((o) => o.kind === kind);
		if (!found.length) continue;
		out.push(heading(3, OBSERVATION_LABELS[kind]));
		for (const o of found) out.push(new Paragraph({ bullet: { level: 0 }, children: lines(o.text) }));
	}
	return out;
}

function legislation(law: { title: string; article: string | null; link: string | null }): ParagraphChild[] {
	const out: ParagraphChild[] = [text(law.title)];
	if (law.article) out.push(text(`, ${law.article}`));
	if (law.link) {
		out.push(text(' — '));
		// Only a web address becomes a live link: a `javascript:` or `file:` one stays inert text.
		const href = webAddress(law.link);
		out.push(href ? new ExternalHyperlink({ link: href, children: [text(law.link, { style: 'Hyperlink' })] }) : text(law.link));
	}
	return out;
}

function footer(r: ReportData): Footer {
	return new Footer({
		children: [
			new Paragraph({
				alignment: AlignmentType.CENTER,
				children: [
					text(`Country review of ${r.state.name} · page `, { size: 16, color: '666666' }),
					new TextRun({ children: [PageNumber.CURRENT], size: 16, color: '666666' })
				]
			})
		]
	});
}

function heading(level: 1 | 2 | 3, s: string): Paragraph {
	const h = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 }[level];
	return new Paragraph({ heading: h, children: [text(s)] });
}

/** User text always goes in as a run's text: the XML writer escapes it, nothing interprets it. */
function text(s: string, options: { bold?: boolean; italics?: boolean; style?: string; size?: number; color?: string } = {}): TextRun {
	return new TextRun({ ...options, text: clean(s) });
}

/** One paragraph's lines, kept as line breaks. */
function lines(s: string): TextRun[] {
	return s.split(/\r?\n/).map((line, i) => new TextRun({ text: clean(line), break: i ? 1 : undefined }));
}

/** Paragraphs are separated by blank lines. */
function paragraphs(s: string): string[] {
	return s
		.split(/\r?\n[ \t]*\r?\n/)
		.map((p) => p.trim())
		.filter(Boolean);
}

function webAddress(s: string): string | null {
	try {
		const url = new URL(s.trim());
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
	} catch {
		return null;
	}
}

// XML 1.0 cannot carry control characters or lone surrogates at all, escaped or not; one pasted
// from a PDF would make Word refuse the whole file.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(s: string): string {
	return s.replace(NOT_XML, '');
}

function slug(s: string, max: number): string {
	const full = s
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	if (full.length <= max) return full;
	const cut = full.slice(0, max + 1);
	return (cut.lastIndexOf('-') > 0 ? cut.slice(0, cut.lastIndexOf('-')) : full.slice(0, max)).replace(/-$/, '');
}

const FONT = 'Calibri';
const STYLES = {
	default: {
		document: { run: { font: FONT, size: 22 }, paragraph: { spacing: { after: 120, line: 276 } } },
		title: { run: { font: FONT, size: 40, bold: true, color: '1F3864' }, paragraph: { spacing: { after: 120 } } },
		heading1: { run: { font: FONT, size: 30, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true, outlineLevel: 0 } },
		heading2: { run: { font: FONT, size: 26, bold: true, color: '2F5496' }, paragraph: { spacing: { before: 280, after: 100 }, keepNext: true, outlineLevel: 1 } },
		heading3: { run: { font: FONT, size: 22, bold: true, color: '404040' }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true, outlineLevel: 2 } },
		hyperlink: { run: { color: '0563C1', underline: {} } }
	},
	paragraphStyles: [
		{ id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 24, color: '404040' }, paragraph: { spacing: { after: 200 } } },
		{ id: 'DraftNote', name: 'Draft Note', basedOn: 'Normal', next: 'Normal', run: { italics: true, color: '9C5700' }, paragraph: { spacing: { after: 200 } } },
		{ id: 'Meta', name: 'Report Facts', basedOn: 'Normal', next: 'Normal', run: { size: 20, color: '595959' }, paragraph: { spacing: { after: 240 } } }
	]
};
