// Country reviews in six languages. Each review has a working language, chosen when it is
// launched (English for those launched before there was a choice) and changed by the secretariat
// (audited): its questionnaire, its e-mails and its report are written in it, whatever the
// language of the page they are asked from. The rest of the pages follow the page's language.
// India reviewed on cluster I by Pakistan and France, as in reviews.test.ts; the expected words
// are the catalogue's translations written out (the UN's own terms: examen, groupe thématique).
import { strFromU8, unzipSync } from 'fflate';
import { beforeEach, describe, expect, test } from 'vitest';
import { mover, refusal, type Someone } from '../../src/lib/server/accounts/permissions';
import type { Db } from '../../src/lib/server/db';
import * as progress from '../../src/lib/server/reviews/progress';
import * as reviews from '../../src/lib/server/reviews/reviews';
import { reportData } from '../../src/lib/server/reviews/report-data';
import { reportDocx } from '../../src/lib/server/reviews/report-docx';
import { forPerson } from '../../src/lib/server/reviews/tasks';
import { answerStatusLabel } from '../../src/lib/review/labels';
import { itemWords } from '../../src/lib/review/questionnaire';
import * as stages from '../../src/lib/review/stages';
import { freshDb } from './db';
import { inLocale } from './locale';

const NBSP = '\u00a0';
let db: Db;
let ids: { secretariat: number; focalIND: number; focalPAK: number };

async function user(email: string, role: string, participant: string | null): Promise<number> {
	const row = await db.insertInto('users').values({ email, name: null, role: role as never, participant_code: participant, password_hash: null }).returning('id').executeTakeFirstOrThrow();
	return row.id;
}

function as(id: number, role: reviews.Person['role'], participant: string | null): reviews.Person {
	return { actor: { label: `user-${id}`, userId: id, role, address: null }, id, role, participant };
}

const secretariat = () => as(ids.secretariat, 'secretariat', null);

beforeEach(async () => {
	db = await freshDb();
	ids = {
		secretariat: await user('s@example.org', 'secretariat', null),
		focalIND: await user('fp.ind@example.org', 'focal-point', 'IND'),
		focalPAK: await user('fp.pak@example.org', 'focal-point', 'PAK')
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

async function launch(language?: string, cluster = 1): Promise<reviews.Review> {
	const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster, startGroup: 1, states: ['IND'], on: '2020-10-12', language, actor: secretariat().actor });
	return (await reviews.get(db, id))!;
}

async function mailTo(userId: number) {
	return db.selectFrom('outbox').select(['kind', 'subject', 'body']).where('user_id', '=', userId).orderBy('id').execute();
}

async function documentXml(r: reviews.Review): Promise<string> {
	return strFromU8(unzipSync(new Uint8Array(await reportDocx(reportData(r, '2026-12-09'))))['word/document.xml']);
}

describe('the working language', () => {
	test('is chosen at launch and stored with the review (and in its audit entry); without a choice it is English; a language not of the six is refused', async () => {
		const french = await launch('fr');
		expect(french.language).toBe('fr');
		expect((await db.selectFrom('reviews').select('language').where('id', '=', french.id).executeTakeFirstOrThrow()).language).toBe('fr');
		const entry = await db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'review').where('entity_id', '=', String(french.id)).executeTakeFirstOrThrow();
		expect(entry.action).toBe('launch');
		expect(JSON.parse(entry.after!)).toMatchObject({ language: 'fr' });

		const english = await launch(undefined, 2);
		expect(english.language).toBe('en');
		await expect(reviews.launch(db, { cycleId: 'untoc-1', cluster: 3, startGroup: 1, states: ['IND'], on: '2020-10-12', language: 'de', actor: secretariat().actor })).rejects.toThrow(
			'“de” is not one of the six languages (ar, zh, en, fr, ru, es)'
		);
	});

	test('only the secretariat changes it: a focal point is refused, and nothing changes', async () => {
		const r = await launch('en');
		await expect(progress.setLanguage(db, r, as(ids.focalIND, 'focal-point', 'IND'), { language: 'fr', basedOn: r.version })).rejects.toMatchObject({ field: 'language', status: 403 });
		expect((await reviews.get(db, r.id))!.language).toBe('en');
	});

	test('the secretariat changes it, in the audit log with what it was and what it became; the review’s version moves', async () => {
		const r = await launch('en');
		await progress.setLanguage(db, r, secretariat(), { language: 'ar', basedOn: r.version });
		const after = (await reviews.get(db, r.id))!;
		expect(after).toMatchObject({ language: 'ar', version: r.version + 1 });
		const entry = await db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity', '=', 'review').where('entity_id', '=', String(r.id)).orderBy('id', 'desc').executeTakeFirstOrThrow();
		expect(entry.action).toBe('language');
		expect(JSON.parse(entry.before!)).toEqual({ language: 'en' });
		expect(JSON.parse(entry.after!)).toEqual({ language: 'ar' });
		// from a page loaded before the change: a conflict, not an overwrite
		await expect(progress.setLanguage(db, after, secretariat(), { language: 'fr', basedOn: r.version })).rejects.toMatchObject({ status: 409 });
	});
});

