// Who may do what: one question, `can(who, action, subject?)`, read by every page, action, API
// route and domain verb, and checked by a test against a matrix written by hand. The app's
// roles decide the record, imports, accounts and the audit log (`PERMISSIONS`); on one country
// review, what a person is to that review decides (`relation`: the secretariat, the focal point
// or an expert of the State under review, of a reviewing State), for its content
// (`REVIEW_PERMISSIONS`) and for its moves through the stages (`STAGE_MOVERS`). A signed-out
// reader is the public: it reads everything public and changes nothing.
import { error, redirect } from '@sveltejs/kit';
import { ROLE_LABELS, ROLES, type Role } from '../../roles';
import { STAGES, type Stage } from '../../review/stages';
import type { SignedIn } from './identity';
import type { Entity } from '../audit/changes';
import { intlLocale, l, locale } from '../../i18n';
import { m } from '$lib/paraglide/messages';

/** Who asks: an account's id, role and State (a signed-in user or a review's person will do); null is the public. */
export interface Someone {
	id: number | null;
	role: Role;
	participant: string | null;
}

// ——— the app's roles ———

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

export type RoleAction = keyof typeof PERMISSIONS;

// ——— one country review ———

/** The States and people of one review, as the rules need them. */
export interface ReviewParties {
	state: string;
	/** reviewing States, all instruments */
	reviewers: readonly string[];
	/** users named as experts of a reviewing State for this review */
	experts: readonly number[];
	/** users named as experts of the State under review: the focal point's team */
	team: readonly number[];
}

/** What someone is to a review. */
export const RELATIONS = ['secretariat', 'focal-point-under-review', 'expert-under-review', 'focal-point-reviewing', 'expert-reviewing'] as const;
export type Relation = (typeof RELATIONS)[number];

/**
 * What `who` is to the review of `parties`: the secretariat (to every review); the focal point
 * of the State under review or of a reviewing State; an expert named for one or the other side
 * (a reviewer account of that State, named in this review). Null: nothing — an editor, a focal
 * point or reviewer of another State, a reviewer not named, the public.
 */
export function relation(who: Someone | null, parties: ReviewParties): Relation | null {
	if (!who) return null;
	if (who.role === 'secretariat') return 'secretariat';
	if (who.role === 'focal-point' && who.participant !== null) {
		if (who.participant === parties.state) return 'focal-point-under-review';
		if (parties.reviewers.includes(who.participant)) return 'focal-point-reviewing';
	}
	if (who.role === 'reviewer' && who.id !== null) {
		if (parties.team.includes(who.id)) return 'expert-under-review';
		if (parties.experts.includes(who.id)) return 'expert-reviewing';
	}
	return null;
}

const EVERYONE_OF_A_REVIEW = RELATIONS;
const STATE_UNDER_REVIEW = ['secretariat', 'focal-point-under-review', 'expert-under-review'] as const;

/**
 * What each one may do on a review's content: the State under review's focal point and its team
 * draft answers and reply to clarification questions; the experts of a reviewing State comment,
 * ask and draft observations; each side's focal point names its own State's people and agrees
 * to the list of observations (the secretariat records the agreement, it does not give it);
 * the State under review asks for a redraw and follows recommendations up; the secretariat does
 * all but agree. Clearing the self-assessment is a move (`STAGE_MOVERS`). Nobody else sees it.
 */
export const REVIEW_PERMISSIONS = {
	'review.read': { who: EVERYONE_OF_A_REVIEW, what: 'read this review' },
	'review.answer': { who: STATE_UNDER_REVIEW, what: 'draft the answers of the self-assessment' },
	'review.reply': { who: STATE_UNDER_REVIEW, what: 'answer a clarification question' },
	'review.comment': { who: ['secretariat', 'expert-reviewing'], what: 'comment or ask a clarification question' },
	'review.observe': { who: ['secretariat', 'expert-reviewing'], what: 'draft observations' },
	'review.name': { who: ['secretariat', 'focal-point-under-review', 'focal-point-reviewing'], what: 'name a focal point or governmental experts' },
	'review.agree': { who: ['focal-point-under-review', 'focal-point-reviewing'], what: 'agree to the list of observations and its summary' },
	'review.summarise': { who: ['secretariat'], what: 'draft the summary of the list of observations' },
	'review.redraw': { who: ['secretariat', 'focal-point-under-review'], what: 'ask for a reviewer to be drawn again' },
	'review.follow-up': { who: ['secretariat', 'focal-point-under-review'], what: 'record the follow-up of a recommendation' }
} as const satisfies Record<string, { who: readonly Relation[]; what: string }>;

