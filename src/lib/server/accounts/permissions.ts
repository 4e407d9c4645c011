// Who may do what: one table, read by every action and API route through `can`, and
// enumerated by a test. A signed-out reader is the public: it reads everything public and
// changes nothing.
import { error, redirect } from '@sveltejs/kit';
import { ROLE_LABELS, ROLES, type Role } from '../../roles';
import type { SignedIn } from './identity';
import type { Entity } from '../audit/changes';

export const PERMISSIONS = {
	'acts.edit': { roles: ['secretariat', 'editor'], what: 'add, correct or retract an act of the record' },
	'imports.run': { roles: ['secretariat', 'editor'], what: 'bring a depositary’s table into the record' },
	'aliases.map': { roles: ['secretariat'], what: 'map a name to a participant' },
	'audit.read': { roles: ['secretariat', 'editor'], what: 'read the audit log of the treaty record' },
	'audit.read-reviews': { roles: ['secretariat'], what: 'read the audit log of country reviews' },
	'audit.read-accounts': { roles: ['secretariat'], what: 'read the audit log of accounts and the addresses changes came from' },
	'users.manage': { roles: ['secretariat'], what: 'invite people and manage accounts' },
	'reviews.manage': { roles: ['secretariat'], what: 'draw lots and launch, move and publish country reviews' },
	'reviews.take-part': { roles: ['secretariat', 'focal-point', 'reviewer'], what: 'take part in a country review' },
	'tokens.own': { roles: ROLES, what: 'create and revoke one’s own API tokens' },
	'account.own': { roles: ROLES, what: 'see and change one’s own account' }
} as const satisfies Record<string, { roles: readonly Role[]; what: string }>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function can(user: SignedIn | null, action: Action): boolean {
	return user !== null && (PERMISSIONS[action].roles as readonly Role[]).includes(user.role);
}

/** "the editor or secretariat role" */
function rolesNeeded(action: Action): string {
	const labels = PERMISSIONS[action].roles.map((r) => ROLE_LABELS[r].toLowerCase());
	return labels.length === ROLES.length ? 'an account' : `the ${labels.join(' or ')} role`;
}

/** Why `user` may not do `action`, in words for a 403 page or an API error. */
export function refusal(user: SignedIn | null, action: Action): string {
	const need = `To ${PERMISSIONS[action].what} you need ${rolesNeeded(action)}`;
	if (!user) return `${need}: sign in first.`;
	const as = `${ROLE_LABELS[user.role].toLowerCase()}${user.participant ? ` of ${user.participant}` : ''}`;
	return `${need}; you are signed in as ${user.email}, ${as}.`;
}

/**
 * For a page or form action: the user when it may; otherwise to the sign-in page when signed
 * out (coming back here after), or a 403 page saying what is lacking.
 */
export function require(locals: App.Locals, url: URL, action: Action): SignedIn {
	if (can(locals.user, action)) return locals.user!;
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	error(403, refusal(locals.user, action));
}

/**
 * For an API endpoint: the user when it may; otherwise a 401 when signed out (a script is not
 * sent to a sign-in page) or a 403 saying what is lacking. Inside `api(…)` these become JSON.
 */
export function requireApi(locals: App.Locals, action: Action): SignedIn {
	if (can(locals.user, action)) return locals.user!;
	error(locals.user ? 403 : 401, refusal(locals.user, action));
}

/**
 * Which permission reads the audit entries of each kind of thing: an entry tells what changed,
 * so it is shown only to those who may read that thing elsewhere — the record to its editors;
 * country reviews (drafts, comments, evidence, people) and accounts to the secretariat. A kind
 * not listed here is the secretariat's.
 */
export const AUDIT_READERS: Partial<Record<Entity, Action>> = {
	act: 'audit.read',
	source: 'audit.read',
	alias: 'audit.read',
	import: 'audit.read',
	reference: 'audit.read',
	review: 'audit.read-reviews',
	'review-draw': 'audit.read-reviews',
	'review-setting': 'audit.read-reviews',
	user: 'audit.read-accounts'
};

/** What of the audit log `user` may read: the kinds of entry, and whether the addresses changes came from. */
export function auditScope(user: SignedIn | null): { entities: string[]; unlisted: boolean; addresses: boolean } {
	return {
		entities: Object.entries(AUDIT_READERS)
			.filter(([, action]) => action !== undefined && can(user, action))
			.map(([entity]) => entity),
		unlisted: can(user, 'audit.read-accounts'),
		addresses: can(user, 'audit.read-accounts')
	};
}

/** Who anyone (a signed-out reader included) may use: signing in and out, accepting an invitation. */
export const PUBLIC = 'public';

/**
 * Every route that changes something — each form action by its name (`default` for the only
 * one), each endpoint by its method — and the permission it needs; `load`/`GET` where reading
 * needs an account too. Every such handler calls `require`/`requireApi` with this permission;
 * tests/unit/authorization.test.ts finds the routes in src/routes, fails on any missing here,
 * and calls each one as every role and as the public.
 */
export const ROUTE_PERMISSIONS: Record<string, Record<string, Action | typeof PUBLIC>> = {
	'/login': { default: PUBLIC },
	'/logout': { default: PUBLIC },
	'/invitation/[token]': { default: PUBLIC },
	// any other /api path answers a JSON 404 to any method
	'/api/[...rest]': { fallback: PUBLIC },
	'/users': { load: 'users.manage', invite: 'users.manage' },
	'/users/[id=id]': { load: 'users.manage', update: 'users.manage', reinvite: 'users.manage' },
	'/account': { load: 'account.own', password: 'account.own', createToken: 'tokens.own', revokeToken: 'tokens.own' },
	'/api/v1/me': { GET: 'account.own' },
	'/record/new': { load: 'acts.edit', default: 'acts.edit' },
	'/record/acts/[id=id]': { load: 'acts.edit', correct: 'acts.edit', retract: 'acts.edit' },
	'/api/v1/instruments/[slug]/events': { POST: 'acts.edit' },
	'/api/v1/acts/[id=id]/corrections': { POST: 'acts.edit' },
	'/api/v1/acts/[id=id]/retractions': { POST: 'acts.edit' },
	'/audit': { load: 'audit.read' },
	'/audit/export.csv': { GET: 'audit.read' },
	'/import': { load: 'imports.run', preview: 'imports.run', alias: 'aliases.map', apply: 'imports.run' },
	'/imports/[id=id]': { load: 'audit.read' },
	'/freshness': { load: 'imports.run' },
	'/reviews/cycles/[id]': { draw: 'reviews.manage', launch: 'reviews.manage', confirm: 'reviews.manage' },
	'/reviews/[id=id]': {
		load: 'reviews.take-part', name: 'reviews.take-part', answer: 'reviews.take-part', comment: 'reviews.take-part', reply: 'reviews.take-part',
		observe: 'reviews.take-part', summary: 'reviews.take-part', agree: 'reviews.take-part', move: 'reviews.take-part', redraw: 'reviews.take-part', followUp: 'reviews.take-part'
	},
	'/reviews/[id=id]/evidence/[file=id]': { GET: 'reviews.take-part' },
	'/reviews/[id=id]/report': { load: 'reviews.take-part' },
	'/reviews/[id=id]/report.docx': { GET: 'reviews.take-part' },
	'/reviews/mine': { load: 'reviews.take-part' }
};
