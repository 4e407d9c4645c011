// Draws of lots as written: one review_draws row (seed, algorithm, the date the parties were
// taken on, the result and the problems it reported) and its review_reviewers rows, in one
// transaction with its audit entry. A cycle is drawn once: a second draw would give States two
// sets of reviewers; a reviewer a State objects to is drawn again (redraw), not the whole cycle.
import * as audit from '../audit/log';
import { inTransaction, insertMany, type Db } from '../db';
import { redraw } from './draw/redraw';
import type { DrawResult } from './draw/types';
import { drawInput } from './draw-input';
import { m } from '$lib/paraglide/messages';

export class DrawRefused extends Error {}

/** The cycle's draw, if it has one. */
export async function ofCycle(db: Db, cycleId: string) {
	return db.selectFrom('review_draws').selectAll().where('cycle_id', '=', cycleId).orderBy('id').executeTakeFirst();
}

/** The reviewers drawn in a cycle and not replaced, by State under review, then in the order drawn. */
export async function activeReviewers(db: Db, cycleId: string) {
	return db
		.selectFrom('review_reviewers')
		.select(['state_code', 'instrument_slug', 'reviewer_code'])
		.where('cycle_id', '=', cycleId)
		.where('replaced_at', 'is', null)
		.orderBy('state_code')
		.orderBy('id')
		.execute();
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
				m.reviews_draw_refused_drawn({ cycle: opts.cycleId, id: String(existing.id), seed: String(existing.seed), algorithm: existing.algorithm, at: existing.drawn_at, by: existing.drawn_by })
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
		// who reviews whom is public, not the treaty record: the public state moves, the record's revision does not
		const states = new Set(r.assignments.map((a) => a.state)).size;
		const revision = await audit.write(trx, [
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

/**
 * A reviewer of a State under review drawn again, at the State's request, with its reason: under
 * the same rules, never one replaced before, at most max_redraws times per State and cycle. The
 * replaced rows are kept (replaced_at, the reason, the row that replaced them), audited.
 */
export async function redrawReviewer(
	db: Db,
	opts: { cycleId: string; state: string; reviewer: string; reason: string; actor: audit.Actor | string }
): Promise<{ replacement: string; instruments: string[] }> {
	// Everything read and written in one transaction: two requests at once cannot both count the
	// same redraws or both add the same replacement.
	return inTransaction(db, async (trx) => {
		const drawn = await ofCycle(trx, opts.cycleId);
		if (!drawn) throw new DrawRefused(m.reviews_draw_refused_no_draw({ cycle: opts.cycleId }));
		// Once the reviewers have started work on a review of this State, they stay: the stages
		// after "experts named" are theirs, and a report names them.
		const started = await trx
			.selectFrom('reviews')
			.select(['id', 'stage'])
			.where('cycle_id', '=', opts.cycleId)
			.where('state_code', '=', opts.state)
			.where('stage', 'not in', ['launched', 'focal-point-named'])
			.execute();
		if (started.length) throw new DrawRefused(m.reviews_draw_refused_started({ state: opts.state, id: String(started[0].id), stage: started[0].stage }));
		const input = await drawInput(trx, { cycleId: opts.cycleId, on: drawn.parties_on, seed: drawn.seed });
		const rows = await trx.selectFrom('review_reviewers').selectAll().where('cycle_id', '=', opts.cycleId).orderBy('id').execute();
		const active = rows.filter((r) => r.replaced_at === null);
		const byKey = new Map<string, { state: string; instrument: string; reviewers: string[] }>();
		for (const r of active) {
			const key = `${r.state_code}|${r.instrument_slug}`;
			if (!byKey.has(key)) byKey.set(key, { state: r.state_code, instrument: r.instrument_slug, reviewers: [] });
			byKey.get(key)!.reviewers.push(r.reviewer_code);
		}
		const previous: DrawResult = { algorithm: drawn.algorithm, seed: drawn.seed, assignments: [...byKey.values()], problems: JSON.parse(drawn.problems), load: {} };
		const replacedBefore = [...new Set(rows.filter((r) => r.state_code === opts.state && r.replaced_at !== null).map((r) => r.reviewer_code))];
		const mine = active.filter((r) => r.state_code === opts.state && r.reviewer_code === opts.reviewer);
		if (!mine.length) throw new DrawRefused(m.reviews_draw_refused_not_reviewer({ reviewer: opts.reviewer, state: opts.state, cycle: opts.cycleId }));
		const outcome = redraw(input, previous, {
			state: opts.state, instrument: mine[0].instrument_slug, reviewer: opts.reviewer, reason: opts.reason,
			redrawsSoFar: replacedBefore.length, maxRedraws: input.maxRedraws, excluded: replacedBefore
		});
		if (!outcome.ok) throw new DrawRefused(outcome.reason);
		const now = new Date().toISOString();
		const after = outcome.result.assignments.filter((a) => a.state === opts.state);
		const keeps = (instrument: string, reviewer: string) => after.some((a) => a.instrument === instrument && a.reviewers.includes(reviewer));
		const added = new Map<string, number>();
		for (const a of after) {
			for (const reviewer of a.reviewers) {
				if (active.some((r) => r.state_code === opts.state && r.instrument_slug === a.instrument && r.reviewer_code === reviewer)) continue;
				const { id } = await trx
					.insertInto('review_reviewers')
					.values({ cycle_id: opts.cycleId, state_code: opts.state, instrument_slug: a.instrument, reviewer_code: reviewer, draw_id: drawn.id, replaced_at: null, replaced_reason: null, replaced_by: null })
					.returning('id')
					.executeTakeFirstOrThrow();
				added.set(a.instrument, id);
			}
		}
		for (const r of active.filter((x) => x.state_code === opts.state && !keeps(x.instrument_slug, x.reviewer_code))) {
			await trx.updateTable('review_reviewers').set({ replaced_at: now, replaced_reason: opts.reason.trim(), replaced_by: added.get(r.instrument_slug) ?? null }).where('id', '=', r.id).where('replaced_at', 'is', null).execute();
		}
		// the State's reviews changed: a page loaded before is out of date
		await trx.updateTable('reviews').set((eb) => ({ version: eb('version', '+', 1) })).where('cycle_id', '=', opts.cycleId).where('state_code', '=', opts.state).execute();
		await audit.write(trx, [
			{
				actor: opts.actor, action: 'redraw', entity: 'review-draw', entityId: drawn.id,
				summary: `${opts.state}: ${opts.reviewer} replaced by ${outcome.replacement} (${outcome.instruments.join(', ')}), redraw ${replacedBefore.length + 1}`,
				before: { reviewer: opts.reviewer }, after: { reviewer: outcome.replacement, instruments: outcome.instruments, released: outcome.released }, sourceId: null, reason: opts.reason.trim()
			}
		]);
		return { replacement: outcome.replacement, instruments: outcome.instruments };
	});
}
