import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as articles from '$lib/server/record/articles';
import * as records from '$lib/server/record/record';
import * as page from '$lib/server/http/page';
import { l, instrumentName } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { articleLabel } from '$lib/articles';

/** A value from the address, shown in a message without letting a long one flood it. */
const shown = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

export const load = (async ({ url, params, locals }) => {
	const { asOf, today } = page.asOf(url);
	const instrument = (await records.get(locals.db)).instruments.get(params.slug)?.instrument;
	if (!instrument) error(404, m.instruments_not_found({ slug: shown(params.slug) }));
	const name = instrumentName(instrument.slug, instrument.short_title).text;
	// "06" is article 6
	if (/^0+[1-9]\d*$/.test(params.n)) redirect(308, l(`/instruments/${params.slug}/articles/${Number(params.n)}${url.search}`));
	if (!articles.isNumber(params.n)) {
		error(404, m.instruments_not_an_article_number({ number: shown(params.n) }));
	}
	const article = await articles.find(locals.db, { instrument: params.slug, number: params.n });
	if (!article) {
		const all = await articles.list(locals.db, { instrument: params.slug });
		if (all.length === 0) error(404, m.instruments_no_text_no_article({ name, article: articleLabel(params.n) }));
		error(404, m.instruments_no_such_article({ name, article: articleLabel(params.n), count: all.length, shown: String(all.length), first: articleLabel(all[0].number), last: articleLabel(all.at(-1)!.number) }));
	}
	return {
		asOf,
		today,
		instrument: { slug: instrument.slug, shortTitle: instrument.short_title, title: instrument.title, body: instrument.body, reference: instrument.reference },
		article
	};
}) satisfies PageServerLoad;
