// The readers, one per file format, by the name sources and the import command use.
import * as actip from './actip-excerpts';
import * as c189 from './c189-swiss';
import * as cets197 from './cets197-excerpts';
import * as normlex from './normlex-csv';
import * as plans from './plan-adoption';
import * as tracker from './tracker-csv';
import * as untcCsv from './untc-csv';
import * as untcHtml from './untc-html';
import type { Reader } from './types';

export type { Reader, ReaderContext, ReadResult, SourceAct, StatedTotals } from './types';

export const READERS = {
	'untc-csv': untcCsv.read,
	'untc-html': untcHtml.read,
	'normlex-csv': normlex.read,
	'c189-swiss': c189.read,
	'cets197-excerpts': cets197.read,
	'actip-excerpts': actip.read,
	'plan-adoption': plans.read,
	'tracker-csv': tracker.read
} satisfies Record<string, Reader>;

export type Format = keyof typeof READERS;
export const FORMATS = Object.keys(READERS) as Format[];

export function isFormat(s: string): s is Format {
	return (FORMATS as string[]).includes(s);
}

/**
 * The format of a file from its name and first line, for an import that does not say: a UNTC
 * status page saved as HTML, a UNTC grid (Participant, Signature…), a NORMLEX table
 * (Country;Date;Status;Note), or the tracker's own acts file. Null when it is none of these.
 */
export function sniff(file: string, text: string): Format | null {
	const head = text.replace(/^\uFEFF/, '').trimStart();
	if (/\.html?$/i.test(file) || /^<(!doctype|html)/i.test(head)) return 'untc-html';
	const header = head.split(/\r\n|\r|\n/, 1)[0] ?? '';
	if (/^"?participant"?[;,\t]"?signature/i.test(header)) return 'untc-csv';
	if (/^"?country"?[;,\t]"?date"?[;,\t]"?status/i.test(header)) return 'normlex-csv';
	if (/^instrument,participant,act,seq,event/.test(header)) return 'tracker-csv';
	return null;
}
