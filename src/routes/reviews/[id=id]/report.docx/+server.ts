import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { require } from '$lib/server/accounts/permissions';
import { reportData } from '$lib/server/reviews/report-data';
import { reportDocx, reportFileName } from '$lib/server/reviews/report-docx';
import * as reviews from '$lib/server/reviews/reviews';
import { today } from '$lib/dates';
import { m } from '$lib/paraglide/messages';

// The report as a Word document, for those who take part in the review.
export const GET: RequestHandler = async ({ params, locals, url }) => {
	// a download a person asks for in a browser: signed out, to the sign-in page and back
	const user = require(locals, url, 'reviews.take-part');
	const review = await reviews.readable(locals.db, Number(params.id), user);
	if (!review) error(404, m.reviews_error_no_review_yours({ id: params.id }));
	const data = reportData(review, today());
	return new Response(new Uint8Array(await reportDocx(data)), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'content-disposition': `attachment; filename="${reportFileName(data)}"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
