import type { RequestHandler } from './$types';
import * as atom from '$lib/server/http/atom';
import * as origin from '$lib/server/http/origin';
import * as published from '$lib/server/reviews/published';
import { l, stateName } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

// Published country reviews, newest first: each entry links to the review's public page (in the
// feed's language; an entry's id is the same in every language: it is the same review).
export const GET: RequestHandler = async ({ locals }) => {
	const list = await published.list(locals.db);
	return atom.response(
		atom.document({
			origin: origin.configured(),
			self: l('/reviews/feed.atom'),
			alternate: l('/reviews'),
			title: m.reviews_feed_published_title(),
			subtitle: m.reviews_feed_published_subtitle(),
			entries: list.map((r) => ({
				id: atom.idOf(`/reviews/${r.id}/published`),
				title: m.reviews_published_title({ state: stateName(r.state.code, r.state.name), cluster: r.cluster.title }),
				updated: atom.timestamp(r.published ?? r.timeline[0].on ?? '1970-01-01'),
				alternate: l(`/reviews/${r.id}/published`),
				related: l(`/participants/${r.state.code}`),
				category: r.cycle.id,
				summary: r.summary ?? m.reviews_feed_published_on({ date: r.published ?? '' })
			}))
		})
	);
};
