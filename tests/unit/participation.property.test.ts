// Any sequence of record / correct / retract leaves the record saying what a record built from
// scratch out of its current versions says: a superseded or retracted version never counts, the
// in-memory record follows the revision — updated write by write, it equals the record built from
// the database at once —, and every write is one version and one audit entry.
// The sequence runs on the real UNTOC and Trafficking Protocol acts of every State but the eight
// it plays with: with eight participants alone neither instrument could reach its 40 consents,
// and entry into force (and so "party") would never be put to the test.
// The generator does not avoid invalid operations: a small model here predicts which ones the
// write path must refuse (recording an act that exists, correcting or retracting one that does
// not, a correction that changes nothing, retracting twice), and each must throw WriteError and
// leave the database as it was.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { openDatabase } from '../../src/lib/server/sources/open';
import type { Db } from '../../src/lib/server/db';
import * as audit from '../../src/lib/server/audit/log';
import * as participation from '../../src/lib/server/record/participation';
import { WriteError, type ActIdentity, type ActAttributes } from '../../src/lib/server/record/participation';
import * as records from '../../src/lib/server/record/record';
import { build } from '../../src/lib/server/record/build';
import * as status from '../../src/lib/server/record/status';
import { withDataCopy, emptyDatabase } from './db';

// The Convention and a Protocol whose entry into force waits for it (art. 17), each with a real
// status table of the depositary as the source the acts cite.
const SOURCES = { untoc: 'untc-xviii-12-2014', 'trafficking-protocol': 'untc-xviii-12-a-2023' } as const;
type Slug = keyof typeof SOURCES;
const SLUGS = Object.keys(SOURCES) as Slug[];
const PARTICIPANTS = ['COL', 'IND', 'ARE', 'FRA', 'NGA', 'BRA', 'JPN', 'EUU'];
const FORMS = ['ratification', 'acceptance', 'approval', 'accession'] as const;
// Just after the signing conference, the published entry into force of UNTOC and of the Protocol,
// mid-way, and after the last date a sequence can use.
const DATES = ['2001-01-01', '2003-09-29', '2003-12-25', '2010-06-30', '2026-01-01'];
const ACTOR = 'property test';

// ——— what a sequence is made of ———

const DAY = 86_400_000;
const ADOPTED = Date.UTC(2000, 10, 15);
const LAST = Date.UTC(2025, 11, 31);
const day = fc.integer({ min: 0, max: (LAST - ADOPTED) / DAY }).map((n) => new Date(ADOPTED + n * DAY).toISOString().slice(0, 10));
const form = fc.constantFrom(...FORMS);

// A second consent (seq 2) is what follows a denunciation; signatures and denunciations come once.
const identity: fc.Arbitrary<ActIdentity> = fc
	.tuple(
		fc.constantFrom(...SLUGS),
		fc.constantFrom(...PARTICIPANTS),
		fc.constantFrom<[ActIdentity['kind'], number]>(['signature', 1], ['consent', 1], ['consent', 2], ['denunciation', 1])
	)
	.map(([instrument, participant, [kind, seq]]) => ({ instrument, participant, kind, seq }));

