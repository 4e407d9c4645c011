import type { LayoutServerLoad } from './$types';
import { can } from '$lib/server/accounts/permissions';
import * as origin from '$lib/server/http/origin';

// Who is signed in, for the header; null for the public.
export const load = (({ locals }) => ({
	// the site's configured origin for links written for others (null: paths only, see $lib/site)
	origin: origin.configured(),
	user: locals.user ? { email: locals.user.email, role: locals.user.role, participant: locals.user.participant } : null,
	// The header links only to what the person may use; the pages check for themselves.
	manageUsers: can(locals.user, 'users.manage'),
	readAudit: can(locals.user, 'audit.read'),
	runImports: can(locals.user, 'imports.run'),
	takePart: can(locals.user, 'reviews.take-part')
})) satisfies LayoutServerLoad;
