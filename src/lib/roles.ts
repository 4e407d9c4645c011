// Who people are to the app, defined once: the roles an account may have, and how they read.
// A signed-out reader is the public: it needs no account to read anything public.

export const ROLES = ['secretariat', 'editor', 'focal-point', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role | 'public', string> = {
	secretariat: 'Secretariat',
	editor: 'Editor of the record',
	'focal-point': 'Focal point',
	reviewer: 'Reviewer',
	public: 'Public'
};

export function isRole(s: string): s is Role {
	return (ROLES as readonly string[]).includes(s);
}
