// "Last changed on 30 November 2026 by an editor of the record": when a participant's or an
// instrument's record last changed, and by whom, in words. The public reads the role, never the
// person; the email is there only for those who may read the audit log (the server leaves it
// out for everyone else, so it never reaches their browser).
import { formatDate } from './dates';
import { isRole, type Role } from './roles';
import { slots, type Piece } from './events';
import { m } from '$lib/paraglide/messages';
import { translated } from '$lib/i18n';

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

const ROLE_WORDS: Readonly<Record<Role, string>> = translated({
	secretariat: m.home_role_words_secretariat,
	editor: m.home_role_words_editor,
	'focal-point': m.home_role_words_focal_point,
	reviewer: m.home_role_words_reviewer
});

/** "the secretariat", "an editor of the record", "a focal point": the role, as a sentence says it. */
export function roleWords(role: string | null): string {
	return role !== null && isRole(role) ? ROLE_WORDS[role] : m.home_role_words_user();
}

/** The same after "by" (some languages decline it there). */
const BY_ROLE: Readonly<Record<Role, string>> = translated({
	secretariat: m.home_by_role_secretariat,
	editor: m.home_by_role_editor,
	'focal-point': m.home_by_role_focal_point,
	reviewer: m.home_by_role_reviewer
});

function byRole(role: string | null): string {
	return role !== null && isRole(role) ? BY_ROLE[role] : m.home_by_role_user();
}

/** The day of the change, as the pages write dates. */
export function changedOn(c: LastChange): string {
	return formatDate(c.at.slice(0, 10));
}

/**
 * The sentence in pieces, so that a page can put the date in a <time> and link the source:
 * "Last changed on 30 November 2026 by an editor of the record (ed@example.org)."
 */
export function sentencePieces(c: LastChange): Piece<string>[] {
	const date = changedOn(c);
	const by = c.by;
	switch (by.kind) {
		case 'person':
			return by.email
				? slots(m.home_last_changed_person_email, { date, role: byRole(by.role), email: by.email })
				: slots(m.home_last_changed_person, { date, role: byRole(by.role) });
		case 'import':
			return slots(m.home_last_changed_import, { date, source: by.source.title });
		case 'seed':
			return slots(m.home_last_changed_seed, { date });
		case 'process':
			return slots(m.home_last_changed_process, { date, process: by.label });
	}
}

/** The whole sentence, as the pages read it (they link the source and add the audit link). */
export function sentence(c: LastChange): string {
	return sentencePieces(c)
		.map((p) => p.text)
		.join('');
}
