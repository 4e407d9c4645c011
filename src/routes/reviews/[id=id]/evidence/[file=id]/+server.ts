import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { require } from '$lib/server/accounts/permissions';
import * as questionnaire from '$lib/server/reviews/questionnaire';
import * as reviews from '$lib/server/reviews/reviews';
import { m } from '$lib/paraglide/messages';

// An evidence file, only to those who take part in the review, only as an attachment.
export const GET: RequestHandler = async ({ params, locals, url }) => {
	// a download a person asks for in a browser: signed out, to the sign-in page and back
	const user = require(locals, url, 'reviews.take-part');
	const review = await reviews.readable(locals.db, Number(params.id), user);
	if (!review) error(404, m.reviews_error_no_review_yours({ id: params.id }));
	const file = await questionnaire.evidenceFile(locals.db, review.id, Number(params.file));
	if (!file) error(404, m.reviews_error_no_file({ id: String(review.id), file: params.file }));
	return new Response(new Uint8Array(file.content), {
		headers: {
			'content-type': file.media_type,
			'content-disposition': `attachment; filename="${file.name.replace(/[^A-Za-z0-9._-]+/g, '_')}"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
