// The readers, one per file format, by the name sources and the import command use.
import * as actip from './actip-excerpts';
import * as c189 from './c189-swiss';
import * as cets197 from './cets197-excerpts';
import * as coeChart from './coe-chart-html';
import * as iloPartial from './ilo-partial-transcribed';
import * as normlex from './normlex-csv';
import * as normlexHtml from './normlex-html';
import * as ohchrXls from './ohchr-xls';
import * as paste from './paste';
import * as plans from './plan-adoption';
import * as tracker from './tracker-csv';
import * as untcCsv from './untc-csv';
import * as untcHtml from './untc-html';
import type { Reader } from './types';

export type { Reader, ReaderContext, ReadResult, SourceAct, StatedTotals } from './types';
export type { ColumnMapping, ColumnRole } from './paste';

export const READERS = {
	'untc-csv': untcCsv.read,
	'untc-html': untcHtml.read,
	'normlex-csv': normlex.read,
	'normlex-html': normlexHtml.read,
	'coe-chart-html': coeChart.read,
	'c189-swiss': c189.read,
	'cets197-excerpts': cets197.read,
	'actip-excerpts': actip.read,
	'ilo-c097-normlex-fr': iloPartial.readC097,
	'ilo-c143-wikipedia': iloPartial.readC143,
	'plan-adoption': plans.read,
	'tracker-csv': tracker.read,
	'ohchr-xls': ohchrXls.read,
	'paste': paste.read
} satisfies Record<string, Reader>;

export type Format = keyof typeof READERS;
export const FORMATS = Object.keys(READERS) as Format[];

export function isFormat(s: string): s is Format {
	return (FORMATS as string[]).includes(s);
}

/** A UN Treaty Collection status page: its participant grid's id ends in "tblgrid". */
function isUntcPage(text: string): boolean {
	return /<table[^>]*\bid="[^"]*tblgrid"/i.test(text);
}

/**
 * The format of a file from its content (and name), for an import that does not say: the
 * depositaries' pages saved as HTML (UNTC, the Council of Europe chart, NORMLEX, the OHCHR
 * export named .xls), a UNTC grid (Participant, Signature…), a NORMLEX table
 * (Country;Date;Status;Note), or the tracker's own acts file. Null when it is none of these —
 * an HTML page none of the readers recognises included.
 */
export function sniff(file: string, text: string): Format | null {
	const head = text.replace(/^\uFEFF/, '').trimStart();
	if (ohchrXls.recognises(text)) return 'ohchr-xls';
	if (coeChart.recognises(text)) return 'coe-chart-html';
	if (normlexHtml.recognises(text)) return 'normlex-html';
	if (isUntcPage(text)) return 'untc-html';
	if (/\.(html?|xls)$/i.test(file) || /^<(!doctype|html)/i.test(head)) return null;
	const header = head.split(/\r\n|\r|\n/, 1)[0] ?? '';
	if (/^"?participant"?[;,\t]"?signature/i.test(header)) return 'untc-csv';
	if (/^"?country"?[;,\t]"?date"?[;,\t]"?status/i.test(header)) return 'normlex-csv';
	if (/^instrument,participant,act,seq,event/.test(header)) return 'tracker-csv';
	return null;
}
