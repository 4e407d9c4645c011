// "Last changed on 30 November 2026 by an editor of the record": when a participant's or an
// instrument's record last changed, and by whom, in words. The public reads the role, never the
// person; the email is there only for those who may read the audit log (the server leaves it
// out for everyone else, so it never reaches their browser).
import { formatDate } from './dates';
import { isRole, ROLE_LABELS } from './roles';

export type ChangedBy =
	| { kind: 'person'; role: string | null; email: string | null }
	| { kind: 'import'; source: { id: string; title: string } }
	| { kind: 'seed' }
	| { kind: 'process'; label: string };

export interface LastChange {
	/** ISO timestamp (UTC) of the change. */
	at: string;
	by: ChangedBy;
	/** The audit log narrowed to this participant or instrument; null for those who may not read it. */
	auditHref: string | null;
}

/** "the secretariat", "an editor of the record", "a focal point": the role, as a sentence says it. */
export function roleWords(role: string | null): string {
	if (role === null || !isRole(role)) return 'a signed-in user';
	if (role === 'secretariat') return 'the secretariat';
	const label = ROLE_LABELS[role].toLowerCase();
	return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}

/** Who made the change, after the date: "by an editor of the record", "by an import of", "seeded from the data files". */
export function byWords(by: ChangedBy): string {
	switch (by.kind) {
		case 'person':
			return `by ${roleWords(by.role)}`;
		case 'import':
			return 'by an import of';
		case 'seed':
			return 'seeded from the data files';
		case 'process':
			return `by ${by.label}`;
	}
}

/** The day of the change, as the pages write dates. */
export function changedOn(c: LastChange): string {
	return formatDate(c.at.slice(0, 10));
}

/** The whole sentence, as the pages read it (they link the source and add the audit link). */
export function sentence(c: LastChange): string {
	const source = c.by.kind === 'import' ? ` ${c.by.source.title}` : '';
	const email = c.by.kind === 'person' && c.by.email ? ` (${c.by.email})` : '';
	const joiner = c.by.kind === 'seed' ? ', ' : ' ';
	return `Last changed on ${changedOn(c)}${joiner}${byWords(c.by)}${source}${email}.`;
}
