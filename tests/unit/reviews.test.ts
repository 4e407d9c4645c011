// A country review from launch to publication, below the pages: India reviewed on cluster I of
// the draft UNTOC configuration by Pakistan (its regional group) and France (another), both
// parties to UNTOC and the Trafficking Protocol. The reviewers are written straight into the
// database (a scenario, not a draw: the draw has its own tests). Who may do what, what each
// stage needs, conflicts from stale pages, evidence checked by its content, the audit trail.
import { Document, Packer, Paragraph } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { can } from '../../src/lib/server/accounts/permissions';
import * as evidence from '../../src/lib/server/reviews/evidence';
import * as progress from '../../src/lib/server/reviews/progress';
import * as questionnaire from '../../src/lib/server/reviews/questionnaire';
import * as reviews from '../../src/lib/server/reviews/reviews';
import * as published from '../../src/lib/server/reviews/published';
import { board, publishedFor } from '../../src/lib/server/reviews/dashboard';
import { forPerson } from '../../src/lib/server/reviews/tasks';
import * as draws from '../../src/lib/server/reviews/draws';
import * as config from '../../src/lib/server/reviews/config';
import { syncReference } from '../../src/lib/server/sources/load';
import { DATA_DIR } from './db';
import { freshDb } from './db';

let db: Db;
let ids: { secretariat: number; focalIND: number; focalPAK: number; expert: number; stranger: number };

async function user(email: string, role: string, participant: string | null): Promise<number> {
	const row = await db.insertInto('users').values({ email, name: null, role: role as never, participant_code: participant, password_hash: null }).returning('id').executeTakeFirstOrThrow();
	return row.id;
}

function as(id: number, role: reviews.Person['role'], participant: string | null): reviews.Person {
	return { actor: { label: `user-${id}`, userId: id, role, address: null }, id, role, participant };
}

const P = () => ({
	secretariat: as(ids.secretariat, 'secretariat', null),
	focalIND: as(ids.focalIND, 'focal-point', 'IND'),
	focalPAK: as(ids.focalPAK, 'focal-point', 'PAK'),
	expert: as(ids.expert, 'reviewer', 'PAK'),
	stranger: as(ids.stranger, 'focal-point', 'BRA')
});

/** Pakistan and France drawn to review India on both instruments. */
async function drawn(): Promise<void> {
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
}

const load = async (id: number) => (await reviews.get(db, id))!;

beforeEach(async () => {
	db = await freshDb();
	ids = {
		secretariat: await user('s@example.org', 'secretariat', null),
		focalIND: await user('fp.ind@example.org', 'focal-point', 'IND'),
		focalPAK: await user('fp.pak@example.org', 'focal-point', 'PAK'),
		expert: await user('expert@example.org', 'reviewer', 'PAK'),
		stranger: await user('fp.bra@example.org', 'focal-point', 'BRA')
	};
	await drawn();
});