describe('a French review', () => {
	test('its questionnaire, its e-mails and its report are in French, from a page in any language', async () => {
		const r = await inLocale('ar', () => launch('fr'));
		const untoc5 = r.items.find((i) => i.instrument === 'untoc' && i.article === '5')!;

		// the questionnaire: the question, in French, with the Convention's French title
		expect(itemWords(r, untoc5).question).toBe(
			`Qu’a fait l’État examiné (Inde) pour appliquer l’article 5 (Convention des Nations Unies contre la criminalité transnationale organisée)${NBSP}?`
		);
		expect(itemWords(r, untoc5).title).toBe('Convention des Nations Unies contre la criminalité transnationale organisée, article 5');
		expect(answerStatusLabel('partly', r.language)).toBe('Partiellement appliqué');

		// the e-mails: launched (written from a page in Arabic), then a person named from one in English
		expect((await mailTo(ids.focalIND)).map((x) => x.subject)).toEqual([`Examen de pays lancé${NBSP}: Inde`]);
		// it opens the review's page in French
		expect((await db.selectFrom('outbox').select('link').where('user_id', '=', ids.focalIND).executeTakeFirstOrThrow()).link).toBe(`/fr/reviews/${r.id}`);
		expect((await mailTo(ids.focalPAK))[0].body).toBe(
			`L’examen de pays (Inde${NBSP}; groupe thématique 1, Criminalization and jurisdiction) a été lancé le 2020-10-12. Son point focal est désigné dans un délai de 2${NBSP}semaines et ses experts gouvernementaux dans un délai de 4${NBSP}semaines.`
		);
		await progress.nameSomeone(db, r, secretariat(), { participant: 'IND', role: 'focal-point', name: 'A. Sharma', userId: ids.focalIND, basedOn: r.version });
		expect((await mailTo(ids.focalIND)).at(-1)).toMatchObject({ kind: 'named', subject: `Vous êtes désigné(e) dans un examen de pays${NBSP}: Inde` });

		// the report: the page's data and the Word document
		const report = reportData(r, '2026-12-09');
		expect(report).toMatchObject({ language: 'fr', stage: 'Lancé', state: { code: 'IND', name: 'Inde' } });
		const xml = await documentXml(r);
		for (const words of [`Examen de pays (Inde)${NBSP}: Criminalization and jurisdiction`, 'États examinateurs', 'Résumé de la liste d’observations', 'Pas encore de réponse', 'Lancé le 12 octobre 2020']) {
			expect(xml).toContain(words);
		}
		expect(xml).not.toContain('Reviewing States');
		expect(xml).not.toContain('<w:bidi/>');
	});

	test('an English review is written as before, from a page in French', async () => {
		const r = await inLocale('fr', () => launch());
		const untoc5 = r.items.find((i) => i.instrument === 'untoc' && i.article === '5')!;
		expect(itemWords(r, untoc5).question).toBe('What has India done to implement article 5 of the UNTOC?');
		expect((await mailTo(ids.focalIND)).map((x) => x.subject)).toEqual(['The country review of India is launched']);
		expect((await mailTo(ids.focalIND))[0].body).toBe(
			'The country review of India (cluster 1, Criminalization and jurisdiction) was launched on 2020-10-12. Its focal point is named within 2 weeks and its governmental experts within 4.'
		);
		const xml = await documentXml(r);
		for (const words of ['Country review of India: Criminalization and jurisdiction', 'Reviewing States', 'Summary of the list of observations', 'No answer yet', 'Launched on 12 October 2020']) {
			expect(xml).toContain(words);
		}
	});
});

