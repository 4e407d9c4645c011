// Sorting a participant table from the query string (?sort=consent&dir=desc), so sorting
// works as plain links without JavaScript.
import type { ParticipantStatus } from '../record/status';
import { STATUSES } from '../../status';

export const SORT_KEYS = ['name', 'status', 'signature', 'consent', 'entryIntoForce'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export function parse(url: URL): { sort: SortKey; dir: 'asc' | 'desc' } {
	const s = url.searchParams.get('sort');
	const sort = (SORT_KEYS as readonly string[]).includes(s ?? '') ? (s as SortKey) : 'name';
	const dir = url.searchParams.get('dir') === 'desc' ? 'desc' : 'asc';
	return { sort, dir };
}

function key(p: ParticipantStatus, sort: SortKey): string {
	switch (sort) {
		case 'name':
			return p.name;
		case 'status':
			return String(STATUSES.indexOf(p.status)).padStart(2, '0') + p.name;
		case 'signature':
			return p.signature ?? p.signatureDetail?.knownBy ?? '~';
		case 'consent':
			return p.consent?.date ?? p.consent?.knownBy ?? '~';
		case 'entryIntoForce':
			return p.entryIntoForce ?? p.entryIntoForceBy ?? '~';
	}
}

/** Sorted copy; empty values last whichever the direction. */
export function apply(rows: ParticipantStatus[], opts: { sort: SortKey; dir: 'asc' | 'desc' }): ParticipantStatus[] {
	const sign = opts.dir === 'desc' ? -1 : 1;
	return [...rows].sort((a, b) => {
		const x = key(a, opts.sort);
		const y = key(b, opts.sort);
		if (x === '~' || y === '~') return x === y ? a.name.localeCompare(b.name) : x === '~' ? 1 : -1;
		return sign * x.localeCompare(y, 'en') || a.name.localeCompare(b.name, 'en');
	});
}