describe('launching', () => {
	test('a review of cluster I has one item per article of the cluster, for each instrument the State is reviewed on', async () => {
		const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: P().secretariat.actor });
		const r = await load(id);
		// the cluster's articles, counted from the configuration file's own rows in the database
		// (India is drawn here on UNTOC and the Trafficking Protocol only)
		const articles = await db
			.selectFrom('review_cluster_articles')
			.select(['instrument_slug', 'article_number'])
			.where('cycle_id', '=', 'untoc-1')
			.where('cluster_n', '=', 1)
			.where('instrument_slug', 'in', ['untoc', 'trafficking-protocol'])
			.orderBy('sort_order')
			.execute();
		expect(r.items.map((i) => `${i.instrument} ${i.article}`).sort()).toEqual(articles.map((a) => `${a.instrument_slug} ${a.article_number}`).sort());
		expect(r.items[0]).toMatchObject({ instrument: 'untoc', article: '2', confirmed: true });
		expect(r.items.find((i) => i.instrument === 'trafficking-protocol' && i.article === '5')).toMatchObject({ articleTitle: 'Criminalization', confirmed: true });
		expect(r.reviewers.map((g) => [g.instrument, g.names])).toEqual([
			['untoc', ['Pakistan', 'France']],
			['trafficking-protocol', ['Pakistan', 'France']]
		]);
		expect(r).toMatchObject({ stage: 'launched', reached: { launched: '2020-10-12' }, startGroup: 1 });
	});

	test('cluster I is the Convention and the three Protocols as the source has it (untoc_review_mechanism_facts_TRANSCRIBED.csv, line 12); the Firearms Protocol’s articles are proposed', async () => {
		const rows = await db.selectFrom('review_cluster_articles').select(['instrument_slug', 'article_number', 'confirmed']).where('cycle_id', '=', 'untoc-1').where('cluster_n', '=', 1).execute();
		const of = (slug: string, confirmed: number) => rows.filter((a) => a.instrument_slug === slug && a.confirmed === confirmed).map((a) => a.article_number).sort((a, b) => Number(a) - Number(b));
		expect(of('untoc', 1)).toEqual(['2', '5', '6', '8', '9', '10', '15', '23']);
		expect(of('trafficking-protocol', 1)).toEqual(['3', '5']);
		expect(of('smuggling-protocol', 1)).toEqual(['3', '5', '6']);
		expect(of('firearms-protocol', 1)).toEqual([]);
		expect(of('firearms-protocol', 0).length).toBeGreaterThan(0);
		expect(rows.filter((a) => ['untoc', 'trafficking-protocol', 'smuggling-protocol'].includes(a.instrument_slug) && a.confirmed === 0)).toEqual([]);
		expect((await config.mechanism(db, 'untoc'))!.instruments).toEqual(['untoc', 'trafficking-protocol', 'smuggling-protocol', 'firearms-protocol']);
	});

	test('a State with no reviewers drawn, or already under review for the cluster, is refused by name', async () => {
		await expect(reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['BRA'], on: '2020-10-12', actor: P().secretariat.actor })).rejects.toThrow(/BRA has no reviewers drawn/);
		await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: P().secretariat.actor });
		await expect(reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: P().secretariat.actor })).rejects.toThrow(/IND is already under review for cluster 1/);
		await expect(reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2019-01-01', actor: P().secretariat.actor })).rejects.toThrow(/cannot start before the cycle/);
	});
});

