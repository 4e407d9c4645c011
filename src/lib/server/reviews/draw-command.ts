// `npm run draw`: the drawing of lots for a review cycle's country reviews. Reads the parties on
// a date, draws, checks the draw against every rule (independently of how it was drawn) and
// prints it; with --apply, writes it. Returns the exit code: 0 done, 1 the draw reports problems
// (or was refused), 2 bad arguments (an unknown cycle among them).
import { parseArgs } from 'node:util';
import type { Db } from '../db';
import { isIsoDate } from '../../dates';
import { check, unreported } from './draw/check';
import { draw } from './draw/draw';
import type { DrawResult } from './draw/types';
import { drawInput, DrawInputError, type DrawContext } from './draw-input';
import * as draws from './draws';

export const USAGE = 'npm run draw -- --cycle <id> --seed <n> [--on YYYY-MM-DD] [--json] [--apply]';
export const ACTOR = 'command line: draw';

export interface Output {
	/** The draw itself (stdout). */
	print?: (line: string) => void;
	/** Warnings and problems beside --json (stderr). */
	error?: (line: string) => void;
	now?: Date;
}

function table(ctx: DrawContext, r: DrawResult): string[] {
	const out: string[] = [];
	const w = Math.max(10, ...ctx.instruments.map((i) => i.length));
	out.push(`${'state'.padEnd(6)}${'instrument'.padEnd(w + 2)}${'own group'.padEnd(11)}other group(s)`);
	const group = new Map(ctx.underReview.map((s) => [s.code, s.group]));
	for (const a of r.assignments) {
		const own = a.reviewers.filter((x) => group.get(x) != null && group.get(x) === group.get(a.state));
		const others = a.reviewers.filter((x) => !own.includes(x));
		// a State with no group recorded has no own-group column: its reviewers come from any group
		const ownCell = group.get(a.state) == null ? 'no group' : own.join(' ') || '—';
		out.push(`${a.state.padEnd(6)}${a.instrument.padEnd(w + 2)}${ownCell.padEnd(11)}${others.join(' ') || '—'}`);
	}
	const values = Object.values(r.load);
	const histogram = new Map<number, number>();
	for (const v of values) histogram.set(v, (histogram.get(v) ?? 0) + 1);
	const spread = [...histogram].sort(([a], [b]) => a - b).map(([n, k]) => `${k} reviewing ${n}`).join(', ');
	out.push(`load (States under review per reviewing State): ${spread}`);
	return out;
}

export async function run(db: Db, argv: string[], opts: Output = {}): Promise<number> {
	const print = opts.print ?? console.log;
	const error = opts.error ?? console.error;
	let args;
	try {
		args = parseArgs({
			args: argv,
			options: {
				cycle: { type: 'string' },
				seed: { type: 'string' },
				on: { type: 'string' },
				json: { type: 'boolean', default: false },
				apply: { type: 'boolean', default: false }
			},
			strict: true,
			allowPositionals: false
		}).values;
	} catch (e) {
		error(`draw: ${(e as Error).message}\nusage: ${USAGE}`);
		return 2;
	}
	const missing = (['cycle', 'seed'] as const).filter((k) => !args[k]);
	if (missing.length) {
		error(`draw: --${missing.join(' and --')} ${missing.length === 1 ? 'is' : 'are'} required\nusage: ${USAGE}`);
		return 2;
	}
	// A seed is written down and typed again: digits only, so "1e3" or "0x10" are not the same draw as 1000 or 16.
	const seed = /^\d{1,15}$/.test(args.seed!) ? Number(args.seed) : NaN;
	if (!Number.isSafeInteger(seed)) {
		error(`draw: --seed "${args.seed}" is not a whole number from 0 to 999999999999999`);
		return 2;
	}
	if (args.on !== undefined && !isIsoDate(args.on)) {
		error(`draw: --on "${args.on}" is not a date (YYYY-MM-DD)`);
		return 2;
	}

	let ctx: DrawContext;
	try {
		ctx = await drawInput(db, { cycleId: args.cycle!, on: args.on, seed });
	} catch (e) {
		if (e instanceof DrawInputError) {
			error(`draw: --cycle: ${e.message}`);
			return 2;
		}
		throw e;
	}
	const result = draw(ctx);
	// Never silently broken: whatever the check finds must be among the problems the draw reported.
	const broken = unreported(check(ctx, result), result.problems);
	if (broken.length) {
		error(`draw: the draw broke ${broken.length} rule${broken.length === 1 ? '' : 's'} it did not report, so it is not used (a fault in the algorithm ${result.algorithm}):`);
		for (const b of broken) error(`  ${b.rule}: ${b.message}`);
		return 1;
	}

	const notes = args.json ? error : print;
	notes(`draw for ${ctx.cycleId} (mechanism ${ctx.mechanismId}), seed ${seed}, algorithm ${result.algorithm}, parties on ${ctx.on}`);
	for (const w of ctx.warnings) notes(`warning: ${w}`);
	for (const p of ctx.placements) notes(`placed: ${p.name} (${p.code}) — ${p.rule}`);
	if (args.json) {
		// one assignment a line: [{ "state": "AFG", "group": "asia-pacific-group", "instrument": "untoc", "reviewers": ["TJK", "ETH"] }, …];
		// group: the regional group the draw took the State in, null when none is recorded (NO_GROUP_RULE)
		const groupOf = new Map(ctx.underReview.map((s) => [s.code, s.group]));
		const lines = result.assignments.map(({ state, instrument, reviewers }) => '  ' + JSON.stringify({ state, group: groupOf.get(state) ?? null, instrument, reviewers }));
		print(lines.length ? `[\n${lines.join(',\n')}\n]` : '[]');
	} else {
		for (const line of table(ctx, result)) print(line);
	}
	notes(result.problems.length ? `${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}: rules the draw could not meet (the slots are left empty):` : 'no problems: every rule is met');
	for (const p of result.problems) notes(`  ${p.rule} — ${p.state}${p.instrument ? ` ${p.instrument}` : ''}: ${p.message}`);

	if (!args.apply) {
		notes('dry run: nothing written. Run again with --apply to write this draw.');
	} else {
		try {
			const { id, reviewers } = await draws.record(db, { cycleId: ctx.cycleId, partiesOn: ctx.on, result, actor: ACTOR, now: opts.now });
			notes(`applied: draw #${id} with ${reviewers} reviewer rows, in the audit log as "${ACTOR}"`);
		} catch (e) {
			if (e instanceof draws.DrawRefused) {
				error(`draw: refused: ${e.message}`);
				return 1;
			}
			throw e;
		}
	}
	return result.problems.length ? 1 : 0;
}
