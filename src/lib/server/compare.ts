// The compare view's query string: ?codes=FRA,DEU&group=council-of-europe&asOf=…
import type { Db } from './db';
import * as parity from './parity';

export interface CompareQuery {
	codes: string[];
	group: string | null;
	names: string[];
}

export function readQuery(url: URL): CompareQuery {
	const codes = url.searchParams
		.getAll('codes')
		.flatMap((s) => s.split(','))
		.map((s) => s.trim())
		.filter(Boolean);
	const names = url.searchParams
		.getAll('add')
		.flatMap((s) => s.split(/[,;]/))
		.map((s) => s.trim())
		.filter(Boolean);
	const group = url.searchParams.get('group')?.trim() || null;
	return { codes, group, names };
}

/** The whole comparison for a query: selection, matrix, and what was not found. */
export async function build(db: Db, q: CompareQuery, asOf: string) {
	const selection = await parity.resolveSelection(db, { codes: q.codes, names: q.names, group: q.group, asOf });
	const m = await parity.matrix(db, { codes: selection.codes, asOf });
	return { ...m, group: selection.group, notFound: selection.notFound, codes: selection.codes };
}
