import type { RequestHandler } from './$types';
import { api, body } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import { fromApi, respond } from '$lib/server/http/api-acts';
import { actorOf } from '$lib/server/accounts/identity';
import * as editing from '$lib/server/record/editing';
import { requireApi } from '$lib/server/accounts/permissions';

// Corrects an act from the version the script read (editor, secretariat): 201 with the new
// version, or 409 with the act as it now stands when someone wrote since.
export const POST: RequestHandler = (event) =>
	api(async () => {
		const user = requireApi(event.locals, 'acts.edit');
		const { id } = routes.read(routes.correctAct, event);
		const req = await body(event.request, routes.correctAct.body.schema);
		const outcome = await editing.correct(event.locals.db, {
			id,
			basedOn: req.basedOn,
			changes: fromApi(req.changes),
			source: req.source,
			reason: req.reason,
			actor: actorOf(user, event.locals.address),
			confirmed: req.confirm === true
		});
		return respond(outcome);
	});
