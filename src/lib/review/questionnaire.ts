// The words of a country review's questionnaire: each item's title, its question and the
// guidance under it, in the review's working language — whatever the language of the page they
// are read on (its answers are the State's own, in whatever language it typed them).
import { m } from '$lib/paraglide/messages';
import { instrumentName, stateName, type Locale } from '$lib/i18n';

export interface ItemWords {
	/** "Trafficking in Persons Protocol, article 5" */
	title: string;
	/** "What has India done to implement article 5 of the Trafficking in Persons Protocol?" */
	question: string;
	guidance: string;
	/** "Read the article:", before the link to it */
	readArticle: string;
}

export function itemWords(
	review: { language: Locale; state: { code: string; name: string } },
	item: { instrument: string; instrumentTitle: string; article: string }
): ItemWords {
	const o = { locale: review.language };
	const instrument = instrumentName(item.instrument, item.instrumentTitle, review.language).text;
	return {
		title: m.reviews_q_item({ instrument, article: item.article }, o),
		question: m.reviews_q_question({ state: stateName(review.state.code, review.state.name, review.language), article: item.article, instrument }, o),
		guidance: m.reviews_q_guidance({}, o),
		readArticle: m.reviews_q_read_article({}, o)
	};
}
