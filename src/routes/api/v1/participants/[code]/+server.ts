import type { RequestHandler } from './$types';
import * as status from '$lib/server/record/status';
import * as groups from '$lib/server/record/groups';
import * as query from '$lib/server/text/query';
import { api, apiError, ok } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';

export const GET: RequestHandler = ({ url, params, locals }) =>
	api(async () => {
		const asOf = query.asOf(url);
		const found = await status.participant(locals.db, { code: params.code.toUpperCase(), asOf });
		if (!found) return apiError(404, `no participant with code "${query.quote(params.code)}" (ISO 3166-1 alpha-3, or EUU for the European Union)`);
		const p = found.participant;
		return ok(schemas.Participant, {
			asOf,
			code: p.code,
			name: p.name,
			kind: p.kind,
			since: p.since ? { date: p.since, precision: p.since_precision, source: p.since_source_id } : null,
			iso2: p.iso2,
			numeric: p.numeric,
			region: p.region,
			subregion: p.subregion,
			groups: await groups.ofParticipant(locals.db, { code: p.code, asOf }),
			instruments: found.instruments.map((i) => ({
				slug: i.slug,
				status: i.status,
				signature: i.signature,
				consent: i.consent,
				entryIntoForce: i.entryIntoForce,
				dataStatus: i.dataStatus,
				dataAsOf: i.dataAsOf
			}))
		});
	});
