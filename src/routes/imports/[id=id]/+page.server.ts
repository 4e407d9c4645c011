import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as flash from '$lib/server/http/flash';
import { require } from '$lib/server/accounts/permissions';
import * as importView from '$lib/server/sources/import-view';
import { m } from '$lib/paraglide/messages';

// One import as it was applied: who brought which file into which instrument, and the acts it wrote.
export const load = (async ({ params, locals, url, cookies }) => {
	const user = require(locals, url, 'audit.read');
	const applied = await importView.applied(locals.db, Number(params.id));
	if (!applied) error(404, m.admin_imports_none({ id: params.id }));
	return { flash: flash.take(cookies, url.pathname, user.id), ...applied };
}) satisfies PageServerLoad;
