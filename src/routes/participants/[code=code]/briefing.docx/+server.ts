// A State's standing as a Word file, for a delegation's brief.
import type { RequestHandler } from './$types';
import * as briefing from '$lib/server/views/briefing';
import { briefingDocx, briefingFileName } from '$lib/server/views/briefing-docx';
import * as query from '$lib/server/text/query';
import * as origin from '$lib/server/http/origin';
import { api, apiError } from '$lib/server/http/api';
import { absolute } from '$lib/site';

export const GET: RequestHandler = ({ url, params, locals }) =>
	api(async () => {
		const asOf = query.asOf(url);
		const b = await briefing.forParticipant(locals.db, { code: params.code.toUpperCase(), asOf });
		if (!b) return apiError(404, `There is no participant with the code "${query.quote(params.code)}".`);
		// a stored answer: the address in it is absolute only with the configured origin
		const site = origin.configured();
		const body = await briefingDocx(b, site ? absolute(site, `/participants/${b.participant.code}?asOf=${asOf}`) : null);
		return new Response(new Uint8Array(body), {
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				'content-disposition': `attachment; filename="${briefingFileName(b)}"`
			}
		});
	});
