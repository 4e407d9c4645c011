// The policy framework around the treaties, as dated events (GA resolution 61/180, ICAT, UN.GIFT):
// each event with every source's account of it, so that two sources dating it differently are
// shown side by side rather than one chosen silently.
import type { Db } from '../db';
import type { PolicyEvent } from '../db/schema';

export interface Account {
	date: string;
	precision: PolicyEvent['precision'];
	endDate: string | null;
	place: string | null;
	description: string | null;
	sourceId: string;
	sourceTitle: string;
	sourceLine: number | null;
	note: string | null;
}

export interface PolicyEventView {
	event: string;
	title: string;
	/** Every source's account, earliest date first; more than one when the sources differ. */
	accounts: Account[];
	/** The sources date it differently. */
	disputed: boolean;
}

/** Every policy event known on `asOf` (none dated after it), oldest first. */
export async function list(db: Db, opts: { asOf: string }): Promise<PolicyEventView[]> {
	const rows = await db
		.selectFrom('policy_events')
		.innerJoin('sources', 'sources.id', 'policy_events.source_id')
		.selectAll('policy_events')
		.select('sources.title as source_title')
		.orderBy('policy_events.date')
		.orderBy('policy_events.id')
		.execute();
	const byEvent = new Map<string, PolicyEventView>();
	for (const r of rows) {
		// an event dated only by its month or year has happened by its first day, no sooner
		if (r.date > opts.asOf.slice(0, r.date.length)) continue;
		const view = byEvent.get(r.event) ?? { event: r.event, title: r.title, accounts: [], disputed: false };
		view.accounts.push({
			date: r.date, precision: r.precision, endDate: r.end_date, place: r.place, description: r.description,
			sourceId: r.source_id, sourceTitle: r.source_title, sourceLine: r.source_line, note: r.note
		});
		view.disputed = new Set(view.accounts.map((a) => a.date)).size > 1;
		byEvent.set(r.event, view);
	}
	return [...byEvent.values()];
}