describe('from launch to publication', () => {
	test('each side does its part, each stage needs what it needs, and the summary reaches the public page', async () => {
		const p = P();
		const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: p.secretariat.actor });
		let r = await load(id);
		expect(can(p.stranger, 'review.read', r.parties)).toBe(false);
		expect(can(p.focalPAK, 'review.answer', r.parties)).toBe(false);
		expect(can(p.focalIND, 'review.answer', r.parties)).toBe(true);

		// the focal point cannot say it is named before it is
		await expect(progress.moveTo(db, r, p.focalIND, { to: 'focal-point-named', on: '2020-10-20', reason: null, basedOn: r.version })).rejects.toThrow('No focal point is named yet.');
		await progress.nameSomeone(db, r, p.focalIND, { participant: 'IND', role: 'focal-point', name: 'A. Focal', userId: ids.focalIND, basedOn: r.version });
		r = await load(id);
		await progress.moveTo(db, r, p.focalIND, { to: 'focal-point-named', on: '2020-10-20', reason: null, basedOn: r.version });
		r = await load(id);
		await expect(progress.nameSomeone(db, r, p.focalPAK, { participant: 'FRA', role: 'expert', name: 'X', userId: null, basedOn: r.version })).rejects.toThrow(/names the people of its own State/);
		await progress.nameSomeone(db, r, p.focalPAK, { participant: 'PAK', role: 'expert', name: 'An Expert', userId: ids.expert, basedOn: r.version });
		r = await load(id);
		await progress.nameSomeone(db, r, p.secretariat, { participant: 'FRA', role: 'expert', name: 'Un Expert', userId: null, basedOn: r.version });
		r = await load(id);
		expect(can(p.expert, 'review.comment', r.parties)).toBe(true);
		await progress.moveTo(db, r, p.secretariat, { to: 'experts-named', on: '2020-11-01', reason: null, basedOn: r.version });

		// answers: a stale page is a conflict; clearing needs every item answered
		r = await load(id);
		const stale = r.version;
		const [first, ...rest] = r.items;
		await questionnaire.saveAnswer(db, r, p.focalIND, { instrument: first.instrument, article: first.article, text: 'Draft.', status: 'partly', legislation: [], basedOn: r.version });
		await expect(questionnaire.saveAnswer(db, r, p.focalIND, { instrument: first.instrument, article: first.article, text: 'Other draft.', status: 'partly', legislation: [], basedOn: stale })).rejects.toThrow(/the review changed since this page was loaded/);
		r = await load(id);
		await expect(progress.moveTo(db, r, p.focalIND, { to: 'self-assessment', on: '2021-03-01', reason: null, basedOn: r.version })).rejects.toThrow(`${rest.length} of ${r.items.length} items are not answered.`);
		await expect(
			questionnaire.saveAnswer(db, r, p.focalIND, { instrument: first.instrument, article: first.article, text: 'x', status: 'partly', legislation: [{ title: 'Penal Code', article: 's. 370', link: 'javascript:alert(1)' }], basedOn: r.version })
		).rejects.toThrow('law 1: the link is not a web address (https://…)');
		for (const item of r.items) {
			const fresh = await load(id);
			await questionnaire.saveAnswer(db, fresh, p.focalIND, {
				instrument: item.instrument, article: item.article, text: `What India has done on article ${item.article}.`, status: 'implemented',
				legislation: [{ title: 'Indian Penal Code', article: 's. 370', link: 'https://www.indiacode.nic.in/' }], basedOn: fresh.version
			});
		}
		r = await load(id);
		await expect(progress.moveTo(db, r, p.secretariat, { to: 'self-assessment', on: '2021-03-01', reason: null, basedOn: r.version })).rejects.toThrow(/Only the focal point of IND/);
		await progress.moveTo(db, r, p.focalIND, { to: 'self-assessment', on: '2021-03-01', reason: null, basedOn: r.version });
		r = await load(id);
		await expect(questionnaire.saveAnswer(db, r, p.focalIND, { instrument: first.instrument, article: first.article, text: 'late', status: 'not', legislation: [], basedOn: r.version })).rejects.toThrow(/can no longer be changed/);

		// comments on every item and a clarification question, answered
		for (const item of r.items) {
			const fresh = await load(id);
			await questionnaire.comment(db, fresh, p.expert, { instrument: item.instrument, article: item.article, kind: item === r.items[0] ? 'question' : 'comment', parentId: null, body: 'Seen.', basedOn: fresh.version });
		}
		r = await load(id);
		await expect(progress.moveTo(db, r, p.secretariat, { to: 'feedback', on: '2021-06-01', reason: null, basedOn: r.version })).rejects.toThrow('1 clarification question is still open.');
		const question = r.items[0].comments.find((c) => c.kind === 'question')!;
		await questionnaire.comment(db, r, p.focalIND, { instrument: r.items[0].instrument, article: r.items[0].article, kind: 'answer', parentId: question.id, body: 'Here is more.', basedOn: r.version });
		r = await load(id);
		await progress.moveTo(db, r, p.secretariat, { to: 'feedback', on: '2021-06-01', reason: null, basedOn: r.version });

		// observations, the summary, both sides agree, published
		r = await load(id);
		await questionnaire.observe(db, r, p.expert, { instrument: 'trafficking-protocol', article: '5', kind: 'recommendation', text: 'Collect data on prosecutions.', basedOn: r.version });
		r = await load(id);
		await progress.setSummary(db, r, p.secretariat, { summary: 'India has criminalized trafficking in persons.', basedOn: r.version });
		r = await load(id);
		await progress.moveTo(db, r, p.secretariat, { to: 'observations', on: '2021-09-01', reason: null, basedOn: r.version });
		r = await load(id);
		await expect(progress.moveTo(db, r, p.secretariat, { to: 'agreed', on: '2021-09-10', reason: null, basedOn: r.version })).rejects.toThrow(/has not agreed/);
		await progress.agree(db, r, p.focalIND, { basedOn: r.version });
		r = await load(id);
		await progress.agree(db, r, p.focalPAK, { basedOn: r.version });
		r = await load(id);
		await progress.moveTo(db, r, p.secretariat, { to: 'agreed', on: '2021-09-10', reason: null, basedOn: r.version });
		r = await load(id);
		expect(await publishedFor(db, 'IND')).toEqual([]);
		// nothing of it is public before publication, even to those who take part
		expect(await published.find(db, id, { who: null })).toBeNull();
		expect(await published.find(db, id, { who: p.focalIND })).toBeNull();
		await progress.moveTo(db, r, p.secretariat, { to: 'published', on: '2021-09-15', reason: null, basedOn: r.version });
		const side = (await published.find(db, id, { who: null }))!;
		expect(side).toMatchObject({ state: { code: 'IND', name: 'India' }, cluster: { n: 1, title: 'Criminalization and jurisdiction' }, published: '2021-09-15', summary: 'India has criminalized trafficking in persons.' });
		expect(side.recommendations).toEqual([expect.objectContaining({ instrument: 'trafficking-protocol', article: '5', text: 'Collect data on prosecutions.', followUp: 'not-started' })]);
		expect(side.reviewers.flatMap((g) => g.names)).toEqual(['Pakistan', 'France', 'Pakistan', 'France']);
		expect(side.timeline.map((t) => t.on)).toEqual(['2020-10-12', '2020-10-20', '2020-11-01', '2021-03-01', '2021-06-01', '2021-09-01', '2021-09-10', '2021-09-15']);
		// the answers, comments, clarifications, people and laws cited stay private
		for (const secret of ['What India has done', 'Seen.', 'Here is more.', 'A. Focal', 'An Expert', 'Indian Penal Code', 'fp.ind@example.org']) expect(JSON.stringify(side)).not.toContain(secret);
		expect(await published.find(db, id, { who: null, asOf: '2021-09-14' })).toBeNull();
		const [b] = await board(db, { today: '2021-09-16', person: null, filters: {} });
		expect([b.underWay, b.published, b.rows[0].publicPage]).toEqual([0, 1, `/reviews/${id}/published`]);
		expect(await publishedFor(db, 'IND')).toMatchObject([{ id, summary: 'India has criminalized trafficking in persons.', published: '2021-09-15', draft: true }]);

		// the recommendation's follow-up, once published
		r = await load(id);
		const rec = r.items.flatMap((i) => i.observations).find((o) => o.kind === 'recommendation')!;
		expect(rec.followUp).toBe('not-started');
		await expect(progress.followUp(db, r, p.focalIND, { observation: rec.id, status: 'in-progress', evidence: '', on: '2999-01-01', basedOn: r.version })).rejects.toThrow(/is not a day up to today/);
		await progress.followUp(db, r, p.focalIND, { observation: rec.id, status: 'in-progress', evidence: 'A bill is before Parliament.', on: '2022-01-10', basedOn: r.version });
		expect((await load(id)).items.flatMap((i) => i.observations).find((o) => o.id === rec.id)).toMatchObject({ followUp: 'in-progress', followUpEvidence: 'A bill is before Parliament.', followUpOn: '2022-01-10' });

		// every change is in the audit log, by who made it
		const log = await db.selectFrom('audit_log').select(['action', 'actor']).where('entity', '=', 'review').where('entity_id', '=', String(id)).orderBy('id').execute();
		expect(log.filter((e) => e.action === 'move').map((e) => e.actor)).toEqual([
			`user-${ids.focalIND}`, `user-${ids.secretariat}`, `user-${ids.focalIND}`, `user-${ids.secretariat}`, `user-${ids.secretariat}`, `user-${ids.secretariat}`, `user-${ids.secretariat}`
		]);
		expect(log.filter((e) => e.action === 'agree').map((e) => e.actor)).toEqual([`user-${ids.focalIND}`, `user-${ids.focalPAK}`]);
	});
});

