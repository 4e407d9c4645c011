// E-mail from the review mechanism, against a real SMTP server (smtp-server, on a free local
// port): a change writes its messages to the outbox in its own transaction; the daily round
// writes the reminders of deadlines near or passed, once each, and sends each person one digest;
// a send that fails is tried again later; without a mail server nothing is sent and the outbox
// keeps every message. India reviewed by Pakistan and France on cluster I, launched on 12 October
// 2020: its self-assessment was due six months later, on 12 April 2021.
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import * as mailRound from '../../src/lib/server/http/mail-round';
import * as outbox from '../../src/lib/server/mail/outbox';
import * as sender from '../../src/lib/server/mail/sender';
import * as progress from '../../src/lib/server/reviews/progress';
import * as reviews from '../../src/lib/server/reviews/reviews';
import { freshDb } from './db';

interface Received {
	to: string[];
	raw: string;
}

/** A message as read: quoted-printable soft breaks and escapes undone, encoded words of the headers decoded. */
function readable(raw: string): string {
	const qp = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
	const text = Buffer.from(qp, 'latin1').toString('utf8');
	return text.replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, s: string) =>
		enc.toUpperCase() === 'B' ? Buffer.from(s, 'base64').toString('utf8') : Buffer.from(s.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
	);
}

let smtp: SMTPServer;
let port = 0;
const received: Received[] = [];

beforeAll(async () => {
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: readable(Buffer.concat(chunks).toString('latin1')) });
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
	port = (smtp.server.address() as { port: number }).port;
});

afterAll(async () => {
	await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

let db: Db;
let ids: Record<'secretariat' | 'focalIND' | 'focalPAK' | 'expertPAK', number>;

async function user(email: string, role: string, participant: string | null): Promise<number> {
	return (await db.insertInto('users').values({ email, name: null, role: role as never, participant_code: participant, password_hash: null }).returning('id').executeTakeFirstOrThrow()).id;
}

function as(id: number, role: reviews.Person['role'], participant: string | null): reviews.Person {
	return { actor: { label: `user-${id}`, userId: id, role, address: null }, id, role, participant };
}

beforeEach(async () => {
	db = await freshDb();
	received.length = 0;
	ids = {
		secretariat: await user('secretariat@example.org', 'secretariat', null),
		focalIND: await user('fp.ind@example.org', 'focal-point', 'IND'),
		focalPAK: await user('fp.pak@example.org', 'focal-point', 'PAK'),
		expertPAK: await user('expert.pak@example.org', 'reviewer', 'PAK')
	};
	const { id } = await db
		.insertInto('review_draws')
		.values({ cycle_id: 'untoc-1', seed: 1, algorithm: 'scenario', parties_on: '2020-10-12', result: '[]', problems: '[]', drawn_by: 'test', drawn_at: '2020-10-12T00:00:00Z' })
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const instrument of ['untoc', 'trafficking-protocol']) {
		for (const reviewer of ['PAK', 'FRA']) {
			await db.insertInto('review_reviewers').values({ cycle_id: 'untoc-1', state_code: 'IND', instrument_slug: instrument, reviewer_code: reviewer, draw_id: id, replaced_at: null, replaced_reason: null, replaced_by: null }).execute();
		}
	}
});

/** India's review launched on 12 October 2020 and moved to "experts named": the self-assessment is what comes next. */
async function indiaWaitingForItsSelfAssessment(): Promise<number> {
	const s = as(ids.secretariat, 'secretariat', null);
	const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: s.actor });
	let r = (await reviews.get(db, id))!;
	await progress.nameSomeone(db, r, s, { participant: 'IND', role: 'focal-point', name: 'A. Focal', userId: ids.focalIND, basedOn: r.version });
	r = (await reviews.get(db, id))!;
	await progress.moveTo(db, r, s, { to: 'focal-point-named', on: '2020-10-20', reason: null, basedOn: r.version });
	for (const [code, userId] of [['PAK', ids.expertPAK], ['FRA', null]] as const) {
		r = (await reviews.get(db, id))!;
		await progress.nameSomeone(db, r, s, { participant: code, role: 'expert', name: `Expert of ${code}`, userId, basedOn: r.version });
	}
	r = (await reviews.get(db, id))!;
	await progress.moveTo(db, r, s, { to: 'experts-named', on: '2020-11-01', reason: null, basedOn: r.version });
	return id;
}

const transport = () => sender.transport(`smtp://127.0.0.1:${port}`);
const FROM = 'Treaty Tracker <no-reply@tracker.example.org>';

describe('what a change writes to the outbox, in its transaction', () => {
	test('a launch tells the focal points of India and Pakistan; naming tells the person named; a move tells everyone taking part but the mover', async () => {
		const id = await indiaWaitingForItsSelfAssessment();
		const rows = await db.selectFrom('outbox').select(['email', 'kind', 'subject', 'link']).orderBy('id').execute();
		const of = (kind: string) => rows.filter((m) => m.kind === kind).map((m) => m.email).sort();
		expect(of('launched')).toEqual(['fp.ind@example.org', 'fp.pak@example.org']);
		expect(of('named')).toEqual(['expert.pak@example.org', 'fp.ind@example.org']);
		// two moves, each to India's and Pakistan's focal points and the expert named (once named)
		expect(of('moved')).toEqual(['expert.pak@example.org', 'fp.ind@example.org', 'fp.ind@example.org', 'fp.pak@example.org', 'fp.pak@example.org']);
		expect(rows.find((m) => m.kind === 'launched')).toMatchObject({ subject: 'The country review of India is launched', link: `/reviews/${id}` });
		// the secretariat made every change: it is told of none of them
		expect(rows.some((m) => m.email === 'secretariat@example.org')).toBe(false);
	});

	test('a change refused writes nothing', async () => {
		const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: as(ids.secretariat, 'secretariat', null).actor });
		const before = (await outbox.counts(db)).waiting;
		const r = (await reviews.get(db, id))!;
		await expect(progress.moveTo(db, r, as(ids.secretariat, 'secretariat', null), { to: 'focal-point-named', on: '2020-10-20', reason: null, basedOn: r.version })).rejects.toThrow();
		expect((await outbox.counts(db)).waiting).toBe(before);
	});
});

