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
 * Reads a delimited file line by line, so every row knows its line number. None of our files
 * has a quoted field spanning lines; one that did would be refused rather than misnumbered.
 * Handles LF, CRLF and old-Mac CR line endings (the COW country-code file uses CR).
 */
export function readTable(dataDir: string, file: string, separator = ','): Table {
	const dsv = dsvFormat(separator);
	const lines = readText(dataDir, file).split(/\r\n|\r|\n/);
	let columns: string[] | null = null;
	const rows: Row[] = [];
	lines.forEach((text, i) => {
		const line = i + 1;
		if (text.trim() === '') return;
		if ((text.match(/"/g)?.length ?? 0) % 2 === 1) {
			throw new LoadError('a quoted field spans lines, which the loader does not support', { file, line });
		}
		const values = dsv.parseRows(text)[0];
		if (!columns) {
			columns = values.map((v) => v.trim());
			return;
		}
		if (values.length !== columns.length) {
			throw new LoadError(`expected ${columns.length} fields, found ${values.length}`, { file, line });
		}
		const cells: Record<string, string> = {};
		columns.forEach((c, j) => (cells[c] = values[j].trim()));
		rows.push({ line, cells });
	});
	if (!columns) throw new LoadError('the file is empty', { file });
	return { file, columns, rows };
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