export type ReviewAction = keyof typeof REVIEW_PERMISSIONS;

/** A review's parties, and (for `review.name`) the State whose people are named: a focal point names its own State's. */
export type ReviewSubject = ReviewParties & { for?: string };

/**
 * Who may move a review forward into each stage, and what that move does in words. Clearing the
 * self-assessment submits it, so only the State under review's focal point does that (line 47
 * of the facts file: the focal point signs off each submission). Going back one stage is the
 * secretariat's alone (the stage rules ask it for a reason).
 */
export const STAGE_MOVERS: Record<Stage, { who: readonly Relation[]; what: string }> = {
	launched: { who: ['secretariat'], what: 'launch the review' },
	'focal-point-named': { who: ['secretariat', 'focal-point-under-review'], what: 'record that the focal point is named' },
	'experts-named': { who: ['secretariat', 'focal-point-under-review'], what: 'record that the governmental experts are named' },
	'self-assessment': { who: ['focal-point-under-review'], what: 'clear and submit the self-assessment' },
	feedback: { who: ['secretariat'], what: 'close the written feedback' },
	observations: { who: ['secretariat'], what: 'record the list of observations and its summary as drafted' },
	agreed: { who: ['secretariat'], what: 'record that the focal points agreed' },
	published: { who: ['secretariat'], what: 'publish the review' }
};
export const BACK_MOVERS: readonly Relation[] = ['secretariat'];

/** A move of a review: its parties, the stage it is at and the stage asked for. */
export type MoveSubject = ReviewParties & { from: Stage; to: Stage };

function back(move: MoveSubject): boolean {
	return STAGES.indexOf(move.to) < STAGES.indexOf(move.from);
}

function moversOf(move: MoveSubject): readonly Relation[] {
	return back(move) ? BACK_MOVERS : STAGE_MOVERS[move.to].who;
}

// ——— a review's public side ———

/**
 * What anyone, signed out included, reads of a review once it is published: its State, States,
 * stages, summary and recommendations with their follow-up (UNODC publishes country review
 * summaries). Never the answers, evidence, comments or people, and nothing of it before then.
 */
export const PUBLIC_REVIEW_STAGES: readonly Stage[] = ['published'];
export interface PublishedSubject {
	stage: string;
}

// ——— the question ———

export type Action = RoleAction | ReviewAction | 'review.move' | 'review.read-published';

/** What an action is asked about: nothing for the app's roles; the review for its content and its moves; its stage for its public side. */
type Subject<A extends Action> = A extends RoleAction
	? []
	: A extends ReviewAction
		? [subject: ReviewSubject]
		: A extends 'review.read-published'
			? [subject: PublishedSubject]
			: [subject: MoveSubject];

function isRoleAction(action: Action): action is RoleAction {
	return Object.hasOwn(PERMISSIONS, action);
}

/** May `who` do `action` (on `subject`, a review, for the review's actions)? */
export function can<A extends Action>(who: Someone | null, action: A, ...[subject]: Subject<A>): boolean {
	if (isRoleAction(action)) return who !== null && (PERMISSIONS[action].roles as readonly Role[]).includes(who.role);
	if (!subject) throw new TypeError(`${action} is asked of a review`);
	if (action === 'review.read-published') return (PUBLIC_REVIEW_STAGES as readonly string[]).includes((subject as PublishedSubject).stage);
	const rel = relation(who, subject as ReviewParties);
	if (rel === null) return false;
	if (action === 'review.move') return moversOf(subject as MoveSubject).includes(rel);
	if (!(REVIEW_PERMISSIONS[action as ReviewAction].who as readonly Relation[]).includes(rel)) return false;
	const named = (subject as ReviewSubject).for;
	// a focal point names the people of its own State; the secretariat, of any
	return action !== 'review.name' || named === undefined || rel === 'secretariat' || named === who!.participant;
}

// ——— saying what is lacking ———

