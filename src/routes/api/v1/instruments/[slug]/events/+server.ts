import type { RequestHandler } from './$types';
import { api, apiError, body, written } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import * as schemas from '$lib/server/http/api-schemas';
import { fromApi, respond, toApi } from '$lib/server/http/api-acts';
import { actorOf } from '$lib/server/accounts/identity';
import * as editing from '$lib/server/record/editing';
import * as instruments from '$lib/server/record/instruments';
import * as participants from '$lib/server/record/participants';
import * as participation from '$lib/server/record/participation';
import { requireApi } from '$lib/server/accounts/permissions';
import { m } from '$lib/paraglide/messages';

// The instrument's acts with their ids and versions: what a script reads before it corrects one
// (never from a cache, or its `basedOn` would be stale).
export const GET: RequestHandler = (event) =>
	api(async () => {
		const db = event.locals.db;
		const { slug, participant } = routes.read(routes.listActs, event);
		if (!(await instruments.exists(db, slug))) return routes.notFound(routes.listActs, 'slug', slug);
		const acts = await participation.current(db, { instrument: slug, participant });
		if (participant && !acts.length && !(await participants.exists(db, participant))) {
			return apiError(400, `participant: ${m.api_unknown_participant({ value: participant })}`);
		}
		return written(schemas.ActList, { instrument: slug, acts: acts.map(toApi) }, 200);
	});

// Records a new act of the instrument (editor, secretariat): 201 with the act as written.
export const POST: RequestHandler = ({ url, params, request, locals }) =>
	api(async () => {
		const user = requireApi(locals, 'acts.edit');
		const { slug } = routes.read(routes.recordAct, { url, params });
		if (!(await instruments.exists(locals.db, slug))) return routes.notFound(routes.recordAct, 'slug', slug);
		const req = await body(request, routes.recordAct.body.schema);
		const { participant, event, source, reason, confirm, ...attributes } = req;
		const outcome = await editing.record(locals.db, {
			instrument: slug,
			participant: participant.toUpperCase(),
			values: { ...fromApi(attributes), event },
			source,
			reason,
			actor: actorOf(user, locals.address),
			confirmed: confirm === true
		});
		return respond(outcome);
	});
