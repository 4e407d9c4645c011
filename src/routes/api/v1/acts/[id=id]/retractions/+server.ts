import type { RequestHandler } from './$types';
import { api, body } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import { respond } from '$lib/server/http/api-acts';
import { actorOf } from '$lib/server/accounts/identity';
import * as editing from '$lib/server/record/editing';
import { requireApi } from '$lib/server/accounts/permissions';

// Retracts an act read at version `basedOn` (editor, secretariat): it no longer counts, its
// versions stay. 201 with the retracted version, or 409 when someone wrote since.
export const POST: RequestHandler = (event) =>
	api(async () => {
		const user = requireApi(event.locals, 'acts.edit');
		const { id } = routes.read(routes.retractAct, event);
		const req = await body(event.request, routes.retractAct.body.schema);
		const outcome = await editing.retract(event.locals.db, {
			id,
			basedOn: req.basedOn,
			source: req.source,
			reason: req.reason,
			actor: actorOf(user, event.locals.address)
		});
		return respond(outcome);
	});
