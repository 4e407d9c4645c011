// The server's own refresh (opt-in: REFRESH_EVERY=1d, 12h, 90m…): every so often each instrument's
// status page is checked as `npm run refresh` would, and what it found is put on the freshness
// board — the page kept, for the secretariat to preview and apply through the import page. It is
// never applied unseen. A check that fails is noted there with its reason; the next round tries
// again. One round at a time; the first a minute after the server starts.
import { exclusively, type Db } from '../db';
import * as importFiles from './import-files';
import * as imports from './imports';
import * as refresh from './refresh';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Depositaries are not asked more often than this. */
export const MIN_EVERY_MS = 15 * 60_000;

/** "1d", "12h", "90m" as milliseconds; an error naming the variable otherwise. */
export function parseEvery(value: string): number {
	const m = /^\s*(\d+)\s*([mhd])\s*$/.exec(value);
	const ms = m ? Number(m[1]) * UNITS[m[2]] : NaN;
	if (!Number.isFinite(ms)) throw new Error(`REFRESH_EVERY: "${value}" is not a period such as 1d, 12h or 90m`);
	if (ms < MIN_EVERY_MS) throw new Error(`REFRESH_EVERY: ${value} is too often; at least 15m between rounds`);
	return ms;
}

/** One round: every target checked, what was found noted (and the page kept when it differs). */
export async function round(db: Db, opts: { fetch: refresh.FetchOptions; log?: (msg: string) => void; targets?: refresh.Target[] }): Promise<void> {
	for (const target of opts.targets ?? (await refresh.targets(db, {}))) {
		try {
			const checked = await refresh.check(db, target, opts.fetch);
			if (checked.outcome === 'not-modified') {
				await refresh.note(db, { target, by: 'schedule', outcome: 'not-modified', message: 'not modified since the last check', checked });
				continue;
			}
			const planned = imports.writes(checked.preview.diff).length;
			const kept = checked.outcome === 'changes' ? await importFiles.keep(db, { name: `${target.instrument}-${new Date().toISOString().slice(0, 10)}.html`, text: checked.text, actor: 'the refresh schedule' }) : null;
			await refresh.note(db, {
				target,
				by: 'schedule',
				outcome: checked.outcome,
				message: planned ? `${planned} change${planned === 1 ? '' : 's'} to the record, waiting to be previewed and applied` : checked.preview.sourceKnown ? 'the record holds what the page says' : 'a newer page, with no change to any act',
				checked,
				fileId: kept?.id ?? null
			});
			opts.log?.(`refresh: ${target.instrument}: ${checked.outcome}${planned ? ` (${planned})` : ''}`);
		} catch (e) {
			if (!(e instanceof refresh.RefreshError)) throw e;
			await refresh.note(db, { target, by: 'schedule', outcome: 'failed', message: e.reason });
			opts.log?.(`refresh: ${e.message}`);
		}
	}
}

/** Starts the schedule; returns how to stop it. The timers do not keep the process alive. */
export function start(db: Db, opts: { every: string; origin: string | null; log: (msg: string) => void; firstAfterMs?: number }): () => void {
	const ms = parseEvery(opts.every);
	const fetch: refresh.FetchOptions = { ...refresh.DEFAULTS, userAgent: refresh.userAgent(opts.origin) };
	let running = false;
	const go = () => {
		if (running) return;
		running = true;
		// once per database, whichever instance comes first: every instance would fetch each page
		exclusively(db, 'refresh round', () => round(db, { fetch, log: opts.log }))
			.catch((e) => opts.log(`refresh: the round stopped: ${(e as Error).message}`))
			.finally(() => (running = false));
	};
	const first = setTimeout(go, opts.firstAfterMs ?? 60_000);
	const every = setInterval(go, ms);
	first.unref();
	every.unref();
	return () => {
		clearTimeout(first);
		clearInterval(every);
	};
}
