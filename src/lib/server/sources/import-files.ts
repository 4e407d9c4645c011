// Imports from the browser. A person uploads a saved depositary page (or pastes rows copied
// from one); the file is checked (size, kind, text) and kept, read by its format's reader,
// compared with the record, and shown as a preview; what the person ticks is applied through
// the one write path. The preview and the apply both work from the kept file, so what is
// applied is what was previewed — unless the record changed in between, which is a conflict
// to look at again, never an overwrite.
import { createHash } from 'node:crypto';
import * as audit from '../audit/log';
import { inTransaction, type Db } from '../db';
import { normaliseName } from '../text/names';
import * as imports from './imports';
import type { Format } from './readers';
import { guessMapping, splitRows, type ColumnMapping, type ColumnRole, COLUMN_ROLES } from './readers/paste';
import { quote } from '../text/query';

/** The largest file an import takes. Depositary pages are well under it (the OPSC page of 2026: 298 KB). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** The largest pasted table (a few hundred rows are tens of KB). */
export const MAX_PASTE_CHARS = 1024 * 1024;
export const FILE_TYPES = ['.html', '.htm', '.xls', '.csv', '.tsv', '.txt'] as const;

/** Where a pasted table came from: its column mapping is remembered per depositary. */
export const ORIGINS = {
	untc: 'UN Treaty Collection',
	coe: 'Council of Europe Treaty Office',
	normlex: 'ILO NORMLEX',
	ohchr: 'OHCHR treaty-body database',
	other: 'another source'
} as const;
export type Origin = keyof typeof ORIGINS;
export function isOrigin(s: string): s is Origin {
	return Object.hasOwn(ORIGINS, s);
}

/** A refused upload or form, naming the field. */
export class InputError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(message);
		this.name = 'InputError';
	}
}

function megabytes(n: number): string {
	return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The text of an uploaded file, or why it cannot be imported. Checked by its content, not only its name. */
export function fileText(name: string, bytes: Uint8Array): string {
	const extension = /\.[a-z0-9]+$/i.exec(name)?.[0].toLowerCase() ?? '';
	if (!(FILE_TYPES as readonly string[]).includes(extension)) {
		throw new InputError('file', `“${name}” is not a file an import reads: save the page as ${FILE_TYPES.join(', ')}, or paste the table`);
	}
	if (bytes.length === 0) throw new InputError('file', `“${name}” is empty`);
	if (bytes.length > MAX_FILE_BYTES) {
		throw new InputError('file', `“${name}” is ${megabytes(bytes.length)}; an import takes files up to ${megabytes(MAX_FILE_BYTES)}`);
	}
	const head = bytes.subarray(0, 8);
	const starts = (...sig: number[]) => sig.every((b, i) => head[i] === b);
	if (starts(0xd0, 0xcf, 0x11, 0xe0)) throw new InputError('file', `“${name}” is an Excel workbook, not a saved page: save the depositary’s page as HTML, or paste its table`);
	if (starts(0x50, 0x4b, 0x03, 0x04)) throw new InputError('file', `“${name}” is a zip archive (an .xlsx or .docx?), not a saved page: save the page as HTML, or paste its table`);
	if (starts(0x25, 0x50, 0x44, 0x46)) throw new InputError('file', `“${name}” is a PDF: save the depositary’s page as HTML, or paste its table`);
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new InputError('file', `“${name}” is not UTF-8 text: save the page again as HTML (UTF-8)`);
	}
	if (text.includes('\u0000')) throw new InputError('file', `“${name}” holds binary data, not a saved page or a table`);
	return text.replace(/^\uFEFF/, '');
}

export interface KeptFile {
	id: number;
	name: string;
	size: number;
	sha256: string;
	mediaType: string;
}

function mediaType(name: string): string {
	if (/\.(html?|xls)$/i.test(name)) return 'text/html';
	if (/\.csv$/i.test(name)) return 'text/csv';
	if (/\.tsv$/i.test(name)) return 'text/tab-separated-values';
	return 'text/plain';
}

/** Keeps a file for an import (the same bytes are kept once), audited as `actor`, and returns it. */
export async function keep(db: Db, opts: { name: string; text: string; actor: audit.Actor | string }): Promise<KeptFile> {
	const bytes = Buffer.from(opts.text, 'utf8');
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const name = opts.name.replace(/[\\/]/g, '_').slice(0, 200) || 'file';
	return inTransaction(db, async (trx) => {
		const same = await trx.selectFrom('import_files').select(['id', 'name', 'size', 'sha256', 'media_type']).where('sha256', '=', sha256).where('name', '=', name).executeTakeFirst();
		if (same) return { id: same.id, name: same.name, size: same.size, sha256: same.sha256, mediaType: same.media_type };
		const file = { name, media_type: mediaType(name), size: bytes.length, sha256 };
		const row = await trx
			.insertInto('import_files')
			.values({ ...file, content: bytes, uploaded_by: typeof opts.actor === 'string' ? null : opts.actor.userId, uploaded_at: new Date().toISOString(), source_id: null })
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit.write(trx, [
			{ actor: opts.actor, action: 'keep', entity: 'import-file', entityId: row.id, summary: `file “${name}” (${bytes.length.toLocaleString('en')} bytes) kept for an import`, before: null, after: file, sourceId: null, reason: null }
		]);
		return { id: row.id, name, size: bytes.length, sha256, mediaType: file.media_type };
	});
}

