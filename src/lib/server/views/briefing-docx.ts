// A State's standing as a Word file: delegations paste it into their briefs, so it is a real
// .docx (Word's heading styles, a real table) rather than an HTML page renamed.
import { AlignmentType, BorderStyle, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { formatDate } from '../../dates';
import type { Briefing } from './briefing';

/** Control characters Word refuses in its XML; everything else goes in as text, escaped by the writer. */
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
const text = (s: string, o: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}) => new TextRun({ ...o, text: clean(s) });
const para = (s: string, o: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}) => new Paragraph({ children: [text(s, o)] });
const heading = (s: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text(s)] });

const LINE = { style: BorderStyle.SINGLE, size: 4, color: 'BBBBBB' };
const cell = (s: string, bold = false) =>
	new TableCell({ children: [new Paragraph({ children: [text(s, { bold, size: 18 })] })], borders: { top: LINE, bottom: LINE, left: LINE, right: LINE } });

/** The briefing as a .docx; `address` is the page's address (absolute only with ORIGIN), or null. */
export async function briefingDocx(b: Briefing, address: string | null): Promise<Buffer> {
	const name = b.participant.name;
	const title = `${name}: instruments against trafficking in persons`;
	const table = new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		rows: [
			new TableRow({ tableHeader: true, children: ['Instrument', 'Status', 'Signature', 'Consent to be bound', 'Entry into force'].map((h) => cell(h, true)) }),
			...b.rows.map((r) => new TableRow({ children: [cell(r.shortTitle, true), cell(r.label), cell(r.signature), cell(r.consent), cell(r.entryIntoForce)] }))
		]
	});
	const toJoin = b.toJoin.length
		? b.toJoin.map((t) => new Paragraph({ bullet: { level: 0 }, children: [text(t.shortTitle, { bold: true }), text(` — ${t.phrase}`)] }))
		: [para(`${name} had joined every instrument open to it of which the record holds data.`)];
	const gaps = b.gaps.length
		? b.gaps.map((g) => new Paragraph({ bullet: { level: 0 }, children: [text(g.shortTitle, { bold: true }), text(`: ${g.peersJoined} of ${g.peers} other members of the ${g.group} have joined`)] }))
		: [para(`No instrument that most of its peers had joined and ${name} had not.`)];
	const doc = new Document({
		title: clean(title),
		creator: 'Treaty Tracker',
		sections: [
			{
				properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
				footers: {
					default: new Footer({
						children: [
							new Paragraph({
								alignment: AlignmentType.CENTER,
								children: [text(`${name}, as of ${formatDate(b.asOf)} — Treaty Tracker · page `, { size: 16, color: '666666' }), new TextRun({ children: [PageNumber.CURRENT], size: 16, color: '666666' })]
							})
						]
					})
				},
				children: [
					new Paragraph({ heading: HeadingLevel.TITLE, children: [text(title)] }),
					para(`Status on ${formatDate(b.asOf)}: joined ${b.joined} of the ${b.rows.length} instruments open to it or acted on.`, { italics: true }),
					heading('Status'),
					table,
					heading('Still to join'),
					...toJoin,
					heading('Standing in its groups'),
					para(`Member of: ${b.groups.map((g) => `${g.name} (${g.members})`).join('; ') || 'no group on this date'}.`),
					...gaps,
					heading('Sources'),
					...b.sources.map((s) => new Paragraph({ bullet: { level: 0 }, children: [text(s.title), text(s.recordedOn ? `, as recorded on ${formatDate(s.recordedOn)}` : '')] })),
					para(`Prepared on ${formatDate(b.asOf)} from the depositaries' records by Treaty Tracker${address ? `: ${address}` : ''}.`, { size: 18, color: '555555' })
				]
			}
		]
	});
	return Packer.toBuffer(doc);
}

/** `briefing-THA-2026-12-06.docx`: safe in a header and on any disk. */
export function briefingFileName(b: Briefing): string {
	return `briefing-${b.participant.code.replace(/[^A-Za-z]/g, '')}-${b.asOf}.docx`;
}
