// What changed: the participation events of the record, newest first, for the Atom feeds and
// the home page's "Recent events".
import type { Db } from '../db';
import type { ParticipationChange } from '../../events';
import * as records from './record';

/**
 * The newest events, by their date, or by the date they are known to have happened by when
 * the source does not give the day. Events with neither cannot be placed and are left out.
 * `slug` keeps one instrument; `until` leaves out events after that date ("as of").
 */
export async function recent(
	db: Db,
	opts: { slug?: string; until?: string; limit?: number } = {}
): Promise<ParticipationChange[]> {
	const record = await records.get(db);
	const out: ParticipationChange[] = [];
	for (const ir of record.instruments.values()) {
		if (opts.slug && ir.instrument.slug !== opts.slug) continue;
		for (const t of ir.timelines.values()) {
			const p = record.participants.get(t.participant);
			for (const e of t.events) {
				if (!e.known || (opts.until && e.known > opts.until)) continue;
				const source = record.sources.get(e.sourceId);
				out.push({
					id: e.id,
					slug: ir.instrument.slug,
					shortTitle: ir.instrument.short_title,
					code: t.participant,
					name: p?.name ?? t.participant,
					kind: e.kind,
					date: e.date,
					precision: e.precision,
					known: e.known,
					earliest: e.earliest,
					ilo: ir.rule.kind === 'ilo',
					source: { id: e.sourceId, title: source?.title ?? e.sourceId, recordedOn: source?.recorded_on ?? null }
				});
			}
		}
	}
	out.sort((a, b) => (a.known < b.known ? 1 : a.known > b.known ? -1 : b.id - a.id));
	return out.slice(0, opts.limit ?? 100);
}
