import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { require } from '$lib/server/accounts/permissions';
import { reportData } from '$lib/server/reviews/report-data';
import * as reviews from '$lib/server/reviews/reviews';
import { today } from '$lib/dates';
import { m } from '$lib/paraglide/messages';

// The report of a review, to read and to print.
export const load = (async ({ params, locals, url }) => {
	const user = require(locals, url, 'reviews.take-part');
	const review = await reviews.readable(locals.db, Number(params.id), user);
	if (!review) error(404, m.reviews_error_no_review_yours({ id: params.id }));
	return { id: review.id, report: reportData(review, today()) };
}) satisfies PageServerLoad;
