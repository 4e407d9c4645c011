// A State's standing as a Word file, for a delegation's brief.
import type { RequestHandler } from './$types';
import * as briefing from '$lib/server/views/briefing';
import { briefingDocx, briefingFileName } from '$lib/server/views/briefing-docx';
import { disposition } from '$lib/server/views/exports';
import * as query from '$lib/server/text/query';
import * as origin from '$lib/server/http/origin';
import { api, apiError } from '$lib/server/http/api';
import { absolute } from '$lib/site';
import { l } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

export const GET: RequestHandler = ({ url, params, locals }) =>
	api(async () => {
		const asOf = query.asOf(url);
		const b = await briefing.forParticipant(locals.db, { code: params.code.toUpperCase(), asOf });
		if (!b) return apiError(404, m.states_error_no_participant({ code: query.quote(params.code) }));
		// a stored answer: the address in it is absolute only with the configured origin
		const site = origin.configured();
		const body = await briefingDocx(b, site ? absolute(site, l(`/participants/${b.participant.code}?asOf=${asOf}`)) : null);
		return new Response(new Uint8Array(body), {
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				// in the request's language, with the code and the date kept as ASCII for any client
				'content-disposition': disposition(briefingFileName(b), `briefing-${b.participant.code}-${asOf}.docx`)
			}
		});
	});
