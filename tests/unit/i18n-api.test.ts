// The API's, the record's and the feed's words in the request's language: a form under /fr/ and
// the API under /fr/api/ say what is wrong in French (field names and values as the API spells
// them), the same request without a prefix says it in English exactly as before.
import { beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import * as users from '../../src/lib/server/accounts/users';
import * as identity from '../../src/lib/server/accounts/identity';
import type { SignedIn } from '../../src/lib/server/accounts/identity';
import type { Db } from '../../src/lib/server/db';
import * as api from '../../src/lib/server/http/api';
import * as atom from '../../src/lib/server/http/atom';
import * as routes from '../../src/lib/server/http/api-routes';
import * as articles from '../../src/lib/server/record/articles';
import * as changes from '../../src/lib/server/record/changes';
import * as editing from '../../src/lib/server/record/editing';
import * as records from '../../src/lib/server/record/record';
import { describeRule, parseRule } from '../../src/lib/server/record/rules';
import { dateProblem, eventProblem } from '../../src/lib/server/record/validation';
import { sentence } from '../../src/lib/events';
import { freshDb } from './db';
import { inLocale } from './locale';

/** What `fn` answers, or the response an API helper threw (`Answer`). */
async function answered(fn: () => unknown): Promise<{ status: number; body: Record<string, unknown> }> {
	try {
		await fn();
	} catch (e) {
		if (e instanceof api.Answer) return { status: e.response.status, body: await e.response.json() };
		throw e;
	}
	throw new Error('no answer');
}

describe('validation messages', () => {
	const future = () => dateProblem({ date: '2999-01-01', earliest: null, latest: null }, { today: '2025-01-01', adopted: null, instrument: 'UNTOC' });

	test('a date in the future, in English as before, in French and in Arabic', async () => {
		expect(future()).toBe('1 January 2999 is in the future: the record holds what has happened.');
		expect(await inLocale('fr', future)).toBe('Le 1 janvier 2999 est dans le futur\u00a0: les données ne contiennent que ce qui s’est produit.');
		expect(await inLocale('ar', future)).toContain('تاريخ في المستقبل');
	});

	test('an unknown kind of act lists the kinds in the language, as one of them', async () => {
		expect(eventProblem('treaty', { binding: true })).toBe(
			'“treaty” is not a kind of act: choose one of Signature, Ratification, Acceptance (A), Approval (AA), Accession (a), Succession (d), Formal confirmation (c), Definitive signature, Denunciation, Endorsement.'
		);
		const fr = await inLocale('fr', () => eventProblem('treaty', { binding: true }))!;
		expect(fr).toMatch(/^«\u00a0treaty\u00a0» n’est pas une nature d’acte\u00a0: choisissez Signature, .* ou /);
	});
});

describe('an edit refused, then confirmed, in French', () => {
	let db: Db;
	let editor: SignedIn;
	beforeEach(async () => {
		db = await freshDb();
		editor = await users.createUser(db, { email: 'editor@example.org', role: 'editor', actor: 'a test' });
	});
	// Uganda ratified UNTOC on 9 March 2005: a ratification of the Protocol dated 1 June 2004 comes first (art. 37).
	const attempt = () => ({
		instrument: 'trafficking-protocol',
		participant: 'UGA',
		values: { event: 'ratification' as const, date: '2004-06-01' },
		source: 'https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-12-a&chapter=18&clang=_en',
		actor: identity.actorOf(editor, '203.0.113.7')
	});

	test('the art. 37 warning in French links to the French article, and confirming it in French saves', async () => {
		const english = await editing.record(db, attempt());
		expect(!english.ok && english.warnings[0]).toMatchObject({ href: '/instruments/untoc/articles/37' });
		expect(!english.ok && english.warnings[0].message).toMatch(/^On 1 June 2004 Uganda had not consented to UNTOC/);

		const first = await inLocale('fr', () => editing.record(db, attempt()));
		expect(first.ok).toBe(false);
		if (first.ok) return;
		expect(first.warnings[0].href).toBe('/fr/instruments/untoc/articles/37');
		expect(first.warnings[0].message).toMatch(/^Le 1 juin 2004, Ouganda n’avait pas consenti/);
		expect(first.warnings[0].message).toContain('art. 37, par. 2');
		const saved = await inLocale('fr', () => editing.record(db, { ...attempt(), confirmed: first.warnings.map((w) => w.message) }));
		expect(saved.ok && saved.message).toMatch(/^Enregistré\u00a0: Ouganda · .* · consentement, ratification, 1 juin 2004\.$/);
	});
});

describe('the API in French under /fr/api/, in English without a prefix', () => {
	const request = (type: string, text: string) => new Request('http://localhost/api/v1/acts/1/retractions', { method: 'POST', headers: { 'content-type': type }, body: text });
	const schema = z.strictObject({ basedOn: z.number().int(), reason: z.string() });

	test('a form post is refused with 415 in each language', async () => {
		expect((await answered(() => api.body(request('text/plain', 'x'), schema))).body.error).toBe(
			'send the body as JSON, with Content-Type: application/json (not "text/plain")'
		);
		const fr = await inLocale('fr', () => answered(() => api.body(request('text/plain', 'x'), schema)));
		expect(fr).toMatchObject({ status: 415, body: { error: 'envoyez le corps en JSON, avec Content-Type: application/json (et non «\u00a0text/plain\u00a0»)' } });
	});

	test('each field at fault keeps its name, its problem in the language (zod’s own words included)', async () => {
		const body = JSON.stringify({ basedOn: 'one', reason: 'why', extra: 1 });
		const en = await answered(() => api.body(request('application/json', body), schema));
		expect(en.body.fields).toEqual({ basedOn: 'Invalid input: expected number, received string', extra: 'is not a field of this request' });
		const fr = await inLocale('fr', () => answered(() => api.body(request('application/json', body), schema)));
		expect(Object.keys(fr.body.fields as object)).toEqual(['basedOn', 'extra']);
		expect(fr.body.fields).toMatchObject({ extra: 'n’est pas un champ de cette requête' });
		expect((fr.body.fields as Record<string, string>).basedOn).toMatch(/^Entrée invalide/);
		expect(fr.body.error).toMatch(/^basedOn: Entrée invalide.*; extra: n’est pas un champ de cette requête$/);
	});

	test('an unknown query parameter and an unknown slug, in English, French and Arabic', async () => {
		const event = { url: new URL('http://localhost/api/v1/instruments/untoc/non-parties?colour=red'), params: { slug: 'untoc' } };
		const said = async () => (await answered(() => routes.read(routes.listNonParties, event))).body.error;
		expect(await said()).toBe('unknown parameter "colour": this address takes asOf, region, group');
		expect(await inLocale('fr', said)).toBe('paramètre inconnu «\u00a0colour\u00a0»\u00a0: cette adresse accepte asOf, region, group');
		expect(await inLocale('ar', said)).toBe('معلمة غير معروفة "colour": يقبل هذا العنوان asOf, region, group');
		const missing = async () => (await routes.notFound(routes.getInstrument, 'slug', 'nope').json()).error;
		expect(await missing()).toBe('no instrument with slug "nope"; see /api/v1/instruments');
		expect(await inLocale('fr', missing)).toBe('aucun instrument n’a le slug «\u00a0nope\u00a0»\u00a0; voir /api/v1/instruments');
	});
});

describe('words of the record read in the request’s language', () => {
	test('article labels', async () => {
		expect(articles.label('annex-i-3')).toBe('Annex I, Article 3');
		expect(await inLocale('fr', () => articles.label('annex-i-3'))).toBe('Annexe I, article 3');
		expect(await inLocale('ar', () => articles.label('6'))).toBe('المادة 6');
	});

	test('an entry-into-force rule', async () => {
		const untoc = parseRule(JSON.stringify({ kind: 'deposit-count', threshold: 40, general: { days: 90 }, later: { days: 30 }, countStatesOnly: true, notBeforeParent: false, article: 'art. 38' }));
		expect(describeRule(untoc)).toBe('In force 90 days after the 40th instrument deposited by a State; for a later participant, 30 days after its deposit (art. 38)');
		expect(await inLocale('fr', () => describeRule(untoc))).toBe(
			'En vigueur 90 jours après le dépôt du 40e instrument par un État\u00a0; pour un participant ultérieur, 30 jours après son dépôt (art. 38)'
		);
		expect(await inLocale('ru', () => describeRule(untoc))).toBe(
			'Вступает в силу через 90 дней после сдачи на хранение 40-го документа государством; для последующего участника — через 30 дней после сдачи им документа на хранение (art. 38)'
		);
	});

	test('a data warning is worded in the language of whoever reads the record built once', async () => {
		const db = await freshDb();
		const record = await records.get(db);
		const w = record.warnings.find((x) => /^consent recorded|^computed entry|^the record computes/.test(x.message));
		expect(w).toBeDefined();
		const fr = await inLocale('fr', () => w!.message);
		expect(fr).not.toBe(w!.message);
		expect(fr).toMatch(/^consentement enregistré|^l’entrée en vigueur calculée|^les données calculent/);
		expect(JSON.parse(JSON.stringify(w)).message).toBe(w!.message);
	});
});

describe('the site’s feed', () => {
	test('in English exactly as the sentence reads; in French its title, language, entries and links', async () => {
		const db = await freshDb();
		const recent = await changes.recent(db, { limit: 5 });
		const feed = (self: string) => atom.feed({ origin: null, self, alternate: '/', title: 't', subtitle: 's', changes: recent });
		const english = feed('/feed.atom');
		expect(english).toContain('xml:lang="en"');
		for (const c of recent) expect(atom.title(c)).toBe(`${sentence(c)}.`);
		const french = await inLocale('fr', () => feed('/fr/feed.atom'));
		expect(french).toContain('xml:lang="fr"');
		expect(french).toContain(`<link rel="alternate" type="text/html" href="/fr/participants/${recent[0].code}"/>`);
		expect(french).toMatch(/<title type="text">[^<]* a (signé|ratifié|adhéré|accepté|approuvé|dénoncé)/);
		expect(french).toMatch(/<summary type="text">Source\u00a0: /);
		// an entry is the same entry in every language
		expect(french.match(/<id>urn:uuid:[^<]+<\/id>\n {4}<title/g)).toEqual(english.match(/<id>urn:uuid:[^<]+<\/id>\n {4}<title/g));
	});
});
