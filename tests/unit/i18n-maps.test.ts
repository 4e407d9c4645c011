// Maps in the six languages: the words of the map (tooltips, key, table, file, share card, the
// errors of a map's address) follow the request's language, English stays as it was, and
// right to left the map's words are anchored at their right end while its geometry stays put.
import { beforeAll, describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { freshDb } from './db';
import { inLocale } from './locale';
import type { Db } from '../../src/lib/server/db';
import * as maps from '../../src/lib/server/views/map';
import * as groups from '../../src/lib/server/record/groups';
import * as mapQuery from '../../src/lib/server/http/map-query';
import { stateOn, type MapModel } from '../../src/lib/map/model';
import { groupWords, parts, slot } from '../../src/lib/map/text';
import { m } from '../../src/lib/paraglide/messages';
import StatusMap from '../../src/lib/components/map/StatusMap.svelte';
import MapFigure from '../../src/lib/components/map/MapFigure.svelte';
import StandaloneMap from '../../src/lib/components/map/StandaloneMap.svelte';
import ShareCard from '../../src/lib/components/map/ShareCard.svelte';

let db: Db;
beforeAll(async () => {
	db = await freshDb();
});

const strip = (html: string) => html.replace(/<!--[^]*?-->/g, '');
const titles = (html: string) => [...html.matchAll(/<title>([^<]*)<\/title>/g)].map((t) => t[1]);

async function coe(): Promise<MapModel> {
	const group = (await groups.list(db)).find((g) => g.slug === 'council-of-europe')!;
	return (await maps.model(db, { slug: 'cets-197', group }))!;
}

/** The message a 400 or 404 from `fn` carries. */
async function errorOf(fn: () => unknown): Promise<string> {
	try {
		await fn();
	} catch (e) {
		return (e as { body: { message: string } }).body.message;
	}
	throw new Error('no error');
}

describe('a group named in a sentence', () => {
	it('takes "the" in English unless it is a region, and its own wording in each language', () => {
		const au = groupWords({ slug: 'african-union', name: 'African Union', kind: 'organisation' });
		const europe = groupWords({ slug: 'europe', name: 'Europe', kind: 'region' });
		expect(au.kind).toBe('organisation');
		expect(europe.kind).toBe('region');
		expect(groupWords({ slug: 'african-group', name: 'African Group', kind: 'un-regional-group' }).kind).toBe('group');
		expect(m.maps_readout_outside_group(au)).toBe(' (not in the African Union on this date)');
		expect(m.maps_readout_outside_group(europe)).toBe(' (not in Europe on this date)');
	});

	it('is the name a source gives in the language: the Council of Europe in French, in Russian in quotes', async () => {
		const g = { slug: 'council-of-europe', name: 'Council of Europe', kind: 'organisation' };
		expect(await inLocale('fr', () => m.maps_page_frame_link(groupWords(g)))).toBe("Centrer sur l'organisation Conseil de l'Europe");
		expect(await inLocale('ru', () => m.maps_readout_outside_group(groupWords(g)))).toBe(' (не член организации «Council of Europe» на эту дату)');
	});
});

describe('a sentence with markup in it', () => {
	it('is cut at its slots, in the order the language puts them', async () => {
		const fr = await inLocale('fr', () => m.maps_page_lead({ title: slot('title'), date: slot('date') }));
		expect(parts(fr).map((p) => p.slot ?? p.text)).toEqual([
			'Qui avait signé l’instrument suivant et qui y était devenu partie au '.replace('’', "'"),
			'date',
			'\u00a0: ',
			'title',
			'.'
		]);
		expect(parts(m.maps_page_lead({ title: slot('title'), date: slot('date') })).map((p) => p.slot ?? p.text)).toEqual([
			'Who had signed and joined the ',
			'title',
			' on ',
			'date',
			'.'
		]);
	});
});

describe('the map on a page', () => {
	it('says each State in its tooltip in the language of the request, and in English as before', async () => {
		const asOf = '2010-06-01';
		const draw = async (loc: 'en' | 'fr' | 'ar') =>
			inLocale(loc, async () => {
				const model = (await maps.model(db, { slug: 'trafficking-protocol' }))!;
				return strip(render(StatusMap, { props: { geometry: model.geometry, view: stateOn(model, asOf), title: 't', today: model.today } }).body);
			});
		const [en, fr, ar] = [await draw('en'), await draw('fr'), await draw('ar')];
		expect(titles(en).find((t) => t.startsWith('Germany'))).toMatch(/^Germany: Party \(in force\), since \d+ [A-Z][a-z]+ \d{4}$/);
		expect(titles(fr).find((t) => t.startsWith('Allemagne'))).toMatch(/^Allemagne\u00a0: Partie \(en vigueur\), depuis le \d+ [a-zéû]+ \d{4}$/);
		expect(titles(ar).some((t) => t.startsWith('ألمانيا: '))).toBe(true);
		// the links stay in the reader's language; the shapes are the same in every language
		expect(fr).toContain(`href="/fr/participants/DEU?asOf=${asOf}"`);
		expect(en).toContain(`href="/participants/DEU?asOf=${asOf}"`);
		const d = (html: string) => [...html.matchAll(/ d="([^"]+)"/g)].map((x) => x[1]);
		expect(d(ar)).toEqual(d(en));
	});

	it('keys, counts and tables a group’s map in French and Arabic, and as before in English', async () => {
		const draw = async (loc: 'en' | 'fr' | 'ar') => inLocale(loc, async () => strip(render(MapFigure, { props: { model: await coe(), asOf: '2015-06-01' } }).body));
		const text = (html: string) => html.replace(/<title>[^<]*<\/title>/g, '').replace(/<[^>]+>/g, '').replace(/[ \t\n]+/g, ' ');
		const en = text(await draw('en'));
		expect(en).toContain('18 parties, of which 18 in force, among 47 members of the Council of Europe; 29 not in our record, so at least that many parties.');
		expect(en).toContain('The map as a table (47 rows)');
		expect(en).toContain('Skip the map (');
		const fr = text(await draw('fr'));
		expect(fr).toContain('Parties\u00a0: 18 (en vigueur pour 18) sur 47 membres de l\'organisation Conseil de l\'Europe');
		expect(fr).toContain('La carte sous forme de tableau (47 lignes)');
		const ar = text(await draw('ar'));
		expect(ar).toContain('الخريطة في شكل جدول (47 صفًا)');
		expect(ar).toContain('الأطراف: 18');
	});
});

describe('the map as a file and as a picture', () => {
	it('writes the SVG file’s title, key and summary in the language, right to left anchored at the right margin', async () => {
		const draw = async (loc: 'en' | 'fr' | 'ar') =>
			inLocale(loc, async () => strip(render(StandaloneMap, { props: { model: (await maps.model(db, { slug: 'trafficking-protocol' }))!, asOf: '2010-06-01', credit: 'c' } }).body));
		const en = await draw('en');
		expect(en).toContain('Trafficking in Persons Protocol: who had signed and joined');
		expect(en).toMatch(/Status on 1 June 2010 · record as of /);
		expect(en).toContain('Consent deposited: <tspan font-weight="700">');
		expect(en).toMatch(/\d+ parties, of which \d+ in force, among \d+ participants/);
		expect(en).not.toContain('text-anchor');
		const fr = await draw('fr');
		expect(fr).toContain('qui avait signé et qui y était devenu partie');
		expect(fr).toContain('Situation au 1 juin 2010');
		const ar = await draw('ar');
		expect(ar).toContain('text-anchor="end"');
		expect(ar).toContain('\u2067الوضع حتى تاريخ');
		// the map itself is not mirrored
		const map = (svg: string) => svg.match(/<svg class="status-map[^]*?<\/svg>/)![0].replace(/<title[^>]*>[^<]*<\/title>/g, '');
		expect(map(ar)).toBe(map(en));
	});

	it('draws the share card’s words in the language, the figures on the left right to left', async () => {
		const en = await inLocale('en', async () => strip(render(ShareCard, { props: { model: await coe(), asOf: '2015-06-01' } }).body));
		expect(en).toContain('Who had signed and joined on 1 June 2015');
		expect(en).toContain('of the 47 members of<tspan x="0" dy="26">the Council of Europe</tspan>');
		expect(en).toContain('translate(880, 230)');
		const fr = await inLocale('fr', async () => strip(render(ShareCard, { props: { model: await coe(), asOf: '2015-06-01' } }).body));
		expect(fr).toContain('Qui avait signé et qui y était devenu partie au 1 juin 2015');
		expect(fr).toContain('Parties au moins');
		const ar = await inLocale('ar', async () => strip(render(ShareCard, { props: { model: await coe(), asOf: '2015-06-01' } }).body));
		expect(ar).toContain('translate(40, 230)');
		expect(ar).toContain('من وقّع ومن انضم حتى تاريخ');
		expect(ar).toContain('لم ينضموا بعد');
	});
});

describe("a map's address asked for wrongly", () => {
	it('says what is wrong in the language of the request', async () => {
		const url = new URL('http://x/map/untoc?highlight=loud');
		expect(await errorOf(() => mapQuery.highlight(url))).toBe('There is no highlight "loud": "not-joined" picks out who has not joined, "status" colours each status.');
		expect(await inLocale('fr', () => errorOf(() => mapQuery.highlight(url)))).toBe(
			'Il n\'existe aucune mise en évidence «\u00a0loud\u00a0»\u00a0: «\u00a0not-joined\u00a0» met en évidence ceux qui ne sont pas parties, «\u00a0status\u00a0» colore chaque situation.'
		);
		expect(await inLocale('ar', () => errorOf(() => mapQuery.height(new URL('http://x/?height=9'))))).toBe('الارتفاع «9» ليس عددًا صحيحًا من البكسلات بين 120 و4000.');
		expect(await inLocale('fr', () => errorOf(() => mapQuery.group(db, new URL('http://x/?group=nowhere'))))).toMatch(/^Il n'existe aucun groupe «\u00a0nowhere\u00a0»/);
	});
});