describe('experts act for the side they are named for', () => {
	test('an expert of the State under review drafts answers; an expert of a reviewing State comments; neither clears', async () => {
		const p = P();
		const teamId = await user('team.ind@example.org', 'reviewer', 'IND');
		const team = as(teamId, 'reviewer', 'IND');
		const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: p.secretariat.actor });
		let r = await load(id);
		expect(can(team, 'review.read', r.parties)).toBe(false);
		await progress.nameSomeone(db, r, p.focalIND, { participant: 'IND', role: 'expert', name: 'Team member', userId: teamId, basedOn: r.version });
		r = await load(id);
		await progress.nameSomeone(db, r, p.focalPAK, { participant: 'PAK', role: 'expert', name: 'Reviewing expert', userId: ids.expert, basedOn: r.version });
		r = await load(id);
		expect([can(team, 'review.answer', r.parties), can(team, 'review.reply', r.parties), can(team, 'review.move', { ...r.parties, from: 'experts-named', to: 'self-assessment' }), can(team, 'review.comment', r.parties)]).toEqual([true, true, false, false]);
		expect([can(p.expert, 'review.answer', r.parties), can(p.expert, 'review.comment', r.parties), can(p.expert, 'review.observe', r.parties)]).toEqual([false, true, true]);
	});
});

