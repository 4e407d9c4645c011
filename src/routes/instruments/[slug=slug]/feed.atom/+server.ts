import type { RequestHandler } from './$types';
import * as records from '$lib/server/record/record';
import * as changes from '$lib/server/record/changes';
import * as atom from '$lib/server/http/atom';
import * as origin from '$lib/server/http/origin';
import { apiError } from '$lib/server/http/api';
import { quote } from '$lib/server/text/query';

/** The 100 newest participation events of one instrument. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const ir = (await records.get(locals.db)).instruments.get(params.slug);
	if (!ir) return apiError(404, `There is no instrument "${quote(params.slug)}".`);
	const page = `/instruments/${params.slug}`;
	return atom.response(
		atom.feed({
			origin: origin.configured(),
			self: `${page}/feed.atom`,
			alternate: page,
			title: `Treaty Tracker: ${ir.instrument.short_title}`,
			subtitle: `Signatures, ratifications and accessions: ${ir.instrument.title}.`,
			changes: await changes.recent(locals.db, { slug: params.slug, limit: 100 })
		})
	);
};