/** Each of the app's role actions in the request's language, as `PERMISSIONS` says it in English. */
const WHAT: Record<RoleAction, () => string> = {
	'acts.edit': m.admin_can_acts_edit,
	'imports.run': m.admin_can_imports_run,
	'aliases.map': m.admin_can_aliases_map,
	'audit.read': m.admin_can_audit_read,
	'audit.read-reviews': m.admin_can_audit_read_reviews,
	'audit.read-accounts': m.admin_can_audit_read_accounts,
	'users.manage': m.admin_can_users_manage,
	'reviews.manage': m.admin_can_reviews_manage,
	'reviews.take-part': m.admin_can_reviews_take_part,
	'tokens.own': m.admin_can_tokens_own,
	'account.own': m.admin_can_account_own
};

/** The roles `PERMISSIONS` gives an action, in words, by the roles (joined with commas). */
const NEEDED: Record<string, () => string> = {
	'secretariat,editor': m.admin_need_secretariat_editor,
	secretariat: m.admin_need_secretariat,
	'secretariat,focal-point,reviewer': m.admin_need_review_roles
};

/** "the editor or secretariat role" */
function rolesNeeded(action: RoleAction): string {
	const roles = PERMISSIONS[action].roles;
	if (roles.length === ROLES.length) return m.admin_need_account();
	// a set of roles no message names yet (a new row of the table) reads in English
	return NEEDED[roles.join(',')]?.() ?? `the ${roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(' or ')} role`;
}

/** Each review action, and each move forward into a stage, in the request's language, as `REVIEW_PERMISSIONS` and `STAGE_MOVERS` say them in English. */
const REVIEW_WHAT: Record<ReviewAction, () => string> = {
	'review.read': m.reviews_perm_do_read,
	'review.answer': m.reviews_perm_do_answer,
	'review.reply': m.reviews_perm_do_reply,
	'review.comment': m.reviews_perm_do_comment,
	'review.observe': m.reviews_perm_do_observe,
	'review.name': m.reviews_perm_do_name,
	'review.agree': m.reviews_perm_do_agree,
	'review.summarise': m.reviews_perm_do_summarise,
	'review.redraw': m.reviews_perm_do_redraw,
	'review.follow-up': m.reviews_perm_do_follow_up
};
const MOVE_WHAT: Record<Stage, () => string> = {
	launched: m.reviews_perm_move_launched,
	'focal-point-named': m.reviews_perm_move_focal_point_named,
	'experts-named': m.reviews_perm_move_experts_named,
	'self-assessment': m.reviews_perm_move_self_assessment,
	feedback: m.reviews_perm_move_feedback,
	observations: m.reviews_perm_move_observations,
	agreed: m.reviews_perm_move_agreed,
	published: m.reviews_perm_move_published
};

/** Between the codes of reviewing States: "PAK, FRA", "PAK、FRA", "PAK، FRA". */
const CODE_SEPARATOR: Partial<Record<string, string>> = { zh: '、', ar: '، ' };

/** "the focal point of IND (the State under review)" */
function relationWords(rel: Relation, parties: ReviewParties): string {
	switch (rel) {
		case 'secretariat':
			return m.reviews_perm_rel_secretariat();
		case 'focal-point-under-review':
			return m.reviews_perm_rel_focal_point_under_review({ state: parties.state });
		case 'expert-under-review':
			return m.reviews_perm_rel_experts_under_review({ state: parties.state });
		case 'focal-point-reviewing':
			return m.reviews_perm_rel_focal_point_reviewing({ reviewers: parties.reviewers.join(CODE_SEPARATOR[locale()] ?? ', ') });
		case 'expert-reviewing':
			return m.reviews_perm_rel_experts_reviewing();
	}
}

/**
 * Those of a review who may, in words: "the secretariat, the focal point of IND (the State under
 * review) or the experts named for IND" ("a, b or c" as the language lists alternatives; English
 * as ever). `number` says whether they are one or several (the verb's number in French, Spanish
 * and Russian): several when more than one, or when the one is a team of experts.
 */
function either(rels: readonly Relation[], parties: ReviewParties): { who: string; number: 'singular' | 'plural' } {
	const words = rels.map((r) => relationWords(r, parties));
	const plural = rels.length > 1 || rels[0].startsWith('expert-');
	return { who: new Intl.ListFormat(intlLocale(), { type: 'disjunction' }).format(words), number: plural ? 'plural' : 'singular' };
}

/** "you are signed in as a focal point of FRA", or "sign in first" */
function whoYouAre(who: Someone | null): string {
	if (!who) return m.reviews_perm_sign_in_first();
	const as = { secretariat: m.reviews_perm_as_secretariat, editor: m.reviews_perm_as_editor, 'focal-point': m.reviews_perm_as_focal_point, reviewer: m.reviews_perm_as_reviewer }[who.role]();
	return m.reviews_perm_signed_in_as({ as: who.participant ? m.reviews_perm_as_of({ as, participant: who.participant }) : as });
}

