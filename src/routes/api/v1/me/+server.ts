import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, conform } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import * as schemas from '$lib/server/http/api-schemas';
import { requireApi } from '$lib/server/accounts/permissions';

// Who the API takes the caller for: a script checks its token here before it changes anything.
export const GET: RequestHandler = (event) =>
	api(async () => {
		const me = requireApi(event.locals, 'account.own');
		routes.read(routes.getMe, event);
		const body = conform(schemas.Me, { email: me.email, name: me.name, role: me.role, participant: me.participant });
		return json(body, { headers: { 'cache-control': 'private, no-store' } });
	});