describe('evidence is checked by its content', () => {
	const pdf = new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
	test.each([
		['law.pdf', new TextEncoder().encode('<html><script>alert(1)</script></html>'), /not a PDF, Word \(.docx\) or OpenDocument \(.odt\) document/],
		['empty.pdf', new Uint8Array(), /is empty/],
		['big.pdf', new Uint8Array(evidence.MAX_EVIDENCE_BYTES + 1).fill(0x25), /evidence files are at most 5 MB/]
	])('%s is refused', async (name, bytes, message) => {
		const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: P().secretariat.actor });
		const r = await load(id);
		await expect(questionnaire.addEvidence(db, r, P().focalIND, { instrument: 'untoc', article: '5', name, bytes, basedOn: r.version })).rejects.toThrow(message);
	});

	test('a PDF named .docx is kept as the PDF it is', async () => {
		const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: P().secretariat.actor });
		const r = await load(id);
		await questionnaire.addEvidence(db, r, P().focalIND, { instrument: 'untoc', article: '5', name: 'Gazette notification.docx', bytes: pdf, basedOn: r.version });
		const [file] = (await load(id)).items.find((i) => i.article === '5' && i.instrument === 'untoc')!.files;
		expect(file.name).toBe('Gazette notification.pdf');
		const kept = await questionnaire.evidenceFile(db, id, file.id);
		expect(kept?.media_type).toBe('application/pdf');
	});

	test('a Word document made by the docx package is kept as a .docx, an OpenDocument text as an .odt, whatever their names', async () => {
		const word = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Criminal Law (Amendment) Act, 2013, section 370.')] }] }));
		// an OpenDocument package: its first entry, stored, names the kind (OpenDocument 1.2, part 3, 3.3)
		const odt = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }], 'content.xml': strToU8('<office:document-content/>'), 'META-INF/manifest.xml': strToU8('<manifest:manifest/>') });
		const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: P().secretariat.actor });
		let r = await load(id);
		await questionnaire.addEvidence(db, r, P().focalIND, { instrument: 'untoc', article: '5', name: 'Amendment Act.pdf', bytes: new Uint8Array(word), basedOn: r.version });
		r = await load(id);
		await questionnaire.addEvidence(db, r, P().focalIND, { instrument: 'untoc', article: '5', name: 'Rules', bytes: odt, basedOn: r.version });
		const files = (await load(id)).items.find((i) => i.article === '5' && i.instrument === 'untoc')!.files;
		expect(files.map((f) => f.name)).toEqual(['Amendment Act.docx', 'Rules.odt']);
		expect((await questionnaire.evidenceFile(db, id, files[0].id))?.media_type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
		expect((await questionnaire.evidenceFile(db, id, files[1].id))?.media_type).toBe('application/vnd.oasis.opendocument.text');
	});

	test.each([
		['a ZIP of a web page', () => zipSync({ 'index.html': strToU8('<script>alert(1)</script>'), 'word/document.xml': strToU8('<w:document/>') })],
		['a spreadsheet', () => zipSync({ '[Content_Types].xml': strToU8('<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'), 'xl/workbook.xml': strToU8('<workbook/>') })],
		['a truncated ZIP', () => zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }] }).subarray(0, 60)]
	])('%s named .docx is refused', async (_, bytes) => {
		const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: P().secretariat.actor });
		const r = await load(id);
		await expect(questionnaire.addEvidence(db, r, P().focalIND, { instrument: 'untoc', article: '5', name: 'law.docx', bytes: bytes(), basedOn: r.version })).rejects.toThrow(
			'“law.docx” is not a PDF, Word (.docx) or OpenDocument (.odt) document, whatever its name says'
		);
		expect((await load(id)).items.flatMap((i) => i.files)).toEqual([]);
	});
});