// A correction or retraction mostly aims at an act recorded earlier in the sequence (`target`
// picks it); with no target it aims at `act`, which is usually not in the record.
const target = fc.option(fc.nat(), { freq: 5 });
const operation = fc.oneof(
	fc.record({ op: fc.constant('record' as const), act: identity, form, date: day }),
	fc.record({ op: fc.constant('correct' as const), act: identity, target, form: fc.option(form), date: fc.option(day) }),
	fc.record({ op: fc.constant('retract' as const), act: identity, target, reason: fc.constantFrom('recorded in error', 'the depositary withdrew its notification') })
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

// ——— databases ———

/** Keeps the lines of a data copy's acts file that `keep` accepts, and its header. */
function keepActs(dataDir: string, keep: (instrument: string, participant: string) => boolean) {
	const file = join(dataDir, 'record/acts.csv');
	const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
	writeFileSync(file, [header, ...lines.filter((l) => keep(...(l.split(',') as [string, string])))].join('\n') + '\n');
}

async function rows(db: Db) {
	const count = async (table: 'acts' | 'act_versions' | 'audit_log') =>
		Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
	return { acts: await count('acts'), versions: await count('act_versions'), audit: await count('audit_log'), revision: await audit.revision(db) };
}

const key = (a: ActIdentity) => `${a.instrument} ${a.participant} ${a.kind} ${a.seq}`;
const eventOf = (a: ActIdentity, f: (typeof FORMS)[number]) => (a.kind === 'consent' ? f : a.kind);

function values(a: ActIdentity, event: string, date: string): ActAttributes {
	return {
		event: event as ActAttributes['event'], date, precision: 'day', earliest: null, latest: null, declarations: null,
		territorial_application: null, recorded_entry_into_force: null, note: null, quality_flag: null,
		source_id: SOURCES[a.instrument as Slug], source_line: null
	};
}

interface Modelled {
	event: string;
	date: string;
	retracted: boolean;
}

/**
 * Runs one operation on `db`, checked against the model: the refusal it predicts, or success.
 * Returns whether something was written.
 */
async function run(db: Db, model: Map<string, Modelled>, recorded: ActIdentity[], o: Operation): Promise<boolean> {
	const act = o.op !== 'record' && o.target !== null && recorded.length ? recorded[o.target % recorded.length] : o.act;
	const was = model.get(key(act));
	let refusal: WriteError['problem'] | null = null;
	let write: () => Promise<unknown>;
	let after: Modelled | undefined;
	if (o.op === 'record') {
		if (was) refusal = 'duplicate';
		after = { event: eventOf(act, o.form), date: o.date, retracted: false };
		write = () => participation.record(db, { act, values: values(act, after!.event, o.date), actor: ACTOR });
	} else if (o.op === 'correct') {
		const changes = { ...(o.date ? { date: o.date } : {}), ...(o.form && act.kind === 'consent' ? { event: o.form } : {}) };
		if (!was) refusal = 'not-found';
		else {
			after = { event: changes.event ?? was.event, date: changes.date ?? was.date, retracted: false };
			// Correcting a retracted act brings it back, even unchanged.
			if (!was.retracted && after.event === was.event && after.date === was.date) refusal = 'unchanged';
		}
		write = () => participation.correct(db, { act, changes, source: SOURCES[act.instrument as Slug], reason: 'the depositary corrected its table', actor: ACTOR });
	} else {
		if (!was) refusal = 'not-found';
		else if (was.retracted) refusal = 'unchanged';
		else after = { ...was, retracted: true };
		write = () => participation.retract(db, { act, reason: o.reason, actor: ACTOR });
	}

	if (refusal) {
		const before = await rows(db);
		const error = await write().then(() => null, (e: unknown) => e);
		expect(error).toBeInstanceOf(WriteError);
		expect((error as WriteError).problem).toBe(refusal);
		expect(await rows(db)).toEqual(before);
		return false;
	}
	await write();
	if (!was) recorded.push(act);
	model.set(key(act), after!);
	return true;
}

/** What a reader sees of both instruments on each date: entry into force, counts, every participant's row. */
async function seen(db: Db) {
	const record = await records.get(db);
	return SLUGS.map((slug) => {
		const ir = record.instruments.get(slug)!;
		return {
			slug, entryIntoForce: ir.entryIntoForce, computed: ir.computedEntryIntoForce,
			on: DATES.map((date) => ({
				date, counts: status.countsOn(ir, date),
				rows: [...record.participants.keys()].map((code) => status.view(record, ir, code, date))
			}))
		};
	});
}

test('any sequence of record / correct / retract reads as the record rebuilt from its current versions', () =>
	withDataCopy((background) => withDataCopy(async (empty) => {
		keepActs(background, (instrument, participant) => instrument in SOURCES && !PARTICIPANTS.includes(participant));
		keepActs(empty, () => false);
		let refused = 0;
		let written = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 40 }), async (ops) => {
				const a = await openDatabase(await emptyDatabase(), { dataDir: background });
				const seeded = await rows(a);
				const model = new Map<string, Modelled>();
				const recorded: ActIdentity[] = [];
				let writes = 0;
				for (const o of ops) {
					if (await run(a, model, recorded, o)) writes++;
					else refused++;
					// a reader between writes: the record follows the revision, updated write by write
					// (each correction making again only the instruments it touches), and is the
					// record built from the database at once
					const kept = await records.get(a);
					expect(kept).toEqual((await build(a, kept.revision)).record);
				}
				written += writes;
				expect(await rows(a)).toMatchObject({
					acts: seeded.acts + recorded.length, versions: seeded.versions + writes, audit: seeded.audit + writes
				});

				// The current versions of the eight are what the model says…
				const live = (await participation.current(a)).filter((c) => !c.retracted);
				const expected = [...model].filter(([, m]) => !m.retracted).map(([k, m]) => `${k}: ${m.event} ${m.date}`);
				const played = live.filter((c) => PARTICIPANTS.includes(c.participant));
				expect(played.map((c) => `${key(c)}: ${c.attributes.event} ${c.attributes.date}`).sort()).toEqual(expected.sort());

				// …and a record built from nothing but the current versions reads the same on every date.
				const b = await openDatabase(await emptyDatabase(), { dataDir: empty });
				const writesB = live.map((c) => ({
					op: 'record' as const,
					act: { instrument: c.instrument, participant: c.participant, kind: c.kind, seq: c.seq },
					values: c.attributes
				}));
				await participation.apply(b, { actor: ACTOR, writes: writesB });
				expect(await seen(a)).toEqual(await seen(b));
				await Promise.all([a.destroy(), b.destroy()]);
			}),
			{ numRuns: 30 }
		);
		// The generator reaches both paths.
		expect(refused).toBeGreaterThan(0);
		expect(written).toBeGreaterThan(0);
	})), // thirty sequences, each read against a record built from scratch twice: generous, since speed is the benchmarks’ business
	180_000);