describe('the daily round, against a real SMTP server', () => {
	test('an overdue self-assessment sends its reminder once; each person gets one digest a round', async () => {
		const id = await indiaWaitingForItsSelfAssessment();
		const first = await mailRound.round(db, { transport: transport(), from: FROM, origin: 'https://tracker.example.org', today: '2021-05-01' });
		expect(first.failed).toBe(0);
		// India's focal point: one e-mail holding the launch, its naming, the moves and the reminder
		const toIndia = received.filter((m) => m.to.includes('fp.ind@example.org'));
		expect(toIndia).toHaveLength(1);
		expect(toIndia[0].raw).toContain('“Self-assessment answered and cleared by the focal point” in the country review of India was due on 2021-04-12 and is not reached yet.');
		expect(toIndia[0].raw).toContain(`https://tracker.example.org/reviews/${id}`);
		// overdue: the secretariat is told too; the reviewing side is not asked for the self-assessment
		expect(received.filter((m) => m.to.includes('secretariat@example.org'))).toHaveLength(1);
		expect(received.filter((m) => m.raw.includes('was due on 2021-04-12')).flatMap((m) => m.to).sort()).toEqual(['fp.ind@example.org', 'secretariat@example.org']);

		// the next days: the reminder is not sent again
		await mailRound.round(db, { transport: transport(), from: FROM, origin: 'https://tracker.example.org', today: '2021-05-02' });
		await mailRound.round(db, { transport: transport(), from: FROM, origin: 'https://tracker.example.org', today: '2021-05-03' });
		expect(received.filter((m) => m.raw.includes('was due on 2021-04-12') && m.to.includes('fp.ind@example.org'))).toHaveLength(1);
		expect(await outbox.counts(db)).toMatchObject({ waiting: 0, failed: 0 });
	});

	test('14 days before a deadline, a reminder; further away, none', async () => {
		await indiaWaitingForItsSelfAssessment();
		expect((await mailRound.round(db, { transport: null, from: FROM, origin: null, today: '2021-03-28' })).reminded).toBe(0);
		expect((await mailRound.round(db, { transport: null, from: FROM, origin: null, today: '2021-03-29' })).reminded).toBe(1);
		const due = await db.selectFrom('outbox').select(['email', 'subject']).where('kind', '=', 'due').execute();
		expect(due).toEqual([{ email: 'fp.ind@example.org', subject: 'Due on 2021-04-12: Self-assessment answered and cleared by the focal point — review of India' }]);
	});

	test('without a mail server nothing is sent, and the outbox keeps every message', async () => {
		await indiaWaitingForItsSelfAssessment();
		const r = await mailRound.round(db, { transport: null, from: FROM, origin: null, today: '2021-05-01' });
		expect(r).toMatchObject({ sent: 0, failed: 0 });
		expect(received).toEqual([]);
		const { waiting } = await outbox.counts(db);
		expect(waiting).toBe((await outbox.list(db)).length);
		expect(waiting).toBeGreaterThan(5);
	});

	test('a send that fails is tried again later, and given up after six tries, kept in the outbox', async () => {
		await indiaWaitingForItsSelfAssessment();
		const refusing: sender.Transport = { sendMail: async () => Promise.reject(new Error('connection refused')) };
		const t0 = new Date('2021-05-01T08:00:00Z');
		expect((await sender.drain(db, { transport: refusing, from: FROM, origin: null, now: t0 })).failed).toBeGreaterThan(0);
		// not due again at once
		expect(await sender.drain(db, { transport: refusing, from: FROM, origin: null, now: new Date('2021-05-01T08:01:00Z') })).toEqual({ sent: 0, failed: 0 });
		// five minutes later, it is tried again — and with the server up, sent
		const later = await sender.drain(db, { transport: transport(), from: FROM, origin: null, now: new Date('2021-05-01T08:06:00Z') });
		expect(later.failed).toBe(0);
		expect(later.sent).toBeGreaterThan(0);
		expect((await outbox.counts(db)).waiting).toBe(0);
		// a server that never answers: six tries, then given up
		await outbox.enqueue(db, [{ userId: ids.focalIND, email: 'fp.ind@example.org', kind: 'moved', subject: 'A test', body: 'A test.', link: '/reviews', reviewId: null }]);
		let at = t0.getTime();
		for (let i = 0; i < sender.MAX_ATTEMPTS; i++) {
			at += 24 * 3_600_000;
			await sender.drain(db, { transport: refusing, from: FROM, origin: null, now: new Date(at) });
		}
		expect((await outbox.list(db))[0]).toMatchObject({ subject: 'A test', attempts: sender.MAX_ATTEMPTS, last_error: 'connection refused', sent_at: null, failed_at: expect.any(String) });
		expect((await outbox.counts(db)).failed).toBe(1);
	});
});
