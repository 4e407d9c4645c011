// Sorting a participant table from the query string (?sort=consent&dir=desc), so sorting
// works as plain links without JavaScript.
import type { ParticipantStatus } from '../record/status';
import { STATUSES } from '../../status';
import { collate, stateName } from '../../i18n';

export const SORT_KEYS = ['name', 'status', 'signature', 'consent', 'entryIntoForce'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export function parse(url: URL): { sort: SortKey; dir: 'asc' | 'desc' } {
	const s = url.searchParams.get('sort');
	const sort = (SORT_KEYS as readonly string[]).includes(s ?? '') ? (s as SortKey) : 'name';
	const dir = url.searchParams.get('dir') === 'desc' ? 'desc' : 'asc';
	return { sort, dir };
}

/** The participant's name as the page shows it, in the request's language. */
const shown = (p: ParticipantStatus) => stateName(p.code, p.name);

/** A date column's value; '~' (last) when there is none. */
function date(p: ParticipantStatus, sort: Exclude<SortKey, 'name' | 'status'>): string {
	switch (sort) {
		case 'signature':
			return p.signature ?? p.signatureDetail?.knownBy ?? '~';
		case 'consent':
			return p.consent?.date ?? p.consent?.knownBy ?? '~';
		case 'entryIntoForce':
			return p.entryIntoForce ?? p.entryIntoForceBy ?? '~';
	}
}

/**
 * Sorted copy; empty values last whichever the direction. Names sort as the request's language
 * sorts them (the order is made per request, never kept: a name's place differs by language).
 */
export function apply(rows: ParticipantStatus[], opts: { sort: SortKey; dir: 'asc' | 'desc' }): ParticipantStatus[] {
	const sign = opts.dir === 'desc' ? -1 : 1;
	const names = new Map(rows.map((p) => [p, shown(p)]));
	const byName = (a: ParticipantStatus, b: ParticipantStatus) => collate(names.get(a)!, names.get(b)!);
	return [...rows].sort((a, b) => {
		if (opts.sort === 'name') return sign * byName(a, b);
		if (opts.sort === 'status') return sign * (STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) || byName(a, b));
		const x = date(a, opts.sort);
		const y = date(b, opts.sort);
		if (x === '~' || y === '~') return x === y ? byName(a, b) : x === '~' ? 1 : -1;
		return sign * (x < y ? -1 : x > y ? 1 : 0) || byName(a, b);
	});
}