describe('the dashboard and what awaits each person', () => {
	test('a review past its deadline is overdue, first on the board and in the focal point’s tasks', async () => {
		const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: P().secretariat.actor });
		const [b] = await board(db, { today: '2020-11-30', person: null, filters: {} });
		expect(b.rows.map((r) => [r.state, r.stage, r.overdue.map((o) => [o.stage, o.due])])).toEqual([
			['IND', 'launched', [['focal-point-named', '2020-10-26'], ['experts-named', '2020-11-09']]]
		]);
		expect(b.rows[0].open).toBe(false);
		const tasks = await forPerson(db, P().focalIND, '2021-05-01');
		expect(tasks[0]).toMatchObject({ review: id, what: expect.stringMatching(/^Answer \d+ of \d+ items of the self-assessment, then clear it$/), due: '2021-04-12', overdue: true });
		expect(await forPerson(db, P().stranger, '2021-05-01')).toEqual([]);
	});

	test('right after launching with nobody named, the secretariat is told what waits: naming, and the States drawn and not launched', async () => {
		// a second State drawn and not launched: Brazil, reviewed by Argentina
		const draw = await db.selectFrom('review_draws').select('id').executeTakeFirstOrThrow();
		await db.insertInto('review_reviewers').values({ cycle_id: 'untoc-1', state_code: 'BRA', instrument_slug: 'untoc', reviewer_code: 'ARG', draw_id: draw.id, replaced_at: null, replaced_reason: null, replaced_by: null }).execute();
		const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: P().secretariat.actor });
		const tasks = await forPerson(db, P().secretariat, '2020-10-13');
		expect(tasks.map((t) => [t.href, t.what])).toEqual([
			[`/reviews/${id}`, 'Nobody is named yet: name the focal point of India'],
			['/reviews/cycles/untoc-1', 'Launch the reviews of 1 State drawn in untoc-1 and not started']
		]);
		expect(tasks[0]).toMatchObject({ due: '2020-10-26', overdue: false });
		let r = await load(id);
		await progress.nameSomeone(db, r, P().secretariat, { participant: 'IND', role: 'focal-point', name: 'A. Focal', userId: ids.focalIND, basedOn: r.version });
		r = await load(id);
		await progress.moveTo(db, r, P().secretariat, { to: 'focal-point-named', on: '2020-10-14', reason: null, basedOn: r.version });
		expect((await forPerson(db, P().secretariat, '2020-10-15'))[0].what).toBe('Name the governmental experts of France, Pakistan');
	});
});

