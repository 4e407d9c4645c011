// The instrument pages in the six languages, server side: the printable list of who has not
// joined (names in the language, sorted as it sorts them), its CSV's answers and file name, an
// article's 404, the participant table's order and the instrument's feed — translated in French
// and Arabic, unchanged in English.
import { isHttpError } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { freshDb } from './db';
import { inLocale } from './locale';
import * as status from '../../src/lib/server/record/status';
import * as sorting from '../../src/lib/server/views/sorting';
import * as exports from '../../src/lib/server/views/exports';
import { m } from '../../src/lib/paraglide/messages';
import { load as nonPartiesPage } from '../../src/routes/instruments/[slug=slug]/non-parties/+page.server';
import { load as articlePage } from '../../src/routes/instruments/[slug=slug]/articles/[n]/+page.server';
import { GET as nonPartiesCsv } from '../../src/routes/instruments/[slug=slug]/non-parties.csv/+server';
import { GET as feed } from '../../src/routes/instruments/[slug=slug]/feed.atom/+server';

let db: Db;
beforeAll(async () => {
	db = await freshDb();
});

const TP = 'trafficking-protocol';

async function list(query: string) {
	const url = new URL(`http://localhost/instruments/${TP}/non-parties?${query}`);
	return (await nonPartiesPage({ url, params: { slug: TP }, locals: { db } } as never)) as Exclude<Awaited<ReturnType<typeof nonPartiesPage>>, void>;
}

async function articleError(slug: string, n: string): Promise<string | null> {
	const url = new URL(`http://localhost/instruments/${slug}/articles/${n}`);
	try {
		await articlePage({ url, params: { slug, n }, locals: { db } } as never);
		return null;
	} catch (e) {
		if (isHttpError(e)) return e.body.message;
		throw e;
	}
}

const get = (handler: typeof feed | typeof nonPartiesCsv, path: string, slug: string) =>
	handler({ url: new URL(`http://localhost${path}`), params: { slug }, locals: { db }, request: new Request(`http://localhost${path}`) } as never);

describe('who has not joined, in the language of the page', () => {
	it('names India, the Czech Republic and the others as the language does, sorted as it sorts them', async () => {
		const en = await inLocale('en', () => list('asOf=2008-06-03'));
		const fr = await inLocale('fr', () => list('asOf=2008-06-03'));
		const ar = await inLocale('ar', () => list('asOf=2008-06-03'));
		expect(en.list.signed.find((r) => r.code === 'IND')?.name).toBe('India');
		expect(fr.list.signed.find((r) => r.code === 'IND')?.name).toBe('Inde');
		expect(ar.list.signed.find((r) => r.code === 'IND')?.name).toBe('الهند');
		// the same rows, in the order each language sorts its names
		expect(fr.list.notSigned.map((r) => r.code).sort()).toEqual(en.list.notSigned.map((r) => r.code).sort());
		const names = fr.list.notSigned.map((r) => r.name);
		expect(names).toEqual([...names].sort(new Intl.Collator('fr', { sensitivity: 'base', numeric: true }).compare));
		// English keeps the record's order (the CSV's)
		expect(en.list.notSigned.map((r) => r.name)).toEqual([...en.list.notSigned.map((r) => r.name)].sort((a, b) => a.localeCompare(b, 'en')));
	});

	it('names a group in the language where a source gives it', async () => {
		const fr = await inLocale('fr', () => list('asOf=2008-06-03&group=european-union'));
		expect(fr.list.filters.group?.name).toBe('Union européenne');
		const en = await inLocale('en', () => list('asOf=2008-06-03&group=european-union'));
		expect(en.list.filters.group?.name).toBe('European Union');
	});

	it('says the headline with the plural each language needs', async () => {
		const args = (count: number) => ({ count, shown: String(count), name: 'UNTOC', date: '3 June 2008' });
		expect(await inLocale('en', () => m.instruments_np_headline(args(78)))).toBe('78 participants have not joined UNTOC as of 3 June 2008.');
		expect(await inLocale('en', () => m.instruments_np_headline(args(1)))).toBe('1 participant has not joined UNTOC as of 3 June 2008.');
		expect(await inLocale('fr', () => m.instruments_np_headline(args(78)))).toBe("UNTOC : au 3 June 2008, 78 participants n'y ont pas adhéré.");
		expect(await inLocale('ru', () => m.instruments_np_headline(args(22)))).toContain('22 участника');
		expect(await inLocale('ru', () => m.instruments_np_headline(args(25)))).toContain('25 участников');
		expect(await inLocale('ar', () => m.instruments_np_headline(args(78)))).toContain('عدد المشاركين الذين لم ينضموا 78');
		expect(await inLocale('en', () => m.instruments_np_headline_none_known({ count: 15, zero: '0', name: 'UNTOC', date: '7 December 2026', stale: '15', recorded: '27 January 2014' }))).toBe(
			'0 participants are known not to have joined UNTOC as of 7 December 2026: 15 had not joined when the record last knew (27 January 2014), and may have since.'
		);
	});

	it('its CSV: the problem in the language of the address, the file named in it', async () => {
		const path = `/instruments/${TP}/non-parties.csv?asOf=2008-06-03&region=atlantis`;
		const en = await inLocale('en', () => get(nonPartiesCsv, path, TP));
		expect(en.status).toBe(400);
		expect(JSON.stringify(await en.json())).toContain('unknown region \\"atlantis\\"');
		const fr = await inLocale('fr', () => get(nonPartiesCsv, path, TP));
		expect(JSON.stringify(await fr.json())).toContain('région inconnue « atlantis »');
		const ar = await inLocale('ar', () => get(nonPartiesCsv, path, TP));
		expect(JSON.stringify(await ar.json())).toContain('منطقة غير معروفة');

		const ok = `/instruments/${TP}/non-parties.csv?asOf=2008-06-03&region=africa`;
		expect((await inLocale('en', () => get(nonPartiesCsv, ok, TP))).headers.get('content-disposition')).toBe('attachment; filename="non-parties-trafficking-protocol-2008-06-03-africa.csv"');
		const es = (await inLocale('es', () => get(nonPartiesCsv, ok, TP))).headers.get('content-disposition');
		expect(es).toBe('attachment; filename="no-partes-trafficking-protocol-2008-06-03-africa.csv"');
		const ru = (await inLocale('ru', () => get(nonPartiesCsv, ok, TP))).headers.get('content-disposition');
		expect(ru).toContain(`filename*=UTF-8''${encodeURIComponent('неучастники-trafficking-protocol-2008-06-03-africa.csv')}`);
	});
});

