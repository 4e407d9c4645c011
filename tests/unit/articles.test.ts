// The treaties' texts: the articles of the authentic English texts in
// data/raw/treaty_texts_laws_markdown/, as the instrument pages and the article pages show them.
// Expected figures come from data/raw/PROVENANCE.md ("Added 2026-11-30") and from the texts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isHttpError } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/lib/server/db';
import { openDatabase } from '../../src/lib/server/sources/open';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { LoadError, seed } from '../../src/lib/server/sources/load';
import * as articles from '../../src/lib/server/record/articles';
import { load as articlePage } from '../../src/routes/instruments/[slug=slug]/articles/[n]/+page.server';
import { freshDb, withDataCopy, databaseAt, emptyDatabase } from './db';

const TEXTS = 'raw/treaty_texts_laws_markdown';
const TIP = `${TEXTS}/tip_protocol_BWBV0001749.md`;
const LIST = `${TEXTS}/article_list_en_DERIVED.csv`;

let db: Db;
beforeAll(async () => {
	db = await freshDb();
});

/** Articles per instrument, read straight from the table. */
async function counts(d: Db): Promise<Record<string, number>> {
	const rows = await d
		.selectFrom('articles')
		.select(['instrument_slug', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('instrument_slug')
		.execute();
	return Object.fromEntries(rows.map((r) => [r.instrument_slug, Number(r.n)]));
}

/** What the article page does with an address: its data, or the HTTP error it answers. */
async function visit(slug: string, n: string) {
	const url = new URL(`http://localhost/instruments/${slug}/articles/${n}`);
	try {
		return { data: await articlePage({ url, params: { slug, n }, locals: { db } } as never), status: 200, message: null };
	} catch (e) {
		if (isHttpError(e)) return { data: null, status: e.status, message: e.body.message };
		throw e;
	}
}

describe('the articles of the treaty texts', () => {
	it("give Trafficking Protocol art. 6 its title 'Assistance to and protection of victims of trafficking in persons'", async () => {
		const art6 = await articles.find(db, { instrument: 'trafficking-protocol', number: '6' });
		expect(art6?.title).toBe('Assistance to and protection of victims of trafficking in persons');
		expect(art6?.section).toBe('II — Protection of victims of trafficking in persons');
		expect(art6?.label).toBe('Article 6');
		expect(art6?.text.split('\n')[0]).toBe(
			'1. In appropriate cases and to the extent possible under its domestic law, each State Party shall protect the privacy and identity of victims of trafficking in persons, including, inter alia, by making legal proceedings relating to such trafficking confidential.'
		);
		expect(art6?.source).toMatchObject({ id: 'laws-markdown-trafficking-protocol', file: TIP, line: 69 });
		expect(art6?.previous).toMatchObject({ number: '5', title: 'Criminalization' });
		expect(art6?.next).toMatchObject({ number: '7', title: 'Status of victims of trafficking in persons in receiving States' });
	});

	it('number as many English articles per instrument as PROVENANCE lists (251 in all)', async () => {
		expect(await counts(db)).toEqual({
			untoc: 41,
			'trafficking-protocol': 20,
			'smuggling-protocol': 25,
			'firearms-protocol': 21,
			'cets-197': 47,
			'ilo-c097': 23 + 8 + 13 + 2, // 23 + Annex I (8), II (13), III (2)
			'ilo-c181': 24,
			'ilo-c189': 27
		});
	});

	it('stand under their chapters: 4 in the Trafficking Protocol, 10 in CETS 197', async () => {
		const chapters = async (instrument: string) => articles.bySection(await articles.list(db, { instrument })).map((g) => g.section);
		expect(await chapters('trafficking-protocol')).toEqual([
			'I — General Provisions',
			'II — Protection of victims of trafficking in persons',
			'III — Prevention, cooperation and other measures',
			'IV — Final provisions'
		]);
		const cets = await chapters('cets-197');
		expect(cets).toHaveLength(10);
		expect(cets[0]).toBe('CHAPTER I — PURPOSES, SCOPE, NON-DISCRIMINATION PRINCIPLE AND DEFINITIONS');
		expect(cets[9]).toBe('CHAPTER X — FINAL CLAUSES');
		expect(await chapters('untoc')).toEqual([null]);
	});

	it("keep the Annexes of ILO C097 apart: Annex I's article 3 is not the Convention's article 3", async () => {
		const list = await articles.list(db, { instrument: 'ilo-c097' });
		expect(list.filter((a) => a.number.startsWith('annex-i-')).length).toBe(8);
		expect(list.filter((a) => a.number.startsWith('annex-ii-')).length).toBe(13);
		expect(list.filter((a) => a.number.startsWith('annex-iii-')).length).toBe(2);
		const annex = await articles.find(db, { instrument: 'ilo-c097', number: 'annex-i-3' });
		expect(annex?.label).toBe('Annex I, Article 3');
		expect(annex?.title).toBeNull(); // ILO articles have no titles
		expect(annex?.text).toMatch(/^1\. Each Member for which this Annex is in force/);
		const main = await articles.find(db, { instrument: 'ilo-c097', number: '3' });
		expect(main?.text).toMatch(/^1\. Each Member for which this Convention is in force undertakes that it will/);
		expect((await articles.find(db, { instrument: 'ilo-c097', number: '23' }))?.next?.label).toBe('Annex I, Article 1');
	});

	it('hold only treaty text: no Dutch, no closing formula, no Markdown', async () => {
		const tip20 = await articles.find(db, { instrument: 'trafficking-protocol', number: '20' });
		expect(tip20?.text).not.toMatch(/IN WITNESS WHEREOF/);
		expect(tip20?.next).toBeNull();
		const c181 = await articles.find(db, { instrument: 'ilo-c181', number: '24' });
		expect(c181?.text).toBe('The English and French versions of the text of this Convention are equally authoritative.');
		const c189 = await articles.find(db, { instrument: 'ilo-c189', number: '1' });
		expect(c189?.text).not.toMatch(/Treedt in werking/);
		expect(c189?.text).toMatch(/the term domestic work means work performed in or for a household/);
		const c189art4 = await articles.find(db, { instrument: 'ilo-c189', number: '4' });
		expect(c189art4?.text).toMatch(/consistent with the provisions of the Minimum Age Convention, 1973/);
		const all = await db.selectFrom('articles').select('text').execute();
		for (const { text } of all) expect(text).not.toMatch(/\]\(|\*|``|<\/?[a-z]+>|^#/m);
	});

	it("set out paragraphs and sub-items as the text numbers them (Trafficking Protocol art. 6)", async () => {
		const art6 = await articles.find(db, { instrument: 'trafficking-protocol', number: '6' });
		expect(art6?.blocks.map((b) => [b.marker, b.depth])).toEqual([
			['1.', 0], ['2.', 0], ['a)', 1], ['b)', 1], ['3.', 0], ['a)', 1], ['b)', 1], ['c)', 1], ['d)', 1], ['4.', 0], ['5.', 0], ['6.', 0]
		]);
		expect(art6?.blocks[5].text).toBe('Appropriate housing;');
		// UNTOC art. 2: "i)" after "h)" is a letter; C097 art. 6: "(i)" under "(a)" is a roman sub-item
		const untoc2 = await articles.find(db, { instrument: 'untoc', number: '2' });
		expect(untoc2?.blocks.find((b) => b.marker === 'i)')?.depth).toBe(1);
		const c097 = await articles.find(db, { instrument: 'ilo-c097', number: '6' });
		expect(c097?.blocks.find((b) => b.marker === '(i)')).toMatchObject({ depth: 2, text: expect.stringMatching(/^remuneration, including family allowances/) });
	});

	it('are not made up for instruments whose text is not in the record', async () => {
		expect(await articles.list(db, { instrument: 'actip' })).toEqual([]);
		expect(await articles.list(db, { instrument: 'ilo-c029' })).toEqual([]);
	});
});

describe('the article page', () => {
	it('shows one article, with its instrument', async () => {
		const page = await visit('trafficking-protocol', '6');
		expect(page.status).toBe(200);
		expect(page.data?.instrument.shortTitle).toBe('Trafficking in Persons Protocol');
		expect(page.data?.article.title).toBe('Assistance to and protection of victims of trafficking in persons');
	});

	it('answers 404 for an article the text does not have, saying how many it has', async () => {
		const page = await visit('trafficking-protocol', '21');
		expect(page.status).toBe(404);
		expect(page.message).toBe('Trafficking in Persons Protocol has no Article 21: its text has 20 articles, Article 1 to Article 20.');
	});

	it('answers 404 naming a malformed number, cut short when long', async () => {
		expect(await visit('trafficking-protocol', 'six')).toMatchObject({ status: 404, message: expect.stringMatching(/^"six" is not an article number/) });
		const long = await visit('trafficking-protocol', 'x'.repeat(9000));
		expect(long.status).toBe(404);
		expect(long.message!.length).toBeLessThan(200);
	});

	it('says when the text of the instrument is not in the record', async () => {
		expect(await visit('actip', '1')).toMatchObject({ status: 404, message: 'The text of ACTIP is not in the record, so there is no Article 1 to show.' });
		expect((await visit('no-such-treaty', '1')).status).toBe(404);
	});
});

describe('loading the texts', () => {
	async function failedSeed(dir: string): Promise<LoadError> {
		const fresh = createDb(await emptyDatabase());
		await migrateToLatest(fresh);
		const error = await seed(fresh, { dataDir: dir }).then(() => null, (e: unknown) => e);
		expect(error).toBeInstanceOf(LoadError);
		const { n } = await fresh.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		expect(Number(n)).toBe(0); // nothing half-loaded
		return error as LoadError;
	}

	it('stops when a title in the text differs from the derived list, naming the file and line', async () => {
		await withDataCopy(async (dir) => {
			const path = join(dir, TIP);
			const text = readFileSync(path, 'utf8');
			writeFileSync(path, text.replace('####Assistance to and protection of victims of trafficking in persons', '####Assistance to victims'));
			const error = await failedSeed(dir);
			expect(error.message).toMatch(new RegExp(`^${TIP}:69: `));
			expect(error.message).toMatch(/the title differs/);
		});
	});

	it('stops when the derived list names an article the text does not have', async () => {
		await withDataCopy(async (dir) => {
			const path = join(dir, LIST);
			const lines = readFileSync(path, 'utf8').split('\n');
			// a 21st article of the Trafficking Protocol, after its 20th
			const last = lines.reduce((at, l, i) => (l.startsWith('tip_protocol,') ? i : at), -1);
			lines.splice(last + 1, 0, 'tip_protocol,BWBV0001749,IV — Final provisions,21,Reservations,226');
			writeFileSync(path, lines.join('\n'));
			const error = await failedSeed(dir);
			expect(error.message).toMatch(new RegExp(`^${LIST}:${last + 2}: article 21 .* is not in the text of ${TIP}`));
		});
	});

	it('brings a changed text in again when the database is reopened, keeping each article once', async () => {
		await withDataCopy(async (dir) => {
			const file = join(dir, 'tracker.db');
			const first = await openDatabase(await databaseAt(file), { dataDir: dir });
			const before = await counts(first);
			const id = async (d: Db) =>
				(await d.selectFrom('articles').select('id').where('instrument_slug', '=', 'trafficking-protocol').where('number', '=', '6').executeTakeFirstOrThrow()).id;
			const idBefore = await id(first);
			await first.destroy();
			const path = join(dir, TIP);
			writeFileSync(path, readFileSync(path, 'utf8').replace('5.   Each State Party shall endeavour to provide for the physical safety', '5.   Each State Party shall endeavour to ensure the physical safety'));
			const again = await openDatabase(await databaseAt(file), { dataDir: dir });
			expect(await counts(again)).toEqual(before);
			const art6 = await articles.find(again, { instrument: 'trafficking-protocol', number: '6' });
			expect(art6?.text).toMatch(/^5\. Each State Party shall endeavour to ensure the physical safety/m);
			expect(await id(again)).toBe(idBefore); // what refers to an article (questionnaires) keeps pointing at it
			await again.destroy();
		});
	});
});