describe('an Arabic review’s report', () => {
	test('its .docx runs right to left: every paragraph w:bidi, every run w:rtl, Arabic marked as the complex script’s language', async () => {
		const xml = await documentXml(await launch('ar'));
		expect(xml).toContain('الاستعراض القطري لـ الهند');
		expect(xml).toContain('الدول المستعرِضة');
		const paragraphs = xml.match(/<w:p>|<w:p [^>]*>/g) ?? [];
		const bidi = xml.match(/<w:bidi\/>/g) ?? [];
		expect(paragraphs.length).toBeGreaterThan(5);
		expect(bidi.length).toBe(paragraphs.length);
		expect(xml).toContain('<w:rtl/>');
	});

	test('an English one has neither', async () => {
		const xml = await documentXml(await launch('en'));
		expect(xml).not.toContain('<w:bidi');
		expect(xml).not.toContain('<w:rtl');
	});
});

describe('the pages around a review follow the page’s language', () => {
	test('what waits on the secretariat, and a refusal, in French and Arabic; English as before', async () => {
		await launch('en');
		const task = async () => (await forPerson(db, secretariat(), '2020-10-13')).find((t) => t.review !== null)!.what;
		expect(await task()).toBe('Nobody is named yet: name the focal point of India');
		expect(await inLocale('fr', task)).toBe(`Personne n’est encore désigné${NBSP}: désigner le point focal (Inde)`);
		expect(await inLocale('ar', task)).toBe('لم يُعيَّن أحد بعد: عيّن جهة الاتصال لـ الهند');

		const again = () => reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: secretariat().actor });
		await expect(again()).rejects.toThrow('IND is already under review for cluster 1');
		await expect(inLocale('fr', again)).rejects.toThrow('IND fait déjà l’objet d’un examen pour le groupe thématique 1');
		await expect(inLocale('ar', again)).rejects.toThrow('IND قيد الاستعراض بالفعل للمجموعة المواضيعية 1');
	});

	test('the stage rules say what a review lacks in the page’s language, Russian plural forms among them', async () => {
		const facts: stages.ReviewFacts = {
			stage: 'experts-named', launchedOn: '2020-10-12', reached: { launched: '2020-10-12' }, focalPointNamed: true, expertsNamed: true,
			itemsTotal: 13, itemsAnswered: 10, openQuestions: 0, reviewersCommentedAll: false, observationsDrafted: false, summaryDrafted: false,
			agreedBy: { underReview: false, reviewers: false }
		};
		const lacks = () => stages.canMove(facts, { to: 'self-assessment' });
		expect(lacks()).toEqual({ ok: false, reason: '3 of 13 items are not answered.' });
		expect(await inLocale('fr', lacks)).toEqual({ ok: false, reason: '3 des 13\u00a0questions n’ont pas de réponse.' });
		expect(await inLocale('ru', lacks)).toEqual({ ok: false, reason: '3 из 13 вопросов остаются без ответа.' });
		expect(stages.deadlineText('feedback', { feedback_months: 6 }, 'ru')).toBe('в течение 6 месяцев со дня утверждения самооценки');
		expect(stages.deadlineText('focal-point-named', { focal_point_weeks: 2 }, 'ar')).toBe('في غضون 2 أسبوعين من بدء الاستعراض');
	});
});

