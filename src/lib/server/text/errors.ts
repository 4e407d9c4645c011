/**
 * A problem in a data file. The message starts with `file:line:` (file relative to data/)
 * so whoever fixes the data can jump to the row; `value` is the offending text.
 */
export class LoadError extends Error {
	readonly file: string;
	readonly line: number | null;
	readonly value: string | null;

	constructor(message: string, where: { file: string; line?: number | null; value?: string | null }) {
		super(`${where.file}${where.line ? `:${where.line}` : ''}: ${message}`);
		this.name = 'LoadError';
		this.file = where.file;
		this.line = where.line ?? null;
		this.value = where.value ?? null;
	}
}

/** Where a value came from: a file under data/ and, for tables, a line. */
export interface Where {
	file: string;
	line?: number | null;
}
