// Draws of lots as written: one review_draws row (seed, algorithm, the date the parties were
// taken on, the result and the problems it reported) and its review_reviewers rows, in one
// transaction with its audit entry. A cycle is drawn once: a second draw would give States two
// sets of reviewers; a reviewer a State objects to is drawn again (redraw), not the whole cycle.
import * as audit from '../audit';
import { inTransaction, insertMany, type Db } from '../db';
import type { DrawResult } from './draw';

export class DrawRefused extends Error {}

/** The cycle's draw, if it has one. */
export async function ofCycle(db: Db, cycleId: string) {
	return db.selectFrom('review_draws').selectAll().where('cycle_id', '=', cycleId).orderBy('id').executeTakeFirst();
}

export async function record(
	db: Db,
	opts: { cycleId: string; partiesOn: string; result: DrawResult; actor: audit.Actor | string; now?: Date }
): Promise<{ id: number; revision: number; reviewers: number }> {
	const { result: r } = opts;
	return inTransaction(db, async (trx) => {
		const existing = await ofCycle(trx, opts.cycleId);
		if (existing) {
			throw new DrawRefused(
				`cycle ${opts.cycleId} already has draw #${existing.id} (seed ${existing.seed}, ${existing.algorithm}, drawn ${existing.drawn_at} by ${existing.drawn_by}): ` +
					'a cycle is drawn once; a reviewer is replaced by a redraw'
			);
		}
		const row = {
			cycle_id: opts.cycleId,
			seed: r.seed,
			algorithm: r.algorithm,
			parties_on: opts.partiesOn,
			result: JSON.stringify(r.assignments),
			problems: JSON.stringify(r.problems),
			drawn_by: audit.actorLabel(opts.actor),
			drawn_at: (opts.now ?? new Date()).toISOString()
		};
		const { id } = await trx.insertInto('review_draws').values(row).returning('id').executeTakeFirstOrThrow();
		const reviewers = r.assignments.flatMap((a) =>
			a.reviewers.map((reviewer) => ({ cycle_id: opts.cycleId, state_code: a.state, instrument_slug: a.instrument, reviewer_code: reviewer, draw_id: id }))
		);
		await insertMany(trx, 'review_reviewers', reviewers);
		const revision = await audit.bump(trx);
		const states = new Set(r.assignments.map((a) => a.state)).size;
		await audit.write(trx, revision, [
			{
				actor: opts.actor,
				action: 'draw',
				entity: 'review-draw',
				entityId: id,
				summary: `lots drawn for ${opts.cycleId} (seed ${r.seed}, ${r.algorithm}, parties on ${opts.partiesOn}): ${states} States under review, ${reviewers.length} reviewer rows, ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} reported`,
				before: null,
				after: { cycle_id: opts.cycleId, seed: r.seed, algorithm: r.algorithm, parties_on: opts.partiesOn, states, reviewer_rows: reviewers.length, problems: r.problems },
				sourceId: null,
				reason: null
			}
		]);
		return { id, revision, reviewers: reviewers.length };
	});
}
