// The compare view's query string: ?codes=FRA,DEU&group=council-of-europe&asOf=…
import type { Db } from '../db';
import * as parity from './parity';
import { hasJoined, STATUS_ORDER } from '../../status';
import { quote } from '../text/query';
import { collate, number, stateName } from '../../i18n';
import { m } from '$lib/paraglide/messages';

export interface CompareQuery {
	codes: string[];
	group: string | null;
	names: string[];
}

/**
 * What a query named that does not exist, naming the parameter ("unknown codes: ZZZ; unknown
 * group: …"), each value cut as a message quotes it and at most ten of them; null when all exist.
 */
export function notFoundProblem(notFound: { codes: string[]; groups: string[] }): string | null {
	const listed = (values: string[]) => {
		const list = values.slice(0, 10).map((v) => quote(v)).join(m.states_list_separator());
		return values.length > 10 ? m.states_unknown_more({ list, count: values.length - 10, shown: number(values.length - 10) }) : list;
	};
	const parts = [];
	if (notFound.codes.length) parts.push(m.states_unknown_codes({ list: listed(notFound.codes) }));
	if (notFound.groups.length) parts.push(m.states_unknown_group({ list: listed(notFound.groups) }));
	return parts.length ? parts.join(m.states_clause_separator()) : null;
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

/**
 * The matrix rows in the order asked for: by name, by how many instruments each has joined
 * (most first), or by one instrument's status (parties first); each with its joined count and
 * its name as the request's language writes it (and sorts it).
 */
export function sortRows(result: Awaited<ReturnType<typeof build>>, sort: string) {
	const statusOf = new Map(result.cells.map((c) => [`${c.code} ${c.slug}`, c.status]));
	const joined = new Map(
		result.participants.map((p) => [p.code, result.cells.filter((c) => c.code === p.code && hasJoined(c.status)).length])
	);
	const byInstrument = result.instruments.some((i) => i.slug === sort);
	const rows = result.participants.map((p) => ({ ...p, name: stateName(p.code, p.name), joined: joined.get(p.code)! }));
	return rows.sort((a, b) => {
		if (sort === 'joined') return b.joined - a.joined || collate(a.name, b.name);
		if (byInstrument) {
			const d = STATUS_ORDER.indexOf(statusOf.get(`${a.code} ${sort}`)!) - STATUS_ORDER.indexOf(statusOf.get(`${b.code} ${sort}`)!);
			if (d) return d;
		}
		return collate(a.name, b.name);
	});
}