/** Who moves a review into `to`, in words for those who do not: "The secretariat will record that the focal points agreed." */
export function mover(parties: ReviewParties, to: Stage): string {
	const sentence = m.reviews_perm_mover({ ...either(STAGE_MOVERS[to].who, parties), what: MOVE_WHAT[to]() });
	return `${sentence.charAt(0).toLocaleUpperCase(intlLocale())}${sentence.slice(1)}`;
}

/** Why `who` may not do `action` (on `subject`), in words for a 403 page, a form or an API error. */
export function refusal<A extends Action>(who: (Someone & { email?: string }) | null, action: A, ...[subject]: Subject<A>): string {
	if (action === 'review.read-published') return m.admin_refusal_not_published();
	if (isRoleAction(action)) {
		const need = { what: WHAT[action](), roles: rolesNeeded(action) };
		if (!who) return m.admin_refusal_signed_out(need);
		const label = ROLE_LABELS[who.role].toLowerCase();
		const role = who.participant ? m.admin_role_of({ role: label, participant: who.participant }) : label;
		return who.email ? m.admin_refusal_signed_in({ ...need, email: who.email, role }) : m.admin_refusal_signed_in_as({ ...need, role });
	}
	const you = whoYouAre(who);
	if (action === 'review.move') {
		const move = subject as MoveSubject;
		if (back(move)) return m.reviews_perm_back({ you });
		return m.reviews_perm_only_may({ ...either(STAGE_MOVERS[move.to].who, move), what: MOVE_WHAT[move.to](), you });
	}
	const review = subject as ReviewSubject;
	const rule = REVIEW_PERMISSIONS[action as ReviewAction];
	const rel = relation(who, review);
	if (action === 'review.name' && rel !== null && (rule.who as readonly Relation[]).includes(rel)) {
		return m.reviews_perm_own_state({ state: String(review.for), you });
	}
	return m.reviews_perm_only_may({ ...either(rule.who, review), what: REVIEW_WHAT[action as ReviewAction](), you });
}

// ——— at the edge: pages, form actions and API routes ———

/**
 * For a page or form action: the user when it may; otherwise to the sign-in page when signed
 * out (coming back here after), or a 403 page saying what is lacking.
 */
export function require(locals: App.Locals, url: URL, action: RoleAction): SignedIn {
	if (can(locals.user, action)) return locals.user!;
	// the sign-in page in the language of the page asked for, which it leads back to
	if (!locals.user) redirect(303, `${l('/login')}?next=${encodeURIComponent(url.pathname + url.search)}`);
	error(403, refusal(locals.user, action));
}

/**
 * For an API endpoint: the user when it may; otherwise a 401 when signed out (a script is not
 * sent to a sign-in page) or a 403 saying what is lacking. Inside `api(…)` these become JSON.
 */
export function requireApi(locals: App.Locals, action: RoleAction): SignedIn {
	if (can(locals.user, action)) return locals.user!;
	error(locals.user ? 403 : 401, refusal(locals.user, action));
}

/**
 * Which permission reads the audit entries of each kind of thing: an entry tells what changed,
 * so it is shown only to those who may read that thing elsewhere — the record to its editors;
 * country reviews (drafts, comments, evidence, people) and accounts to the secretariat. A kind
 * not listed here is the secretariat's.
 */
export const AUDIT_READERS: Partial<Record<Entity, RoleAction>> = {
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
export const ROUTE_PERMISSIONS: Record<string, Record<string, RoleAction | typeof PUBLIC>> = {
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
		observe: 'reviews.take-part', summary: 'reviews.take-part', agree: 'reviews.take-part', move: 'reviews.take-part', redraw: 'reviews.take-part', followUp: 'reviews.take-part',
		language: 'reviews.manage'
	},
	'/reviews/[id=id]/evidence/[file=id]': { GET: 'reviews.take-part' },
	'/reviews/[id=id]/report': { load: 'reviews.take-part' },
	'/reviews/[id=id]/report.docx': { GET: 'reviews.take-part' },
	'/reviews/mine': { load: 'reviews.take-part' },
	'/outbox': { load: 'reviews.manage' }
};
