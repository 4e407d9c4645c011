// Who people are to the app, defined once: the roles an account may have, and how they read.
// A signed-out reader is the public: it needs no account to read anything public.
import { m } from '$lib/paraglide/messages';
import { translated } from '$lib/i18n';

export const ROLES = ['secretariat', 'editor', 'focal-point', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role | 'public', string>> = translated({
	secretariat: m.role_secretariat,
	editor: m.role_editor,
	'focal-point': m.role_focal_point,
	reviewer: m.role_reviewer,
	public: m.role_public
});

/**
 * Where each role lands after signing in: its work. The secretariat on the freshness board (what
 * the depositaries changed, its tasks' list is one link away), focal points and reviewers on
 * the tasks that wait on them in their reviews, an editor on the record.
 */
export const ROLE_HOME: Record<Role, string> = {
	secretariat: '/freshness',
	editor: '/',
	'focal-point': '/reviews/mine',
	reviewer: '/reviews/mine'
};

export function isRole(s: string): s is Role {
	return (ROLES as readonly string[]).includes(s);
}
