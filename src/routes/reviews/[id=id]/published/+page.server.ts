import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as page from '$lib/server/http/page';
import * as published from '$lib/server/reviews/published';
import { m } from '$lib/paraglide/messages';

// The public page of a published country review: anyone reads it, signed in or not. Before
// publication it does not exist for anyone (the work is on /reviews/{id}, for those taking part).
export const load = (async ({ params, locals, url }) => {
	const { asOf } = page.asOf(url);
	const dated = Boolean(url.searchParams.get('asOf'));
	const review = await published.find(locals.db, Number(params.id), { who: locals.user, asOf: dated ? asOf : undefined });
	if (!review) error(404, dated ? m.reviews_error_not_published_by({ id: params.id, date: asOf }) : m.reviews_error_no_published({ id: params.id }));
	return { review, dated, asOf };
}) satisfies PageServerLoad;
