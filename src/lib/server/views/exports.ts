// Downloads: an instrument's participant table as of a date (CSV and JSON), and the CSV
// writing every download shares (the non-parties list, the compare matrix).
import { csvFormatRow } from 'd3-dsv';
import type { Db } from '../db';
import * as records from '../record/record';
import * as status from '../record/status';
import type { DataStatus } from '../db/schema';
import type { ConsentKind } from '../../acts';
import type { Status } from '../../status';

export type Cell = string | number | null;

/**
 * CSV a spreadsheet opens as it is: UTF-8 with a byte-order mark (without it Excel reads
 * "Côte d'Ivoire" as Windows-1252), CRLF line ends (RFC 4180), a header row of column names,
 * null as an empty field. A line break inside a field stays a quoted LF.
 */
export function toCsv(columns: string[], rows: Cell[][]): string {
	const lines = [columns, ...rows].map((r) => csvFormatRow(r.map((v) => (v === null ? '' : String(v)))));
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/**
 * `attachment; filename="…"`: the name in plain ASCII, and, where it is in another script
 * ("неучастники-…"), as it is too (RFC 6266's filename*, which browsers prefer); `fallback`
 * is the ASCII name for clients that read only the first (by default the name, its other
 * letters as "-").
 */
export function disposition(filename: string, fallback = filename): string {
	if (/^[A-Za-z0-9._-]+$/.test(filename)) return `attachment; filename="${filename}"`;
	const ascii = fallback.replace(/[^A-Za-z0-9._-]/g, '-');
	const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A download: `filename` is what the browser saves it as (`fallback`: see `disposition`). */
export function download(body: string, opts: { filename: string; fallback?: string; type: 'csv' | 'json' }): Response {
	const type = opts.type === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
	return new Response(body, {
		headers: {
			'content-type': type,
			'content-disposition': disposition(opts.filename, opts.fallback),
			'access-control-allow-origin': '*',
			'cache-control': 'public, max-age=300'
		}
	});
}

/**
 * The columns of a participant table. `source` and `source_recorded_on` repeat on every row so
 * that each row carries its provenance, whatever a spreadsheet does to the others.
 */
export const TABLE_COLUMNS = [
	'code',
	'name',
	'status',
	'signature',
	'signature_known_by',
	'consent_date',
	'consent_kind',
	'consent_known_by',
	'entry_into_force',
	'source_id',
	'source',
	'source_recorded_on'
] as const;

export type TableRow = Record<(typeof TABLE_COLUMNS)[number], string | null> & {
	code: string;
	name: string;
	status: Status;
	consent_kind: ConsentKind | null;
};

export interface Table {
	instrument: { slug: string; title: string; shortTitle: string; dataStatus: DataStatus };
	asOf: string;
	/** The source the instrument's record is taken from, and the day it reflects. */
	source: { id: string; title: string; recordedOn: string | null } | null;
	columns: readonly string[];
	rows: TableRow[];
}

/**
 * The participant table of the instrument page as of `asOf`: every participant the record
 * holds an event for, by name. A row's source is that of the event its status rests on; with
 * no event yet on the date, the instrument's record (which then says "no action").
 */
export async function table(db: Db, opts: { slug: string; asOf: string }): Promise<Table | null> {
	const record = await records.get(db);
	const found = await status.instrument(db, { slug: opts.slug, asOf: opts.asOf });
	if (!found) return null;
	const ir = record.instruments.get(opts.slug)!;
	const rows = found.participants.map((p): TableRow => {
		const src = record.sources.get(p.sourceId ?? '') ?? ir.source;
		return {
			code: p.code,
			name: p.name,
			status: p.status,
			signature: p.signature,
			signature_known_by: p.signatureDetail?.knownBy ?? null,
			consent_date: p.consent?.date ?? null,
			consent_kind: p.consent?.kind ?? null,
			consent_known_by: p.consent?.knownBy ?? null,
			entry_into_force: p.entryIntoForce,
			source_id: src?.id ?? null,
			source: src?.title ?? null,
			source_recorded_on: src?.recorded_on ?? null
		};
	});
	return {
		instrument: { slug: found.slug, title: found.title, shortTitle: found.shortTitle, dataStatus: found.dataStatus },
		asOf: opts.asOf,
		source: ir.source ? { id: ir.source.id, title: ir.source.title, recordedOn: ir.source.recorded_on } : null,
		columns: TABLE_COLUMNS,
		rows
	};
}

export function tableCsv(t: Table): string {
	return toCsv([...TABLE_COLUMNS], t.rows.map((r) => TABLE_COLUMNS.map((c) => r[c])));
}