describe('gates no one can pass, and the secretariat’s override', () => {
	test('an item not applicable is answered by saying so and asks for no comment; the secretariat moves on past a gate with a reason, audited and shown', async () => {
		const p = P();
		const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: p.secretariat.actor });
		let r = await load(id);
		// nobody named: the secretariat may not pass over it without saying why
		await expect(progress.moveTo(db, r, p.secretariat, { to: 'focal-point-named', on: '2020-10-20', reason: null, basedOn: r.version, override: true })).rejects.toThrow(
			'Say why the review moves on although no focal point is named yet.'
		);
		// a focal point cannot override
		await expect(progress.moveTo(db, r, p.focalIND, { to: 'focal-point-named', on: '2020-10-20', reason: 'x', basedOn: r.version, override: true })).rejects.toThrow(/Only the secretariat may move a review on past/);
		await progress.moveTo(db, r, p.secretariat, { to: 'focal-point-named', on: '2020-10-20', reason: 'The State named its focal point by note verbale.', basedOn: r.version, override: true });
		expect(await progress.overrides(db, id)).toEqual([{ stage: 'focal-point-named', lacked: ['no focal point is named yet'], reason: 'The State named its focal point by note verbale.', on: expect.any(String) }]);
		r = await load(id);
		await progress.moveTo(db, r, p.secretariat, { to: 'experts-named', on: '2020-11-01', reason: 'Named by letter.', basedOn: r.version, override: true });
		r = await load(id);
		// every item answered, one of them "not applicable" with no text
		const [na, ...rest] = r.items;
		await questionnaire.saveAnswer(db, r, p.focalIND, { instrument: na.instrument, article: na.article, text: '', status: 'not-applicable', legislation: [], basedOn: r.version });
		for (const item of rest) {
			const fresh = await load(id);
			await questionnaire.saveAnswer(db, fresh, p.focalIND, { instrument: item.instrument, article: item.article, text: 'Done.', status: 'implemented', legislation: [], basedOn: fresh.version });
		}
		r = await load(id);
		expect(reviews.facts(r)).toMatchObject({ itemsAnswered: r.items.length });
		await progress.moveTo(db, r, p.focalIND, { to: 'self-assessment', on: '2021-03-01', reason: null, basedOn: r.version });
		// comments on every applicable item close the feedback
		for (const item of rest) {
			const fresh = await load(id);
			await questionnaire.comment(db, fresh, p.secretariat, { instrument: item.instrument, article: item.article, kind: 'comment', parentId: null, body: 'Seen.', basedOn: fresh.version });
		}
		r = await load(id);
		expect(reviews.facts(r).reviewersCommentedAll).toBe(true);
		await progress.moveTo(db, r, p.secretariat, { to: 'feedback', on: '2021-06-01', reason: null, basedOn: r.version });
		expect((await load(id)).stage).toBe('feedback');
		expect((await progress.overrides(db, id)).map((o) => o.stage)).toEqual(['focal-point-named', 'experts-named']);
	});
});

describe('a reviewer drawn again, at the State under review’s request', () => {
	test('replaced under the same rules, recorded with its reason, at most twice', async () => {
		const asia = new Set((await db.selectFrom('memberships').select('participant_code').where('group_slug', '=', 'asia-pacific-group').execute()).map((m) => m.participant_code));
		const active = async () =>
			(await db.selectFrom('review_reviewers').select(['instrument_slug', 'reviewer_code']).where('state_code', '=', 'IND').where('replaced_at', 'is', null).orderBy('id').execute()).map(
				(r) => `${r.instrument_slug}:${r.reviewer_code}`
			);
		const first = await draws.redrawReviewer(db, { cycleId: 'untoc-1', state: 'IND', reviewer: 'PAK', reason: 'Pakistan and India have a dispute before the ICJ.', actor: 'India’s focal point' });
		expect(first.replacement).not.toBe('PAK');
		expect(first.replacement).not.toBe('IND');
		expect(asia.has(first.replacement)).toBe(true); // the own-group reviewer is replaced by one of the same group
		expect(await active()).toEqual(expect.arrayContaining([`untoc:${first.replacement}`, 'untoc:FRA']));
		const replaced = await db.selectFrom('review_reviewers').selectAll().where('reviewer_code', '=', 'PAK').execute();
		expect(replaced.every((r) => r.replaced_reason === 'Pakistan and India have a dispute before the ICJ.' && r.replaced_at !== null)).toBe(true);

		const second = await draws.redrawReviewer(db, { cycleId: 'untoc-1', state: 'IND', reviewer: first.replacement, reason: 'Asked again.', actor: 'India’s focal point' });
		expect([second.replacement]).not.toContain('PAK'); // a replaced reviewer is never drawn again for India
		await expect(draws.redrawReviewer(db, { cycleId: 'untoc-1', state: 'IND', reviewer: 'FRA', reason: 'A third time.', actor: 'India’s focal point' })).rejects.toThrow(
			/IND has had 2 redraws in this cycle, the most the mechanism allows \(max_redraws: 2\)/
		);
		const log = await db.selectFrom('audit_log').select(['action', 'reason']).where('action', '=', 'redraw').orderBy('id').execute();
		expect(log.map((e) => e.reason)).toEqual(['Pakistan and India have a dispute before the ICJ.', 'Asked again.']);
	});
});

