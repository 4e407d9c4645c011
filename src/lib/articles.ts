// Articles of an instrument's text by their key ("6", "annex-i-3"), and how a reader names them.
import { m } from '$lib/paraglide/messages';

/** The shape of an article's key: "6", or "annex-i-3" for an article of an Annex. */
const NUMBER = /^(annex-([ivx]+)-)?([1-9][0-9]{0,3})$/;

export function isArticleNumber(s: string): boolean {
	return NUMBER.test(s);
}

/** "Article 6"; "Annex I, Article 3" (in the request's language); an unknown shape as "Article <it>". */
export function articleLabel(number: string): string {
	const n = NUMBER.exec(number);
	if (!n) return m.instruments_article_label({ number });
	return n[2] ? m.instruments_annex_article_label({ annex: n[2].toUpperCase(), number: n[3] }) : m.instruments_article_label({ number: n[3] });
}
