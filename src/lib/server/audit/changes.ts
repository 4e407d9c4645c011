// The kinds of change the app makes, one table: each kind of thing (an entity) with the ways it
// changes (its actions), and for each whether the public can see it and which revision it
// moves. Every writer names its change from this table (audit.write refuses anything else, by
// type), the audit log's form offers its words, and the page cache and the in-memory record are
// keyed by the revisions it moves — nobody matches actions as strings by hand.
//
// Two revisions, each moved only by what changes it (both kept in record_meta, bumped in the
// writer's transaction by audit.write):
// - the treaty record's: acts, sources, aliases, imports and the reference data — what the
//   in-memory record is built from and what an import's preview is compared with;
// - the public state's: everything a public answer shows — the record, and what the public
//   sees of the reviews (launches, stages, draws, follow-ups, settings). The page cache is
//   keyed by it.
// Accounts and a review's private work (drafts, comments, evidence, people, agreements) move
// neither: a password change leaves an open import preview valid, a draft answer leaves every
// public page as it was.

/** What a change is to the two revisions: seen by the public or not, and which it moves. */
export interface Reach {
	/** The public can see it: a public answer may change. */
	public: boolean;
	/** The revision it moves: the record's (and so the public state's), the public state's alone, or neither. */
	moves: 'record' | 'public' | null;
}

/** A change to the treaty record: the record's revision moves, and the public state's with it. */
const RECORD = { public: true, moves: 'record' } as const satisfies Reach;
/** A change the public sees that is not the treaty record (the reviews' public side). */
const PUBLIC = { public: true, moves: 'public' } as const satisfies Reach;
/** Seen only by the people who work on it (accounts, a review's private work, an import's drafts). */
const PRIVATE = { public: false, moves: null } as const satisfies Reach;

export const CHANGES = {
	/** A participation act (record/participation). */
	act: { record: RECORD, correct: RECORD, retract: RECORD },
	/** A source added to the catalogue by an import (record/catalogue). */
	source: { add: RECORD },
	/** A name mapped to a participant while importing (sources/import-files). */
	alias: { add: RECORD },
	/** An import applied (sources/imports): its acts and source have their own entries. */
	import: { import: RECORD },
	/** The reference files of data/ brought in again when they changed (sources/load). */
	reference: { sync: RECORD },
	/**
	 * A country review (reviews/reviews): its launch, its stages (publication among them) and
	 * the follow-up of its recommendations are public; the work inside it is not.
	 */
	review: {
		launch: PUBLIC,
		move: PUBLIC,
		'follow-up': PUBLIC,
		name: PRIVATE,
		answer: PRIVATE,
		upload: PRIVATE,
		comment: PRIVATE,
		question: PRIVATE,
		observe: PRIVATE,
		summary: PRIVATE,
		agree: PRIVATE,
		// the review's working language (the questionnaire, notices and report are written in it)
		language: PRIVATE
	},
	/** The drawing of lots and a redraw (reviews/draws): who reviews whom is public. */
	'review-draw': { draw: PUBLIC, redraw: PUBLIC },
	/** A setting of a review mechanism confirmed by the secretariat (reviews/config). */
	'review-setting': { confirm: PUBLIC },
	/** An account (accounts/users, accounts/invitations). */
	user: { create: PRIVATE, update: PRIVATE, 'change-password': PRIVATE, invite: PRIVATE, 'accept-invitation': PRIVATE },
	/** A personal API token (accounts/tokens). */
	token: { create: PRIVATE, revoke: PRIVATE },
	/** The column mapping remembered for tables pasted from a depositary (sources/import-files). */
	'column-mapping': { remember: PRIVATE },
	/** A file uploaded or pasted for an import, kept (sources/import-files); it is public once an import applies it. */
	'import-file': { keep: PRIVATE }
} as const satisfies Record<string, Record<string, Reach>>;

/** A kind of thing the log records. */
export type Entity = keyof typeof CHANGES;
/** A way `E` changes (any kind's, when E is not given). */
export type Action<E extends Entity = Entity> = E extends Entity ? keyof (typeof CHANGES)[E] & string : never;

/** Every kind of thing, in the table's order. */
export const ENTITIES = Object.keys(CHANGES) as Entity[];

/** Every kind of change, each once, sorted. */
export const ACTIONS: Action[] = [...new Set(Object.values(CHANGES).flatMap((actions) => Object.keys(actions)))].sort() as Action[];

export function isEntity(s: string): s is Entity {
	return Object.hasOwn(CHANGES, s);
}

/** What a change reaches (the table's row), or throws for a change the table does not have. */
export function reachOf(entity: string, action: string): Reach {
	const actions: Record<string, Reach> | undefined = isEntity(entity) ? CHANGES[entity] : undefined;
	const reach = actions && Object.hasOwn(actions, action) ? actions[action] : undefined;
	if (!reach) throw new Error(`audit: "${entity}"/"${action}" is not a change the audit log knows (audit/changes.ts)`);
	return reach;
}

/** The changes of one kind the public sees / does not see (for a test, a form, a reader). */
export function actionsOf<E extends Entity>(entity: E, where: (reach: Reach) => boolean = () => true): Action<E>[] {
	return (Object.entries(CHANGES[entity]) as [Action<E>, Reach][]).filter(([, reach]) => where(reach)).map(([action]) => action);
}
