// What an evidence file is, by its content rather than its name: a PDF, a Word document
// (.docx) or an OpenDocument text (.odt), at most 5 MB. A DOCX and an ODT are ZIP packages: the
// package is read with fflate (its central directory, then only the two small entries that say
// what the package is), so a ZIP of anything else, a spreadsheet or a damaged file is refused.
import { strFromU8, unzipSync } from 'fflate';
import { ReviewError } from './reviews';
import { m } from '$lib/paraglide/messages';
import { intlLocale, number } from '$lib/i18n';

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

export type EvidenceKind = 'pdf' | 'docx' | 'odt';

export const MEDIA_TYPES: Record<EvidenceKind, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	odt: 'application/vnd.oasis.opendocument.text'
};

/** The part an OOXML package names as its main document when it is a Word document (ECMA-376 part 2). */
const WORD_MAIN = /ContentType\s*=\s*["']application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document\.main\+xml["']/;
/** The entries that say what a package is are small; a larger one is not read (nor inflated). */
const MAX_ENTRY_BYTES = 256 * 1024;

function startsWith(bytes: Uint8Array, magic: string): boolean {
	return bytes.length >= magic.length && [...magic].every((c, i) => bytes[i] === c.charCodeAt(0));
}

/** The kind of an evidence file from its bytes; null for anything else. */
export function evidenceKind(bytes: Uint8Array): EvidenceKind | null {
	if (startsWith(bytes, '%PDF-')) return 'pdf';
	if (!startsWith(bytes, 'PK\u0003\u0004')) return null;
	let entries: Record<string, Uint8Array>;
	try {
		entries = unzipSync(bytes, { filter: (f) => (f.name === 'mimetype' || f.name === '[Content_Types].xml') && f.originalSize <= MAX_ENTRY_BYTES });
	} catch {
		return null; // not a ZIP that can be read
	}
	// an OpenDocument package's "mimetype" entry names its kind (OpenDocument 1.2, part 3, 3.3)
	if (entries.mimetype && strFromU8(entries.mimetype).trim() === MEDIA_TYPES.odt) return 'odt';
	const types = entries['[Content_Types].xml'];
	if (types && WORD_MAIN.test(strFromU8(types))) return 'docx';
	return null;
}

/** The kind of an evidence file, or why it is refused: empty, over 5 MB, or not a PDF/DOCX/ODT by its content. */
export function checkEvidence(name: string, bytes: Uint8Array): EvidenceKind {
	if (bytes.length === 0) throw new ReviewError('evidence', m.reviews_error_file_empty({ name }));
	if (bytes.length > MAX_EVIDENCE_BYTES) {
		const size = (bytes.length / 1048576).toLocaleString(intlLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
		throw new ReviewError('evidence', m.reviews_error_file_too_large({ name, size, max: number(MAX_EVIDENCE_BYTES / 1048576) }));
	}
	const kind = evidenceKind(bytes);
	if (!kind) throw new ReviewError('evidence', m.reviews_error_file_kind({ name }));
	return kind;
}