describe('a redraw once a review has begun', () => {
	test('is refused after the experts are named; before, it takes the replaced State and its experts out and makes open pages stale', async () => {
		const p = P();
		const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: p.secretariat.actor });
		let r = await load(id);
		await progress.nameSomeone(db, r, p.focalPAK, { participant: 'PAK', role: 'expert', name: 'Reviewing expert', userId: ids.expert, basedOn: r.version });
		r = await load(id);
		expect(can(p.expert, 'review.read', r.parties)).toBe(true);
		const stale = r.version;
		await draws.redrawReviewer(db, { cycleId: 'untoc-1', state: 'IND', reviewer: 'PAK', reason: 'A conflict of interest.', actor: 'India’s focal point' });
		r = await load(id);
		expect(r.version).toBe(stale + 1);
		expect(r.parties.reviewers).not.toContain('PAK');
		expect(can(p.expert, 'review.read', r.parties)).toBe(false); // Pakistan's expert left with Pakistan

		await progress.nameSomeone(db, r, p.secretariat, { participant: 'IND', role: 'focal-point', name: 'Focal', userId: null, basedOn: r.version });
		r = await load(id);
		await progress.moveTo(db, r, p.secretariat, { to: 'focal-point-named', on: '2020-10-20', reason: null, basedOn: r.version });
		for (const code of r.parties.reviewers) {
			r = await load(id);
			await progress.nameSomeone(db, r, p.secretariat, { participant: code, role: 'expert', name: `Expert of ${code}`, userId: null, basedOn: r.version });
		}
		r = await load(id);
		await progress.moveTo(db, r, p.secretariat, { to: 'experts-named', on: '2020-11-01', reason: null, basedOn: r.version });
		await expect(draws.redrawReviewer(db, { cycleId: 'untoc-1', state: 'IND', reviewer: 'FRA', reason: 'Too late.', actor: 'India’s focal point' })).rejects.toThrow(
			/can be drawn again only before its experts are named/
		);
	});
});

describe('what the public dashboard is given', () => {
	test('progress only: no summary, no setting’s confirmer', async () => {
		await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: P().secretariat.actor });
		const [b] = await board(db, { today: '2020-11-30', person: null, filters: {} });
		expect(Object.keys(b).sort()).toEqual(['byStage', 'cycle', 'mechanism', 'notStarted', 'published', 'rows', 'underWay']);
		expect(b.mechanism).toEqual({ id: 'untoc', shortTitle: 'UNTOC review mechanism' });
	});
});

describe('settings the secretariat confirms', () => {
	test('a confirmed setting says who confirmed it, and stays confirmed when the configuration is brought in again', async () => {
		const before = (await config.mechanism(db, 'untoc'))!.settings.mutual_reviews;
		expect(before).toMatchObject({ value: false, confirmed: false, confirmedBy: null });
		await config.confirmSetting(db, { mechanismId: 'untoc', key: 'mutual_reviews', actor: P().secretariat.actor });
		await syncReference(db, { dataDir: DATA_DIR });
		expect((await config.mechanism(db, 'untoc'))!.settings.mutual_reviews).toMatchObject({ value: false, confirmed: true, confirmedBy: `user-${ids.secretariat}` });
		expect((await config.mechanism(db, 'untoc'))!.settings.max_redraws).toMatchObject({ confirmed: false });
	});
});