describe('who may act on a review, in the page’s language', () => {
	// as in authorization.test.ts: IND under review, PAK and FRA reviewing; State codes stay codes
	const PARTIES = { state: 'IND', reviewers: ['PAK', 'FRA'], experts: [5], team: [4] };
	const focalPAK: Someone = { id: 3, role: 'focal-point', participant: 'PAK' };
	const theSecretariat: Someone = { id: 1, role: 'secretariat', participant: null };

	test('a refused review action names who may, as a list of alternatives of the language; English as before', async () => {
		const answer = () => refusal(focalPAK, 'review.answer', PARTIES);
		expect(await inLocale('en', answer)).toBe(
			'Only the secretariat, the focal point of IND (the State under review) or the experts named for IND may draft the answers of the self-assessment; you are signed in as a focal point of PAK.'
		);
		expect(await inLocale('fr', answer)).toBe(
			`Seuls le secrétariat, le point focal de IND (l’État examiné) ou les experts désignés pour IND peuvent rédiger les réponses de l’auto-évaluation${NBSP}; vous êtes connecté(e) comme point focal de PAK.`
		);
		expect(await inLocale('ar', answer)).toBe(
			'صلاحية صياغة الردود على التقييم الذاتي مقصورة على الأمانة أو جهة الاتصال لـ IND (الدولة المستعرَضة) أو الخبراء المسمَّين لـ IND؛ وأنت مسجَّل الدخول بصفة جهة اتصال (PAK).'
		);
		expect(await inLocale('fr', () => refusal(null, 'review.read', PARTIES))).toMatch(/\(PAK, FRA\) ou les experts désignés pour un État examinateur peuvent consulter cet examen\u00a0; connectez-vous d’abord\.$/);
		expect(await inLocale('ar', () => refusal(focalPAK, 'review.name', { ...PARTIES, for: 'FRA' }))).toBe(
			'تعيّن جهة الاتصال الأشخاص التابعين لدولتها، لا التابعين لـ FRA؛ وأنت مسجَّل الدخول بصفة جهة اتصال (PAK).'
		);
	});

	test('a refused move: one who may (the French verb in the singular), several, or the secretariat alone going back', async () => {
		const move = (who: Someone | null, from: stages.Stage, to: stages.Stage) => () => refusal(who, 'review.move', { ...PARTIES, from, to });
		expect(await inLocale('en', move(theSecretariat, 'experts-named', 'self-assessment'))).toBe(
			'Only the focal point of IND (the State under review) may clear and submit the self-assessment; you are signed in as the secretariat.'
		);
		expect(await inLocale('fr', move(theSecretariat, 'experts-named', 'self-assessment'))).toBe(
			`Seul le point focal de IND (l’État examiné) peut valider et soumettre l’auto-évaluation${NBSP}; vous êtes connecté(e) comme secrétariat.`
		);
		expect(await inLocale('fr', move(focalPAK, 'launched', 'focal-point-named'))).toBe(
			`Seuls le secrétariat ou le point focal de IND (l’État examiné) peuvent consigner la désignation du point focal${NBSP}; vous êtes connecté(e) comme point focal de PAK.`
		);
		expect(await inLocale('ar', move(null, 'agreed', 'published'))).toBe('صلاحية نشر الاستعراض مقصورة على الأمانة؛ سجّل الدخول أولاً.');
		expect(await inLocale('ar', move(focalPAK, 'feedback', 'self-assessment'))).toBe(
			'صلاحية إعادة الاستعراض إلى المرحلة السابقة مقصورة على الأمانة؛ وأنت مسجَّل الدخول بصفة جهة اتصال (PAK).'
		);
	});

	test('who will move a review on: a sentence beginning with a capital where the language has them; English as before', async () => {
		expect(await inLocale('en', () => mover(PARTIES, 'agreed'))).toBe('The secretariat will record that the focal points agreed.');
		expect(await inLocale('fr', () => mover(PARTIES, 'agreed'))).toBe('Le secrétariat devra consigner l’accord des points focaux.');
		expect(await inLocale('fr', () => mover(PARTIES, 'experts-named'))).toBe(
			'Le secrétariat ou le point focal de IND (l’État examiné) devront consigner la désignation des experts gouvernementaux.'
		);
		expect(await inLocale('ar', () => mover(PARTIES, 'agreed'))).toBe('يقع على عاتق الأمانة تسجيل موافقة جهات الاتصال.');
		expect(await inLocale('zh', () => mover(PARTIES, 'self-assessment'))).toBe('将由IND（被审议国）的联络人确认并提交自评。');
	});
});
