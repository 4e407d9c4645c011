import type { RequestHandler } from './$types';
import * as status from '$lib/server/record/status';
import * as groups from '$lib/server/record/groups';
import * as toJoin from '$lib/server/views/to-join';
import { api, ok } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import * as schemas from '$lib/server/http/api-schemas';

export const GET: RequestHandler = (event) =>
	api(async () => {
		const { code, asOf } = routes.read(routes.getParticipant, event);
		const db = event.locals.db;
		const found = await status.participant(db, { code, asOf });
		if (!found) return routes.notFound(routes.getParticipant, 'code', event.params.code);
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
			groups: await groups.ofParticipant(db, { code: p.code, asOf }),
			instruments: found.instruments.map((i) => ({
				slug: i.slug,
				status: i.status,
				signature: i.signature,
				consent: i.consent,
				entryIntoForce: i.entryIntoForce,
				dataStatus: i.dataStatus,
				dataAsOf: i.dataAsOf,
				lastKnown: i.lastKnown
			})),
			toJoin: ((await toJoin.forParticipant(db, { code: p.code, asOf })) ?? []).map(({ slug, status, lastKnown, openSince }) => ({ slug, status, lastKnown, openSince }))
		});
	});
