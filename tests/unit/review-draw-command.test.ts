// `npm run draw`: prints the draw (JSON of the documented shape with --json), refuses bad
// arguments naming them, writes nothing unless --apply, and with --apply writes one draw, its
// reviewer rows and an audit entry. A cycle is drawn once: a second --apply is refused.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import * as audit from '../../src/lib/server/audit/log';
import { ACTOR, run } from '../../src/lib/server/reviews/draw-command';
import { draw } from '../../src/lib/server/reviews/draw/draw';
import { ALGORITHM } from '../../src/lib/server/reviews/draw/types';
import { drawInput } from '../../src/lib/server/reviews/draw-input';
import { freshDb } from './db';

async function command(db: Db, ...argv: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await run(db, argv, { print: (l) => out.push(l), error: (l) => err.push(...l.split('\n')), now: new Date('2020-10-12T09:00:00Z') });
	return { code, out: out.join('\n'), err };
}

async function count(db: Db, table: 'review_draws' | 'review_reviewers' | 'audit_log') {
	return Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

describe('npm run draw', () => {
	let db: Db;
	beforeAll(async () => {
		db = await freshDb();
	});

	it('--json prints the assignments as JSON: state, group, instrument, reviewers; on the shipped data every rule is kept and it exits 0', async () => {
		const { code, out, err } = await command(db, '--cycle', 'untoc-1', '--seed', '42', '--json');
		const list = JSON.parse(out) as { state: string; group: string | null; instrument: string; reviewers: string[] }[];
		expect(Array.isArray(list)).toBe(true);
		expect(list.length).toBeGreaterThan(300);
		for (const a of list) {
			expect(Object.keys(a as object)).toEqual(['state', 'group', 'instrument', 'reviewers']);
			const { state, group, instrument, reviewers } = a;
			expect(state).toMatch(/^[A-Z]{3}$/);
			expect(group === null || /^[a-z-]+$/.test(group)).toBe(true);
			expect(['untoc', 'trafficking-protocol', 'smuggling-protocol', 'firearms-protocol']).toContain(instrument);
			for (const r of reviewers) expect(r).toMatch(/^[A-Z]{3}$/);
		}
		// The draw of the seed on the cycle's first day, as the pure function draws it.
		const ctx = await drawInput(db, { cycleId: 'untoc-1', seed: 42 });
		expect(ctx.on).toBe('2020-10-12');
		expect(list.map(({ state, instrument, reviewers }) => ({ state, instrument, reviewers }))).toEqual(draw(ctx).assignments);
		// the group is the UN regional group of data/groups.csv: Germany's is WEOG; the Cook Islands have none recorded
		expect(list.find((a) => a.state === 'DEU')!.group).toBe('weog');
		expect(list.find((a) => a.state === 'COK')).toMatchObject({ group: null, reviewers: [expect.any(String), expect.any(String)] });
		// States in no UN regional group are drawn under the stated rule; nothing is left empty
		expect(code).toBe(0);
		expect(err).toContain('draw for untoc-1 (mechanism untoc), seed 42, algorithm tt-draw-1, parties on 2020-10-12');
		expect(err.some((l) => l.startsWith('placed: Cook Islands (COK) — no UN regional group recorded: one_from_own_group does not apply'))).toBe(true);
		expect(err).toContain('no problems: every rule is met');
		expect(err.some((l) => l.startsWith('warning: untoc: the record holds '))).toBe(true);
		expect(err.at(-1)).toBe('dry run: nothing written. Run again with --apply to write this draw.');
		expect(await count(db, 'review_draws')).toBe(0);
	});

	it('without --json prints a table, the load and the problems', async () => {
		const { code, out, err } = await command(db, '--cycle', 'untoc-1', '--seed', '42', '--on', '2021-06-30');
		expect(code).toBe(0);
		expect(err).toEqual([]);
		const lines = out.split('\n');
		expect(lines[0]).toBe('draw for untoc-1 (mechanism untoc), seed 42, algorithm tt-draw-1, parties on 2021-06-30');
		expect(lines).toContain('state instrument            own group  other group(s)');
		expect(lines.some((l) => /^AFG {3}untoc +[A-Z]{3} +[A-Z]{3}$/.test(l))).toBe(true);
		expect(lines.some((l) => l.startsWith('load (States under review per reviewing State): '))).toBe(true);
	});

	it('exits 0 when every rule is met: here once the mechanism no longer asks for one reviewer from the own group', async () => {
		const other = await freshDb();
		await other.updateTable('review_settings').set({ value: 'false' }).where('mechanism_id', '=', 'untoc').where('key', '=', 'one_from_own_group').execute();
		const { code, out } = await command(other, '--cycle', 'untoc-1', '--seed', '7');
		expect(code).toBe(0);
		expect(out).toContain('no problems: every rule is met');
		await other.destroy();
	});

	it('bad arguments exit 2 with a message naming the argument', async () => {
		const cases: [string[], string][] = [
			[['--seed', '1'], 'draw: --cycle is required'],
			[['--cycle', 'untoc-1'], 'draw: --seed is required'],
			[['--cycle', 'untoc-1', '--seed', 'x1'], 'draw: --seed "x1" is not a whole number from 0 to 999999999999999'],
			[['--cycle', 'untoc-1', '--seed=-3'], 'draw: --seed "-3" is not a whole number from 0 to 999999999999999'],
			[['--cycle', 'untoc-1', '--seed', '-3'], "draw: Option '--seed' argument is ambiguous."],
			[['--cycle', 'untoc-1', '--seed', '1e3'], 'draw: --seed "1e3" is not a whole number from 0 to 999999999999999'],
			[['--cycle', 'untoc-1', '--seed', '1', '--on', '2020-02-30'], 'draw: --on "2020-02-30" is not a date (YYYY-MM-DD)'],
			[['--cycle', 'untoc-1', '--seed', '1', '--force'], "draw: Unknown option '--force'"],
			[['--cycle', 'untoc-9', '--seed', '1'], 'draw: --cycle: there is no review cycle "untoc-9" (known: untoc-1)']
		];
		for (const [argv, message] of cases) {
			const { code, out, err } = await command(db, ...argv);
			expect(code, argv.join(' ')).toBe(2);
			expect(out).toBe('');
			// (Node's own messages for unknown options may go on with advice)
			expect(err[0].startsWith(message), err[0]).toBe(true);
		}
	});

	it('--apply writes one draw, its reviewer rows and an audit entry; a second --apply is refused', async () => {
		const before = await audit.revision(db);
		const { code, out, err } = await command(db, '--cycle', 'untoc-1', '--seed', '42', '--json', '--apply');
		expect(code).toBe(0);
		const assignments = (JSON.parse(out) as { state: string; instrument: string; reviewers: string[] }[]).map(({ state, instrument, reviewers }) => ({ state, instrument, reviewers }));
		const rows = assignments.reduce((n, a) => n + a.reviewers.length, 0);
		expect(err).toContain(`applied: draw #1 with ${rows} reviewer rows, in the audit log as "${ACTOR}"`);
		// review work is not the treaty record: the record's revision does not move
		expect(await audit.revision(db)).toBe(before);

		const drawn = await db.selectFrom('review_draws').selectAll().execute();
		expect(drawn).toHaveLength(1);
		expect(drawn[0]).toMatchObject({ id: 1, cycle_id: 'untoc-1', seed: 42, algorithm: ALGORITHM, parties_on: '2020-10-12', drawn_by: 'command line: draw', drawn_at: '2020-10-12T09:00:00.000Z' });
		expect(JSON.parse(drawn[0].result)).toEqual(assignments);
		expect(JSON.parse(drawn[0].problems)).toEqual([]);

		const reviewers = await db.selectFrom('review_reviewers').selectAll().orderBy('id').execute();
		expect(reviewers).toHaveLength(rows);
		expect(reviewers.every((r) => r.draw_id === 1 && r.cycle_id === 'untoc-1' && r.replaced_at === null)).toBe(true);
		const first = assignments[0];
		expect(reviewers.filter((r) => r.state_code === first.state && r.instrument_slug === first.instrument).map((r) => r.reviewer_code)).toEqual(first.reviewers);

		const [entry] = await audit.list(db, { entity: 'review-draw' });
		expect(entry).toMatchObject({ actor: 'command line: draw', action: 'draw', entity: 'review-draw', entity_id: '1', revision: before, before: null });
		expect(entry.summary).toMatch(/^lots drawn for untoc-1 \(seed 42, tt-draw-1, parties on 2020-10-12\): \d+ States under review, \d+ reviewer rows, \d+ problems reported$/);
		expect(await audit.revision(db)).toBe(before);

		const again = await command(db, '--cycle', 'untoc-1', '--seed', '42', '--apply');
		expect(again.code).toBe(1);
		expect(again.err).toEqual([
			'draw: refused: cycle untoc-1 already has draw #1 (seed 42, tt-draw-1, drawn 2020-10-12T09:00:00.000Z by command line: draw): a cycle is drawn once; a reviewer is replaced by a redraw'
		]);
		expect(await count(db, 'review_draws')).toBe(1);
		expect(await count(db, 'review_reviewers')).toBe(rows);
		expect(await audit.revision(db)).toBe(before);
	});
});
