import type { Db } from '../db';
import type { NewParticipationEvent } from '../db/schema';
import * as actip from './actip';
import * as c189 from './c189';
import * as cets197 from './cets197';
import * as existence from './existence';
import type { EventContext, LoadContext } from './context';
import { LoadError } from './errors';
import * as instruments from './instruments';
import * as memberships from './memberships';
import * as normlex from './normlex';
import * as participants from './participants';
import * as sources from './sources';
import * as untc from './untc';
import { insertNewEvents } from './write';

export { LoadError } from './errors';
export { normaliseName } from './names';

export interface LoadReport {
	summary: string;
	counts: Record<string, number>;
	warnings: string[];
}

/** One reader per file format named in sources.json. */
const READERS: Record<string, (ctx: EventContext) => NewParticipationEvent[] | Promise<NewParticipationEvent[]>> = {
	'untc-grid': untc.read,
	normlex: normlex.read,
	'c189-swiss': c189.read,
	'cets197-excerpts': cets197.read,
	'actip-excerpts': actip.read
};

/**
 * Loads everything under dataDir into the database, in one transaction: a bad row stops the load
 * with a LoadError (file, line, value) and leaves the database as it was. Safe to run again:
 * reference rows are upserted, and events and memberships already recorded from the same source
 * are skipped, so a second run adds nothing.
 */
export async function loadAll(db: Db, { dataDir }: { dataDir: string }): Promise<LoadReport> {
	const warnings: string[] = [];
	const inserted = { events: 0, memberships: 0 };
	await db.transaction().execute(async (trx) => {
		const ctx: LoadContext = { trx, dataDir, sources: sources.readCatalogue(dataDir), warn: (m) => warnings.push(m) };
		await sources.load(ctx);
		const people = await participants.load(ctx);
		await existence.load(ctx, people);
		inserted.memberships = await memberships.load(ctx, people);
		for (const { slug, sources: eventSources } of await instruments.load(ctx)) {
			for (const source of eventSources) {
				const read = READERS[source.format];
				if (!read) throw new LoadError(`source "${source.id}": unknown format "${source.format}"`, { file: 'sources.json' });
				const events = await read({ ...ctx, names: people.names, source, instrument: slug });
				inserted.events += await insertNewEvents(ctx, source.id, events);
			}
		}
	});
	const counts = await count(db);
	counts['inserted events'] = inserted.events;
	counts['inserted memberships'] = inserted.memberships;
	const summary =
		`loaded ${counts.instruments} instruments, ${counts.participants} participants, ${counts.groups} groups, ` +
		`${counts.memberships} memberships and ${counts.events} events from ${dataDir} ` +
		`(${inserted.events} events and ${inserted.memberships} memberships new)`;
	return { summary, counts, warnings };
}

async function count(db: Db): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	const tables = ['sources', 'participants', 'participant_aliases', 'groups', 'memberships', 'instruments', 'events'] as const;
	for (const table of tables) {
		const { n } = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		counts[table] = Number(n);
	}
	const perInstrument = await db
		.selectFrom('events')
		.select(['instrument_slug', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('instrument_slug')
		.orderBy('instrument_slug')
		.execute();
	for (const { instrument_slug, n } of perInstrument) counts[`events: ${instrument_slug}`] = Number(n);
	return counts;
}
