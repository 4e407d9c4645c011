// A State's standing as a Word file: delegations paste it into their briefs, so it is a real
// .docx (Word's heading styles, a real table) rather than an HTML page renamed. In the request's
// language; in Arabic, its paragraphs and table run right to left.
import { AlignmentType, BorderStyle, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { formatDate } from '../../dates';
import { dir, intlLocale, locale, number } from '../../i18n';
import { m } from '$lib/paraglide/messages';
import type { Briefing } from './briefing';

type RunOptions = { bold?: boolean; italics?: boolean; size?: number; color?: string };

/** Control characters Word refuses in its XML; everything else goes in as text, escaped by the writer. */
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** The document's writing: the language Word checks spelling in, and its direction. */
function writing() {
	const rtl = dir() === 'rtl';
	const language = intlLocale();
	const run = (o: RunOptions = {}) => ({ ...o, ...(rtl ? { rightToLeft: true, language: { bidirectional: language } } : {}) });
	const paragraph = rtl ? { bidirectional: true } : {};
	return { rtl, run, paragraph, language };
}

/** The briefing as a .docx; `address` is the page's address (absolute only with ORIGIN), or null. */
export async function briefingDocx(b: Briefing, address: string | null): Promise<Buffer> {
	const w = writing();
	const text = (s: string, o: RunOptions = {}) => new TextRun({ ...w.run(o), text: clean(s) });
	const para = (s: string, o: RunOptions = {}) => new Paragraph({ ...w.paragraph, children: [text(s, o)] });
	const heading = (s: string) => new Paragraph({ ...w.paragraph, heading: HeadingLevel.HEADING_1, children: [text(s)] });
	const LINE = { style: BorderStyle.SINGLE, size: 4, color: 'BBBBBB' };
	const cell = (s: string, bold = false) =>
		new TableCell({ children: [new Paragraph({ ...w.paragraph, children: [text(s, { bold, size: 18 })] })], borders: { top: LINE, bottom: LINE, left: LINE, right: LINE } });
	const bullet = (children: TextRun[]) => new Paragraph({ ...w.paragraph, bullet: { level: 0 }, children });

	const name = b.participant.name;
	const title = m.states_briefing_title({ name });
	const date = formatDate(b.asOf);
	const table = new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		...(w.rtl ? { visuallyRightToLeft: true } : {}),
		rows: [
			new TableRow({
				tableHeader: true,
				children: [m.states_col_instrument(), m.states_col_status(), m.states_col_signature(), m.states_col_consent(), m.states_col_entry_into_force()].map((h) => cell(h, true))
			}),
			...b.rows.map((r) => new TableRow({ children: [cell(r.name.text, true), cell(r.label), cell(r.signature), cell(r.consent), cell(r.entryIntoForce)] }))
		]
	});
	const toJoin = b.toJoin.length
		? b.toJoin.map((t) => bullet([text(t.name.text, { bold: true }), text(` — ${t.phrase}`)]))
		: [para(m.states_briefing_all_joined({ name }))];
	const gaps = b.gaps.length
		? b.gaps.map((g) => bullet([text(g.name.text, { bold: true }), text(m.states_briefing_gap({ joined: number(g.peersJoined), count: g.peers, shown: number(g.peers), group: g.group.text }))]))
		: [para(m.states_briefing_no_gaps({ name }))];
	const groups = b.groups.map((g) => `${g.name.text} (${number(g.members)})`).join(m.states_clause_separator()) || m.states_briefing_no_group();
	const doc = new Document({
		title: clean(title),
		creator: 'Treaty Tracker',
		// Word's spelling and grammar in the note's language
		...(locale() === 'en' ? {} : { styles: { default: { document: { run: w.rtl ? { language: { bidirectional: w.language } } : { language: { value: w.language } } } } } }),
		sections: [
			{
				properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
				footers: {
					default: new Footer({
						children: [
							new Paragraph({
								...w.paragraph,
								alignment: AlignmentType.CENTER,
								children: [text(`${m.states_docx_footer({ name, date })} `, { size: 16, color: '666666' }), new TextRun({ ...w.run({ size: 16, color: '666666' }), children: [PageNumber.CURRENT] })]
							})
						]
					})
				},
				children: [
					new Paragraph({ ...w.paragraph, heading: HeadingLevel.TITLE, children: [text(title)] }),
					para(m.states_docx_lead({ date, joined: number(b.joined), count: b.rows.length, shown: number(b.rows.length) }), { italics: true }),
					heading(m.states_col_status()),
					table,
					heading(m.states_to_join_heading()),
					...toJoin,
					heading(m.states_briefing_groups_heading()),
					para(`${m.states_briefing_member_of()} ${groups}${m.states_sentence_end()}`),
					...gaps,
					heading(m.states_briefing_sources()),
					...b.sources.map((s) => bullet([text(s.title), text(s.recordedOn ? m.states_briefing_recorded_on({ date: formatDate(s.recordedOn) }) : '')])),
					para(address ? m.states_docx_prepared_at({ date, address }) : m.states_docx_prepared({ date }), { size: 18, color: '555555' })
				]
			}
		]
	});
	return Packer.toBuffer(doc);
}

/** `briefing-THA-2026-12-06.docx` (in the request's language: `note-d-information-THA-…`). */
export function briefingFileName(b: Briefing): string {
	return m.states_docx_file({ code: b.participant.code.replace(/[^A-Za-z]/g, ''), date: b.asOf });
}
