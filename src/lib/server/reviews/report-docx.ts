// A country review's report as a Word document: secretariats edit and circulate reports in
// Word, so the download is a real .docx with Word's own heading styles (the navigation pane
// and a table of contents work) rather than an HTML page renamed. It is written in the review's
// working language; in Arabic every paragraph runs right to left (w:bidi) and every run is
// marked right to left (w:rtl), so Word lays out the text and its punctuation as Arabic.
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
	type IParagraphOptions,
	type ParagraphChild
} from 'docx';
import { formatDate } from '../../dates';
import { answerStatusLabel, observationLabel, OBSERVATION_KINDS } from '../../review/labels';
import { dir, type Locale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import type { ReportData, ReportItem } from './report-data';

/** How the document is written: its language and, for Arabic, right to left. */
interface Writer {
	lang: Locale;
	rtl: boolean;
}

export async function reportDocx(r: ReportData): Promise<Buffer> {
	const lang = r.language ?? 'en';
	const w: Writer = { lang, rtl: dir(lang) === 'rtl' };
	const title = m.reviews_docx_title({ state: r.state.name, cluster: r.cluster.title }, { locale: lang });
	const doc = new Document({
		title: clean(title),
		subject: clean(`${r.mechanism} — ${r.cycle}`),
		creator: 'Treaty Tracker',
		lastModifiedBy: 'Treaty Tracker',
		styles: styles(lang),
		sections: [
			{
				properties: { page: { margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } } },
				footers: { default: footer(w, r) },
				children: [...front(w, r, title), ...reviewers(w, r), ...summary(w, r), ...articles(w, r)]
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

function front(w: Writer, r: ReportData, title: string): Paragraph[] {
	const o = { locale: w.lang };
	const out = [
		paragraph(w, { heading: HeadingLevel.TITLE, children: [text(w, title)] }),
		paragraph(w, { style: 'Subtitle', children: [text(w, m.reviews_docx_subtitle({ mechanism: r.mechanism, cycle: r.cycle, n: String(r.cluster.n) }, o))] })
	];
	if (r.draftNote) {
		// The builder may already lead with "Draft configuration"; don't say it twice.
		const note = /^\s*draft configuration\b/i.test(r.draftNote) ? r.draftNote : m.reviews_docx_draft_note({ note: r.draftNote }, o);
		out.push(paragraph(w, { style: 'DraftNote', children: [text(w, note)] }));
	}
	const reached = r.reached[r.stage];
	const facts: string[] = [reached ? m.reviews_docx_stage_reached({ stage: r.stage, on: formatDate(reached, w.lang) }, o) : m.reviews_docx_stage({ stage: r.stage }, o)];
	if (r.launchedOn) facts.unshift(m.reviews_docx_launched_on({ on: formatDate(r.launchedOn, w.lang) }, o));
	facts.push(m.reviews_docx_generated_on({ on: formatDate(r.generatedOn, w.lang) }, o));
	out.push(paragraph(w, { style: 'Meta', children: [text(w, facts.join(' · '))] }));
	return out;
}

function reviewers(w: Writer, r: ReportData): Paragraph[] {
	const o = { locale: w.lang };
	const out = [heading(w, 1, m.reviews_docx_reviewing_states({}, o))];
	if (!r.reviewers.length) return [...out, paragraph(w, { children: [text(w, m.reviews_docx_no_reviewers({}, o), { italics: true })] })];
	for (const g of r.reviewers) {
		const names = g.codes.map((code, i) => g.names[i] || code);
		out.push(
			paragraph(w, {
				bullet: { level: 0 },
				children: [text(w, m.reviews_docx_instrument_label({ instrument: g.instrumentTitle }, o), { bold: true }), text(w, names.length ? names.join(m.reviews_list_separator({}, o)) : m.reviews_docx_none_drawn({}, o))]
			})
		);
	}
	return out;
}

function summary(w: Writer, r: ReportData): Paragraph[] {
	const o = { locale: w.lang };
	const out = [heading(w, 1, m.reviews_docx_summary_heading({}, o))];
	const paras = r.summary ? paragraphs(r.summary) : [];
	if (!paras.length) return [...out, paragraph(w, { children: [text(w, m.reviews_docx_no_summary({}, o), { italics: true })] })];
	return [...out, ...paras.map((p) => paragraph(w, { children: lines(w, p) }))];
}

function articles(w: Writer, r: ReportData): Paragraph[] {
	const out: Paragraph[] = [];
	let instrument: string | null = null;
	for (const item of r.items) {
		if (item.instrument !== instrument) {
			instrument = item.instrument;
			out.push(heading(w, 1, item.instrumentTitle));
		}
		const o = { locale: w.lang };
		out.push(heading(w, 2, item.articleTitle ? m.reviews_docx_article_titled({ article: item.article, title: item.articleTitle }, o) : m.reviews_docx_article({ article: item.article }, o)));
		out.push(...article(w, item));
	}
	return out;
}

function article(w: Writer, item: ReportItem): Paragraph[] {
	const o = { locale: w.lang };
	const a = item.answer;
	// the self-assessed status in words, as the State chose it in the questionnaire
	const status = a?.status ? answerStatusLabel(a.status, w.lang).toLocaleLowerCase(w.lang) : m.reviews_docx_not_assessed({}, o);
	const out = [paragraph(w, { children: [text(w, m.reviews_docx_self_assessment({}, o), { bold: true }), text(w, status)] })];

	const paras = a ? paragraphs(a.text) : [];
	if (paras.length) out.push(...paras.map((p) => paragraph(w, { children: lines(w, p) })));
	else out.push(paragraph(w, { children: [text(w, m.reviews_docx_no_answer({}, o), { italics: true })] }));

	if (a?.legislation.length) {
		out.push(heading(w, 3, m.reviews_docx_legislation({}, o)));
		for (const law of a.legislation) out.push(paragraph(w, { bullet: { level: 0 }, children: legislation(w, law) }));
	}

	for (const kind of OBSERVATION_KINDS) {
		const found = item.observations.filter((x) => x.kind === kind);
		if (!found.length) continue;
		out.push(heading(w, 3, observationLabel(kind, w.lang)));
		for (const x of found) out.push(paragraph(w, { bullet: { level: 0 }, children: lines(w, x.text) }));
	}
	return out;
}

function legislation(w: Writer, law: { title: string; article: string | null; link: string | null }): ParagraphChild[] {
	const out: ParagraphChild[] = [text(w, law.title)];
	if (law.article) out.push(text(w, `${m.reviews_list_separator({}, { locale: w.lang })}${law.article}`));
	if (law.link) {
		out.push(text(w, ' — '));
		// Only a web address becomes a live link: a `javascript:` or `file:` one stays inert text.
		const href = webAddress(law.link);
		out.push(href ? new ExternalHyperlink({ link: href, children: [text(w, law.link, { style: 'Hyperlink' })] }) : text(w, law.link));
	}
	return out;
}

function footer(w: Writer, r: ReportData): Footer {
	return new Footer({
		children: [
			paragraph(w, {
				alignment: AlignmentType.CENTER,
				children: [
					text(w, `${m.reviews_docx_footer({ state: r.state.name }, { locale: w.lang })} `, { size: 16, color: '666666' }),
					new TextRun({ children: [PageNumber.CURRENT], size: 16, color: '666666', rightToLeft: w.rtl || undefined })
				]
			})
		]
	});
}

/** Every paragraph of the document: right to left (w:bidi) in Arabic. */
function paragraph(w: Writer, options: IParagraphOptions): Paragraph {
	return new Paragraph({ ...options, bidirectional: w.rtl || undefined });
}

function heading(w: Writer, level: 1 | 2 | 3, s: string): Paragraph {
	const h = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 }[level];
	return paragraph(w, { heading: h, children: [text(w, s)] });
}

/** User text always goes in as a run's text: the XML writer escapes it, nothing interprets it. In Arabic each run is right to left (w:rtl). */
function text(w: Writer, s: string, options: { bold?: boolean; italics?: boolean; style?: string; size?: number; color?: string } = {}): TextRun {
	return new TextRun({ ...options, text: clean(s), rightToLeft: w.rtl || undefined });
}

/** One paragraph's lines, kept as line breaks. */
function lines(w: Writer, s: string): TextRun[] {
	return s.split(/\r?\n/).map((line, i) => new TextRun({ text: clean(line), break: i ? 1 : undefined, rightToLeft: w.rtl || undefined }));
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

/** The fonts and language marks of a language's text: Calibri has no Arabic or Chinese letters, so Word is told which font writes those. */
const SCRIPT: Partial<Record<Locale, { font: { ascii: string; hAnsi: string; cs?: string; eastAsia?: string }; language: { value: string; eastAsia?: string; bidirectional?: string } }>> = {
	ar: { font: { ascii: FONT, hAnsi: FONT, cs: 'Arial' }, language: { value: 'ar-SA', bidirectional: 'ar-SA' } },
	zh: { font: { ascii: FONT, hAnsi: FONT, eastAsia: 'Microsoft YaHei' }, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
	fr: { font: { ascii: FONT, hAnsi: FONT }, language: { value: 'fr-FR' } },
	ru: { font: { ascii: FONT, hAnsi: FONT }, language: { value: 'ru-RU' } },
	es: { font: { ascii: FONT, hAnsi: FONT }, language: { value: 'es-ES' } }
};

function styles(lang: Locale) {
	const script = SCRIPT[lang];
	if (!script) return STYLES;
	return { ...STYLES, default: { ...STYLES.default, document: { ...STYLES.default.document, run: { ...STYLES.default.document.run, font: script.font, language: script.language } } } };
}

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
