import type { RequestHandler } from './$types';
import { api, body } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';
import { fromApi, respond } from '$lib/server/http/api-acts';
import { actorOf } from '$lib/server/accounts/identity';
import * as editing from '$lib/server/record/editing';
import { requireApi } from '$lib/server/accounts/permissions';

// Corrects an act from the version the script read (editor, secretariat): 201 with the new
// version, or 409 with the act as it now stands when someone wrote since.
export const POST: RequestHandler = ({ params, request, locals }) =>
	api(async () => {
		const user = requireApi(locals, 'acts.edit');
		const req = await body(request, schemas.CorrectActRequest);
		const outcome = await editing.correct(locals.db, {
			id: Number(params.id),
			basedOn: req.basedOn,
			changes: fromApi(req.changes),
			source: req.source,
			reason: req.reason,
			actor: actorOf(user, locals.address),
			confirmed: req.confirm === true
		});
		return respond(outcome);
	});
