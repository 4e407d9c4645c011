import type { RequestHandler } from './$types';
import { api, body } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';
import { respond } from '$lib/server/http/api-acts';
import { actorOf } from '$lib/server/accounts/identity';
import * as editing from '$lib/server/record/editing';
import { requireApi } from '$lib/server/accounts/permissions';

// Retracts an act read at version `basedOn` (editor, secretariat): it no longer counts, its
// versions stay. 201 with the retracted version, or 409 when someone wrote since.
export const POST: RequestHandler = ({ params, request, locals }) =>
	api(async () => {
		const user = requireApi(locals, 'acts.edit');
		const req = await body(request, schemas.RetractActRequest);
		const outcome = await editing.retract(locals.db, {
			id: Number(params.id),
			basedOn: req.basedOn,
			source: req.source,
			reason: req.reason,
			actor: actorOf(user, locals.address)
		});
		return respond(outcome);
	});
