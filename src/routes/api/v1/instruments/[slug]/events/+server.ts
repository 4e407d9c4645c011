import type { RequestHandler } from './$types';
import { api, apiError, body, written } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';
import { fromApi, respond, toApi } from '$lib/server/http/api-acts';
import { actorOf } from '$lib/server/accounts/identity';
import * as editing from '$lib/server/record/editing';
import * as participation from '$lib/server/record/participation';
import { requireApi } from '$lib/server/accounts/permissions';
import { quote } from '$lib/server/text/query';

async function known(locals: App.Locals, slug: string) {
	return locals.db.selectFrom('instruments').select('slug').where('slug', '=', slug).executeTakeFirst();
}

// The instrument's acts with their ids and versions: what a script reads before it corrects one
// (never from a cache, or its `basedOn` would be stale).
export const GET: RequestHandler = ({ params, url, locals }) =>
	api(async () => {
		if (!(await known(locals, params.slug))) return apiError(404, `no instrument with slug "${quote(params.slug)}"; see /api/v1/instruments`);
		const participant = url.searchParams.get('participant')?.toUpperCase() || undefined;
		const acts = await participation.current(locals.db, { instrument: params.slug, participant });
		if (participant && !acts.length && !(await locals.db.selectFrom('participants').select('code').where('code', '=', participant).executeTakeFirst())) {
			return apiError(400, `participant: there is no participant with the code "${participant}"`);
		}
		return written(schemas.ActList, { instrument: params.slug, acts: acts.map(toApi) }, 200);
	});

// Records a new act of the instrument (editor, secretariat): 201 with the act as written.
export const POST: RequestHandler = ({ params, request, locals }) =>
	api(async () => {
		const user = requireApi(locals, 'acts.edit');
		if (!(await known(locals, params.slug))) return apiError(404, `no instrument with slug "${quote(params.slug)}"; see /api/v1/instruments`);
		const req = await body(request, schemas.RecordActRequest);
		const { participant, event, source, reason, confirm, ...attributes } = req;
		const outcome = await editing.record(locals.db, {
			instrument: params.slug,
			participant: participant.toUpperCase(),
			values: { ...fromApi(attributes), event },
			source,
			reason,
			actor: actorOf(user, locals.address),
			confirmed: confirm === true
		});
		return respond(outcome);
	});
