// The in-memory record of each database, kept current by following the audit log, and what each
// change reached — the words the page cache keys its stored answers by (http/page-cache).
//
// Each database has one follower. It remembers the newest audit entry it has seen; when the
// record's revision or the public state's has moved (another request's write, another process's),
// it reads the entries written since, once, for everyone waiting:
// - corrections, new acts and retractions (entity 'act') update the record: the acts read again,
//   their instruments made again (record/build `update`), the rest shared;
// - any other change to the treaty record (a source, an alias, an import, the reference files)
//   builds it again from the database: everything may have changed;
// - a change the public sees of the reviews moves `reviews`; private work moves nothing.
// Each pass that changes something the public sees is one step of the follower's clock; each tag
// remembers the step that last changed it. A stored answer that read only tags older than its
// render is still the answer.
import { revisionsFresh, revisionsNow, type Db } from '../db';
import * as audit from '../audit/log';
import { reachOf } from '../audit/changes';
import { build, update, type Built } from './build';
import type { TreatyRecord } from './record';

/**
 * What a public answer reads, as the follower names changes:
 * - `instrument:<slug>`: anything of an instrument's record (an act's note, a warning);
 * - `statuses:<slug>`: its statuses, dates and entries into force (what another instrument's page,
 *   a map or a count reads of it);
 * - `participant:<code>`: anything of a participant's acts;
 * - `statuses`: any instrument's statuses, or who exists when (lists, counts, parity);
 * - `record`: anything of the treaty record;
 * - `reviews`: what the public sees of the review mechanism;
 * - `public`: anything the public sees (the default for an answer that says nothing).
 */
export type Tag = `instrument:${string}` | `statuses:${string}` | `participant:${string}` | 'statuses' | 'record' | 'reviews' | 'public';

interface State {
	built: Built;
	/** The newest audit entry taken in. */
	auditId: number;
	/** The record's revision and the public state's, as read before the entries were. */
	revision: number;
	publicRevision: number;
}

class Follower {
	state: State | null = null;
	/** The clock: one step per pass that changed something the public sees. */
	step = 0;
	/** The step of each tag's last change; `everything` for a change that reached them all. */
	readonly steps = new Map<string, number>();
	everything = 0;
	#pass: Promise<void> | null = null;

	constructor(readonly db: Db) {}

	/** One pass at a time; those who ask meanwhile wait for it, then look again. */
	pass(): Promise<void> {
		this.#pass ??= this.#run().finally(() => (this.#pass = null));
		return this.#pass;
	}

	async #run(): Promise<void> {
		// the revisions first, then the entries: the entries read hold at least every change of them
		const { revision, publicRevision } = await revisionsNow(this.db);
		if (!this.state) {
			const auditId = await audit.lastId(this.db);
			this.state = { built: await build(this.db, revision), auditId, revision, publicRevision };
			return;
		}
		const entries = await audit.since(this.db, this.state.auditId);
		const acts = new Set<number>();
		let rebuild = false;
		let reviews = false;
		for (const e of entries) {
			const reach = reachOf(e.entity, e.action);
			if (reach.moves === 'record') {
				if (e.entity === 'act') acts.add(Number(e.entity_id));
				else rebuild = true;
			} else if (reach.moves === 'public') reviews = true;
		}
		const auditId = entries.at(-1)?.id ?? this.state.auditId;
		const seen = rebuild || acts.size > 0 || reviews;
		const step = seen ? this.step + 1 : this.step;
		let built = this.state.built;
		if (rebuild) {
			built = await build(this.db, revision);
			this.everything = step;
		} else if (acts.size) {
			const done = await update(this.db, built, revision, [...acts]);
			built = done.built;
			const c = done.changed;
			const moved: string[] = ['record'];
			for (const slug of c.instruments) moved.push(`instrument:${slug}`);
			for (const slug of c.statuses) moved.push(`statuses:${slug}`);
			for (const code of c.participants) moved.push(`participant:${code}`);
			if (c.statuses.size || c.existence) moved.push('statuses');
			for (const t of moved) this.steps.set(t, step);
		} else if (revision !== built.record.revision) {
			built = { ...built, record: { ...built.record, revision } };
		}
		if (reviews) this.steps.set('reviews', step);
		this.step = step;
		this.state = { built, auditId, revision, publicRevision };
	}

	/** The step at which anything in `tags` last changed (what a stored answer's tag is made of). */
	stepOf(tags: readonly Tag[]): number {
		let s = this.everything;
		for (const t of tags) {
			const at = t === 'public' ? this.step : (this.steps.get(t) ?? 0);
			if (at > s) s = at;
		}
		return s;
	}
}

const followers = new WeakMap<Db, Follower>();

function followerOf(db: Db): Follower {
	let f = followers.get(db);
	if (!f) followers.set(db, (f = new Follower(db)));
	return f;
}

/** The record at the database's current revision. */
export async function record(db: Db): Promise<TreatyRecord> {
	const f = followerOf(db);
	for (;;) {
		if (f.state && f.state.revision >= (await revisionsNow(db)).revision) return f.state.built.record;
		await f.pass();
	}
}

/**
 * Whether the follower has taken in every change the public can see now, as known without
 * asking (synchronously: the page cache asks on every request). False: `follow` first.
 */
export function following(db: Db): boolean {
	const f = followers.get(db);
	const known = revisionsFresh(db) ? audit.publicState(db) : null;
	return Boolean(f?.state && known && f.state.publicRevision >= known.revision);
}

/** Takes in every change the public can see now (asking the database when it is not known otherwise). */
export async function follow(db: Db): Promise<void> {
	const f = followerOf(db);
	for (;;) {
		const { publicRevision } = await revisionsNow(db);
		if (f.state && f.state.publicRevision >= publicRevision) return;
		await f.pass();
	}
}

/** The step at which anything `tags` name last changed; follow first. */
export function stepOf(db: Db, tags: readonly Tag[]): number {
	return followerOf(db).stepOf(tags);
}

/** The record as the follower holds it now, without asking the database (after `follow`). */
export function held(db: Db): TreatyRecord | null {
	return followers.get(db)?.state?.built.record ?? null;
}
