import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as articles from '$lib/server/record/articles';
import * as records from '$lib/server/record/record';
import * as page from '$lib/server/http/page';

/** A value from the address, shown in a message without letting a long one flood it. */
const shown = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

export const load = (async ({ url, params, locals }) => {
	const { asOf, today } = page.asOf(url);
	const instrument = (await records.get(locals.db)).instruments.get(params.slug)?.instrument;
	if (!instrument) error(404, `There is no instrument "${shown(params.slug)}".`);
	const name = instrument.short_title;
	// "06" is article 6
	if (/^0+[1-9]\d*$/.test(params.n)) redirect(308, `/instruments/${params.slug}/articles/${Number(params.n)}${url.search}`);
	if (!articles.isNumber(params.n)) {
		error(404, `"${shown(params.n)}" is not an article number: articles are numbered 1, 2, 3…, and an Annex's articles annex-i-1, annex-i-2…`);
	}
	const article = await articles.find(locals.db, { instrument: params.slug, number: params.n });
	if (!article) {
		const all = await articles.list(locals.db, { instrument: params.slug });
		if (all.length === 0) error(404, `The text of ${name} is not in the record, so there is no ${articles.label(params.n)} to show.`);
		error(404, `${name} has no ${articles.label(params.n)}: its text has ${all.length} articles, ${all[0].label} to ${all.at(-1)!.label}.`);
	}
	return {
		asOf,
		today,
		instrument: { slug: instrument.slug, shortTitle: name, title: instrument.title, body: instrument.body, reference: instrument.reference },
		article
	};
}) satisfies PageServerLoad;
