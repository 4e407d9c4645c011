import type { RequestHandler } from './$types';
import * as atom from '$lib/server/http/atom';
import * as origin from '$lib/server/http/origin';
import * as published from '$lib/server/reviews/published';

// Published country reviews, newest first: each entry links to the review's public page.
export const GET: RequestHandler = async ({ locals }) => {
	const list = await published.list(locals.db);
	return atom.response(
		atom.document({
			origin: origin.configured(),
			self: '/reviews/feed.atom',
			alternate: '/reviews',
			title: 'Treaty Tracker: published country reviews',
			subtitle: 'Country reviews of the implementation of the Convention against Transnational Organized Crime and its Protocols, as each is published.',
			entries: list.map((r) => ({
				id: atom.idOf(`/reviews/${r.id}/published`),
				title: `Country review of ${r.state.name}: ${r.cluster.title}`,
				updated: atom.timestamp(r.published ?? r.timeline[0].on ?? '1970-01-01'),
				alternate: `/reviews/${r.id}/published`,
				related: `/participants/${r.state.code}`,
				category: r.cycle.id,
				summary: r.summary ?? `Published on ${r.published}.`
			}))
		})
	);
};
