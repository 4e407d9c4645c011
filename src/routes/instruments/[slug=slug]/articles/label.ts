// An article's label in the request's language: "Article 6", "Annex I, Article 3" (the record's
// own label, $lib/server/record/articles, is English).
import { m } from '$lib/paraglide/messages';

const NUMBER = /^(annex-([ivx]+)-)?([1-9][0-9]{0,3})$/;

/** "Article 6"; "Annex I, Article 3"; an unknown shape as "Article <it>". */
export function articleLabel(number: string): string {
	const n = NUMBER.exec(number);
	if (!n) return m.instruments_article_label({ number });
	return n[2] ? m.instruments_annex_article_label({ annex: n[2].toUpperCase(), number: n[3] }) : m.instruments_article_label({ number: n[3] });
}
