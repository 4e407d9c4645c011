import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dsvFormat } from 'd3-dsv';
import { LoadError } from './errors';

export interface Row {
	/** 1-based line in the file, for error messages and events.source_line */
	line: number;
	cells: Record<string, string>;
}

export interface Table {
	file: string;
	columns: string[];
	rows: Row[];
}

export function readText(dataDir: string, file: string): string {
	try {
		return readFileSync(join(dataDir, file), 'utf8').replace(/^\uFEFF/, '');
	} catch (e) {
		throw new LoadError(`cannot read the file (${(e as Error).message})`, { file });
	}
}

export function readJson<T>(dataDir: string, file: string): T {
	try {
		return JSON.parse(readText(dataDir, file)) as T;
	} catch (e) {
		if (e instanceof LoadError) throw e;
		throw new LoadError(`not valid JSON (${(e as Error).message})`, { file });
	}
}

/**
 * Reads a delimited file line by line, so every row knows its line number (a quoted field that
 * spans lines belongs to the row it starts on). Handles LF, CRLF and old-Mac CR line endings
 * (the COW country-code file uses CR).
 */
export function readTable(dataDir: string, file: string, separator = ','): Table {
	return parseTable(readText(dataDir, file), file, separator);
}

function quoteCount(s: string): number {
	let n = 0;
	for (let i = s.indexOf('"'); i !== -1; i = s.indexOf('"', i + 1)) n++;
	return n;
}

/** The same from text: `file` names it in error messages. Pure, for the readers. */
export function parseTable(text: string, file: string, separator = ','): Table {
	const dsv = dsvFormat(separator);
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
	let columns: string[] | null = null;
	const rows: Row[] = [];
	for (let i = 0; i < lines.length; i++) {
		const line = i + 1;
		let record = lines[i];
		if (record.trim() === '') continue;
		// An odd number of quotes leaves a quoted field open: it goes on on the next line. (Counted
		// line by line: recounting the whole record each time takes the square of its length.)
		let quotes = quoteCount(record);
		while (quotes % 2 === 1) {
			if (++i >= lines.length) throw new LoadError('a quoted field is never closed', { file, line });
			record += '\n' + lines[i];
			quotes += quoteCount(lines[i]);
		}
		const values = dsv.parseRows(record)[0];
		if (!columns) {
			columns = values.map((v) => v.trim());
			continue;
		}
		if (values.length !== columns.length) {
			throw new LoadError(`expected ${columns.length} fields, found ${values.length}`, { file, line });
		}
		const cells: Record<string, string> = {};
		columns.forEach((c, j) => (cells[c] = values[j].trim()));
		rows.push({ line, cells });
	}
	if (!columns) throw new LoadError('the file is empty', { file });
	return { file, columns, rows };
}

/** The separator of a delimited text: the first of `;`, `,` or a tab in its header line. */
export function sniffSeparator(text: string): string {
	const header = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
	return /[;,\t]/.exec(header)?.[0] ?? ',';
}

/** The header that matches `pattern`: lets a loader find a column whatever its exact label. */
export function findColumn(table: Table, pattern: RegExp, what: string): string {
	const found = table.columns.filter((c) => pattern.test(c));
	if (found.length !== 1) {
		throw new LoadError(`expected one ${what} column, found ${found.length} (${table.columns.join(' | ')})`, {
			file: table.file,
			line: 1
		});
	}
	return found[0];
}

/** Checks that a table has the columns a loader reads. */
export function requireColumns(table: Table, columns: string[]): void {
	const missing = columns.filter((c) => !table.columns.includes(c));
	if (missing.length) {
		throw new LoadError(`missing column(s) ${missing.join(', ')}`, { file: table.file, line: 1 });
	}
}
