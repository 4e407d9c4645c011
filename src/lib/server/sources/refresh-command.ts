// `npm run refresh -- [--instrument SLUG] [--url URL] [--format F] [--apply]`: each instrument's
// status page fetched from its depositary (or another address, e.g. a mirror or a saved copy
// served locally), read and compared with the record, printing the same diff as `npm run
// import`; with --apply the changes are written as an import of that page. A dry run by default.
// Returns the exit code: 0 every page checked, 1 a page could not be fetched or read (each
// failure says the address and what happened; nothing of it is written), 2 bad arguments.
import { parseArgs } from 'node:util';
import type { Db } from '../db';
import * as imports from './imports';
import { summary } from './import-command';
import * as refresh from './refresh';

export const USAGE = 'npm run refresh -- [--instrument <slug>] [--url <address>] [--format <reader>] [--timeout <seconds>] [--retries <n>] [--apply]';

export async function run(
	db: Db,
	argv: string[],
	opts: { print?: (line: string) => void; origin?: string | null; fetch?: Partial<refresh.FetchOptions> } = {}
): Promise<number> {
	const print = opts.print ?? console.log;
	let args;
	try {
		args = parseArgs({
			args: argv,
			options: {
				instrument: { type: 'string' },
				url: { type: 'string' },
				format: { type: 'string' },
				timeout: { type: 'string' },
				retries: { type: 'string' },
				apply: { type: 'boolean', default: false }
			},
			strict: true
		}).values;
	} catch (e) {
		print(`refresh: ${(e as Error).message}\nusage: ${USAGE}`);
		return 2;
	}
	const number = (name: 'timeout' | 'retries', min: number, max: number): number | undefined | null => {
		const raw = args[name];
		if (raw === undefined) return undefined;
		const n = Number(raw);
		if (!/^\d+(\.\d+)?$/.test(raw) || n < min || n > max) {
			print(`refresh: --${name} must be a number from ${min} to ${max}, not "${raw}"`);
			return null;
		}
		return n;
	};
	const timeout = number('timeout', 1, 600);
	const retries = number('retries', 0, 10);
	if (timeout === null || retries === null) return 2;
	let targets: refresh.Target[];
	try {
		targets = await refresh.targets(db, { instrument: args.instrument, url: args.url, format: args.format });
	} catch (e) {
		if (e instanceof refresh.RefreshError) {
			print(`refresh: ${e.message}`);
			return 2;
		}
		throw e;
	}
	const fetchOptions: refresh.FetchOptions = {
		...refresh.DEFAULTS,
		userAgent: refresh.userAgent(opts.origin ?? null),
		...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}),
		...(retries !== undefined ? { retries } : {}),
		...opts.fetch
	};
	let failed = 0;
	for (const target of targets) {
		print(`${target.instrument} ← ${target.url}`);
		let checked: refresh.Checked;
		try {
			// a page given by --url is read whole, whatever an earlier check of it said
			checked = await refresh.check(db, target, { ...fetchOptions, conditional: args.url === undefined });
		} catch (e) {
			if (!(e instanceof refresh.RefreshError)) throw e;
			failed++;
			print(`refresh: ${e.message}; the record is unchanged`);
			await refresh.note(db, { target, by: 'command', outcome: 'failed', message: e.reason });
			continue;
		}
		if (checked.outcome === 'not-modified') {
			print(`  not modified since the last check${checked.since ? ` (${checked.since.slice(0, 10)})` : ''}: nothing to compare`);
			await refresh.note(db, { target, by: 'command', outcome: 'not-modified', message: 'not modified since the last check', checked });
			continue;
		}
		for (const line of summary(checked.preview)) print(`  ${line}`);
		const planned = imports.writes(checked.preview.diff).length;
		await refresh.note(db, { target, by: 'command', outcome: checked.outcome, message: planned ? `${planned} change${planned === 1 ? '' : 's'} to the record` : 'the record holds what the page says', checked });
		if (!args.apply) {
			if (planned || !checked.preview.sourceKnown) print(`  dry run: nothing written. Run again with --apply to write ${planned ? `${planned} change${planned === 1 ? '' : 's'}` : 'the page as a source'}.`);
			continue;
		}
		const { revision, written, sourceAdded } = await imports.apply(db, checked.preview);
		if (written || sourceAdded) print(`  applied: ${written} change${written === 1 ? '' : 's'}${sourceAdded ? ` and source ${checked.preview.source.id}` : ''}, revision ${revision}`);
	}
	return failed ? 1 : 0;
}
