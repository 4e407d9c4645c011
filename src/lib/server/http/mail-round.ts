// The server's daily round of e-mail: the reminders of deadlines near or passed are written to
// the outbox (once each), then, with SMTP_URL, the outbox is drained — one digest per person a
// day. Without SMTP_URL the round still writes the reminders, and the secretariat reads them on
// /outbox: nothing is lost on a machine with no mail server.
import { exclusively, type Db } from '../db';
import * as sender from '../mail/sender';
import * as notices from '../reviews/notices';
import * as reviews from '../reviews/reviews';
import { today as todayIso } from '../../dates';

export interface RoundOptions {
	/** Where e-mail goes; null: nowhere (the outbox keeps it). */
	transport: sender.Transport | null;
	from: string;
	origin: string | null;
	/** Days before a deadline its reminder is sent (REMIND_DAYS, 14). */
	days?: number;
	today?: string;
	now?: Date;
}

/** MAIL_EVERY ("1d", "12h", "30m") as milliseconds; an error naming the variable otherwise. */
export function parseEvery(value: string): number {
	const m = /^\s*(\d+)\s*([mhd])\s*$/.exec(value);
	const ms = m ? Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'] : NaN;
	if (!Number.isFinite(ms) || ms < 60_000) throw new Error(`MAIL_EVERY: "${value}" is not a period such as 1d, 12h or 30m (or off)`);
	return ms;
}

/** The transport to the SMTP server of SMTP_URL. */
export const transport = sender.transport;

/** One round: reminders written, then the outbox drained when there is a transport. */
export async function round(db: Db, opts: RoundOptions): Promise<{ reminded: number; sent: number; failed: number }> {
	const open = (await reviews.list(db)).filter((r) => r.stage !== 'published');
	const all = (await Promise.all(open.map((r) => reviews.get(db, r.id)))).filter((r): r is reviews.Review => r !== null);
	const reminded = await notices.remind(db, { today: opts.today ?? todayIso(), days: opts.days, reviews: all });
	const drained = opts.transport ? await sender.drain(db, { transport: opts.transport, from: opts.from, origin: opts.origin, now: opts.now }) : { sent: 0, failed: 0 };
	return { reminded, ...drained };
}

/** The round every `everyMs` (a day by default), the first a minute after the server starts; one at a time. Returns a stop function. */
export function start(db: Db, opts: Omit<RoundOptions, 'today' | 'now'> & { everyMs?: number; log?: (msg: string) => void }): () => void {
	let running = false;
	const run = async () => {
		if (running) return;
		running = true;
		try {
			// once per database, whichever instance comes first: two would send each message twice
			const r = await exclusively(db, 'mail round', () => round(db, opts));
			if (!r) return opts.log?.('mail round: another instance is running it');
			opts.log?.(`mail round: ${r.reminded} reminders written, ${r.sent} e-mails sent, ${r.failed} failed${opts.transport ? '' : ' (no SMTP_URL: kept in the outbox)'}`);
		} catch (e) {
			opts.log?.(`mail round failed: ${(e as Error).message}`);
		} finally {
			running = false;
		}
	};
	const first = setTimeout(run, 60_000);
	const timer = setInterval(run, opts.everyMs ?? 86_400_000);
	first.unref?.();
	timer.unref?.();
	return () => {
		clearTimeout(first);
		clearInterval(timer);
	};
}