export type KeptText = KeptFile & { text: string; sourceId: string | null; uploadedAt: string };

/** A kept file and its text. */
export async function kept(db: Db, id: number): Promise<KeptText | null> {
	const row = await db.selectFrom('import_files').selectAll().where('id', '=', id).executeTakeFirst();
	if (!row) return null;
	return {
		id: row.id, name: row.name, size: row.size, sha256: row.sha256, mediaType: row.media_type,
		text: Buffer.from(row.content).toString('utf8'), sourceId: row.source_id, uploadedAt: row.uploaded_at
	};
}

/** The file a source was brought in from, when it was brought in from the browser. */
export async function fileOfSource(db: Db, sourceId: string) {
	return db.selectFrom('import_files').select(['id', 'name', 'size', 'media_type', 'content', 'uploaded_at']).where('source_id', '=', sourceId).orderBy('id').executeTakeFirst();
}

/** The files kept of the sources brought in from the browser, by the source's id: each source's first, the one `fileOfSource` serves. */
export async function keptBySource(db: Db): Promise<Record<string, { name: string; size: number }>> {
	const files = await db.selectFrom('import_files').select(['source_id', 'name', 'size']).where('source_id', 'is not', null).orderBy('id').execute();
	const out: Record<string, { name: string; size: number }> = {};
	for (const f of files) out[f.source_id!] ??= { name: f.name, size: f.size };
	return out;
}

// ——— pasted tables: the column mapping, remembered per depositary ———

/** What a column of a pasted table holds, in words for the mapping form. */
export const COLUMN_ROLE_LABELS: Record<ColumnRole, string> = {
	participant: 'State or organisation',
	signature: 'Signature date',
	consent: 'Consent date with its mark (a, A, AA, d, c), as UNTC writes it',
	ratification: 'Ratification date',
	acceptance: 'Acceptance date',
	approval: 'Approval date',
	accession: 'Accession date',
	succession: 'Succession date',
	denunciation: 'Denunciation date',
	'entry-into-force': 'Entry into force for that State',
	ignore: 'Not imported'
};

export async function rememberedMapping(db: Db, origin: Origin): Promise<ColumnMapping | null> {
	const row = await db.selectFrom('column_mappings').select('mapping').where('origin', '=', origin).executeTakeFirst();
	if (!row) return null;
	try {
		return parseMapping(JSON.parse(row.mapping));
	} catch {
		return null;
	}
}

/** Remembers the mapping of the tables pasted from `origin` for the next paste, audited as `actor` (when it changed). */
export async function rememberMapping(db: Db, opts: { origin: Origin; mapping: ColumnMapping; header: string[] | null; actor: audit.Actor }) {
	const values = { mapping: JSON.stringify(opts.mapping), header: opts.header?.join('\t') ?? null };
	await inTransaction(db, async (trx) => {
		const had = await trx.selectFrom('column_mappings').select(['mapping', 'header']).where('origin', '=', opts.origin).executeTakeFirst();
		if (had && had.mapping === values.mapping && had.header === values.header) return;
		const row = { ...values, updated_by: opts.actor.userId, updated_at: new Date().toISOString() };
		await trx.insertInto('column_mappings').values({ origin: opts.origin, ...row }).onConflict((oc) => oc.column('origin').doUpdateSet(row)).execute();
		await audit.write(trx, [
			{ actor: opts.actor, action: 'remember', entity: 'column-mapping', entityId: opts.origin, summary: `tables pasted from ${ORIGINS[opts.origin]}: columns ${opts.mapping.columns.join(', ')}`, before: had ?? null, after: values, sourceId: null, reason: null }
		]);
	});
}

/** A mapping as posted or stored, checked: one known role per column. */
export function parseMapping(value: unknown): ColumnMapping {
	const m = value as Partial<ColumnMapping> | null;
	if (!m || typeof m !== 'object' || !Array.isArray(m.columns) || typeof m.header !== 'boolean') throw new InputError('mapping', 'the column mapping is not readable; choose the columns again');
	for (const [i, role] of m.columns.entries()) {
		if (!(COLUMN_ROLES as readonly string[]).includes(role as string)) throw new InputError(`column-${i + 1}`, `column ${i + 1}: “${String(role).slice(0, 40)}” is not a kind of column`);
	}
	return { header: m.header, columns: m.columns as ColumnRole[] };
}

