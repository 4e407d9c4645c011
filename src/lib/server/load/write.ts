import type { Insertable } from 'kysely';
import type { MembershipsTable, NewParticipationEvent } from '../db/schema';
import type { LoadContext } from './context';

export type NewMembership = Insertable<MembershipsTable>;

const CHUNK = 200;

/** What makes an event the same event: a reload must not duplicate it. */
function eventKey(e: Pick<NewParticipationEvent, 'instrument_slug' | 'participant_code' | 'kind' | 'date' | 'earliest' | 'latest' | 'source_id'>) {
	return [e.instrument_slug, e.participant_code, e.kind, e.date, e.earliest, e.latest, e.source_id].join('|');
}

function membershipKey(m: Pick<NewMembership, 'group_slug' | 'participant_code' | 'joined' | 'left' | 'precision' | 'source_id'>) {
	return [m.group_slug, m.participant_code, m.joined, m.left, m.precision, m.source_id].join('|');
}

/**
 * Inserts the events not already recorded from the same source. Events are append-only (a
 * trigger forbids UPDATE), so an event that exists is skipped, never rewritten. Returns how
 * many were inserted.
 */
export async function insertNewEvents(ctx: LoadContext, sourceId: string, events: NewParticipationEvent[]): Promise<number> {
	const existing = await ctx.trx
		.selectFrom('events')
		.select(['instrument_slug', 'participant_code', 'kind', 'date', 'earliest', 'latest', 'source_id'])
		.where('source_id', '=', sourceId)
		.execute();
	const recorded = new Set(existing.map(eventKey));
	const inFile = new Set<string>();
	const fresh: NewParticipationEvent[] = [];
	for (const e of events) {
		const key = eventKey(e);
		if (inFile.has(key)) {
			ctx.warn(`${sourceId}: line ${e.source_line} repeats an event of the same file; recorded once`);
			continue;
		}
		inFile.add(key);
		if (!recorded.has(key)) fresh.push(e);
	}
	for (let i = 0; i < fresh.length; i += CHUNK) {
		await ctx.trx.insertInto('events').values(fresh.slice(i, i + CHUNK)).execute();
	}
	return fresh.length;
}

/** Same rule for memberships: a row already recorded from the same source is skipped. */
export async function insertNewMemberships(ctx: LoadContext, sourceId: string, rows: NewMembership[]): Promise<number> {
	const existing = await ctx.trx
		.selectFrom('memberships')
		.select(['group_slug', 'participant_code', 'joined', 'left', 'precision', 'source_id'])
		.where('source_id', '=', sourceId)
		.execute();
	const seen = new Set(existing.map(membershipKey));
	const fresh = rows.filter((m) => {
		const key = membershipKey(m);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
	for (let i = 0; i < fresh.length; i += CHUNK) {
		await ctx.trx.insertInto('memberships').values(fresh.slice(i, i + CHUNK)).execute();
	}
	return fresh.length;
}