describe('the instrument page and its article pages', () => {
	it('sorts the participant table by the names the language gives', async () => {
		const found = (await status.instrument(db, { slug: TP, asOf: '2008-06-03' }))!;
		const fr = await inLocale('fr', () => sorting.apply(found.participants, { sort: 'name', dir: 'asc' }));
		const en = await inLocale('en', () => sorting.apply(found.participants, { sort: 'name', dir: 'asc' }));
		// Germany is "Allemagne" in French: near the top there, under G in English
		expect(fr.findIndex((p) => p.code === 'DEU')).toBeLessThan(5);
		expect(en.findIndex((p) => p.code === 'DEU')).toBeGreaterThan(20);
	});

	it('answers a missing article in the language', async () => {
		expect(await inLocale('en', () => articleError(TP, '21'))).toBe('Trafficking in Persons Protocol has no Article 21: its text has 20 articles, Article 1 to Article 20.');
		expect(await inLocale('fr', () => articleError(TP, '21'))).toContain("n'a pas d'Article 21 : son texte compte 20 articles");
		expect(await inLocale('ar', () => articleError(TP, '21'))).toContain('المادة 21');
		expect(await inLocale('fr', () => articleError('nothing-such', '1'))).toBe("Il n'existe pas d'instrument « nothing-such ».");
	});

	it('its feed: title and entries in the language, links to its pages', async () => {
		const path = `/instruments/${TP}/feed.atom`;
		const en = await (await inLocale('en', () => get(feed, path, TP))).text();
		expect(en).toContain('<title>Treaty Tracker: Trafficking in Persons Protocol</title>');
		expect(en).toMatch(/<title type="text">[^<]+ (ratified|acceded to|signed) the Trafficking in Persons Protocol (on|in|by) /);
		const fr = await (await inLocale('fr', () => get(feed, path, TP))).text();
		expect(fr).toContain('<subtitle>Signatures, ratifications et adhésions : Protocole additionnel');
		expect(fr).toMatch(/<title type="text">[^<]+ a (ratifié|adhéré|signé) : Protocole additionnel/);
		expect(fr).toContain('href="/fr/participants/');
		const ar = await (await inLocale('ar', () => get(feed, path, TP))).text();
		expect(ar).toContain('التوقيعات والتصديقات والانضمامات');
	});

	it('keeps a download named in ASCII as it was', () => {
		expect(exports.download('', { filename: 'untoc-2008-06-03.csv', type: 'csv' }).headers.get('content-disposition')).toBe('attachment; filename="untoc-2008-06-03.csv"');
	});
});