/**
 * The mapping to propose for a pasted table: the one remembered for its depositary when it fits
 * the table (as many columns), else a guess from the header and the cells.
 */
export async function proposedMapping(db: Db, origin: Origin, text: string): Promise<{ mapping: ColumnMapping; remembered: boolean; rows: string[][] }> {
	const rows = splitRows(text);
	const width = Math.max(0, ...rows.map((r) => r.length));
	const remembered = await rememberedMapping(db, origin);
	if (remembered && remembered.columns.length === width) return { mapping: remembered, remembered: true, rows };
	return { mapping: guessMapping(rows), remembered: false, rows };
}

// ——— preview and apply ———

export interface ImportRequest {
	instrument: string;
	fileId: number;
	format: Format | null;
	asOf: string | null;
	origin: string | null;
	mapping: ColumnMapping | null;
}

/** Reads a kept file and compares it with the record. */
export async function preview(db: Db, req: ImportRequest): Promise<{ file: KeptText; preview: imports.Preview; revision: number }> {
	const file = await kept(db, req.fileId);
	if (!file) throw new InputError('file', 'that file is no longer kept: upload it again');
	if (req.format === 'paste' && !req.mapping) throw new InputError('mapping', 'a pasted table needs its column mapping');
	const p = await imports.preview(db, {
		instrument: req.instrument,
		file: file.name,
		text: file.text,
		format: req.format ?? undefined,
		asOf: req.asOf ?? undefined,
		origin: req.origin ?? undefined,
		columns: req.mapping ?? undefined
	});
	// the record's revision: a change to the record makes this preview stale, nothing else does
	return { file, preview: p, revision: await audit.revision(db) };
}

export class StalePreview extends Error {
	constructor(
		readonly was: number,
		readonly now: number
	) {
		super(`the record changed since this preview (revision ${was}, now ${now}): look at the new preview before applying`);
		this.name = 'StalePreview';
	}
}

/**
 * Applies what a person ticked in a preview made at `basedOn` (the record's revision then).
 * When the record has changed since, nothing is written: the preview is stale.
 */
export async function apply(
	db: Db,
	req: ImportRequest & { basedOn: number; ticked: string[]; actor: audit.Actor; origin: string | null; pastedFrom: Origin | null }
): Promise<imports.Applied & { preview: imports.Preview }> {
	const { preview: p, revision, file } = await preview(db, req);
	if (revision !== req.basedOn) throw new StalePreview(req.basedOn, revision);
	const applicable = new Set(imports.writes(p.diff).map((w) => imports.actKey(w.act)));
	const unknown = req.ticked.filter((k) => !applicable.has(k));
	if (unknown.length) throw new InputError('act', `${unknown.length} ticked act${unknown.length === 1 ? ' is' : 's are'} not in this preview (${unknown.slice(0, 3).map((k) => quote(k)).join(', ')})`);
	const result = await imports.apply(db, p, { actor: req.actor, only: new Set(req.ticked), fileId: file.id });
	if (req.format === 'paste' && req.mapping && req.pastedFrom) {
		const rows = splitRows(file.text);
		await rememberMapping(db, { origin: req.pastedFrom, mapping: req.mapping, header: req.mapping.header ? (rows[0] ?? null) : null, actor: req.actor });
	}
	return { ...result, preview: p };
}

// ——— names mapped to participants ———

/** Maps a name a source uses to a participant, for this import and the next (secretariat). Audited. */
export async function mapName(db: Db, opts: { name: string; code: string; actor: audit.Actor; file: string }): Promise<void> {
	const alias = normaliseName(opts.name);
	if (!alias) throw new InputError('name', 'the name to map is empty');
	const participant = await db.selectFrom('participants').select(['code', 'name']).where('code', '=', opts.code).executeTakeFirst();
	if (!participant) throw new InputError('code', `there is no participant “${opts.code.slice(0, 20)}”`);
	await inTransaction(db, async (trx) => {
		const had = await trx.selectFrom('participant_aliases').selectAll().where('alias', '=', alias).executeTakeFirst();
		if (had && had.code === participant.code) return;
		if (had) throw new InputError('name', `“${opts.name}” already leads to ${had.code}`);
		const row = { alias, code: participant.code, note: `mapped while importing ${opts.file}`, added_by: opts.actor.label, added_at: new Date().toISOString() };
		await trx.insertInto('participant_aliases').values(row).execute();
		await audit.write(trx, [
			{ actor: opts.actor, action: 'add', entity: 'alias', entityId: alias, summary: `“${opts.name}” now names ${participant.name} (${participant.code})`, before: null, after: row, sourceId: null, reason: row.note }
		]);
	});
}

