import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as auth from '$lib/server/auth';

// Signing out is a POST (a form button), so that a link or a prefetch cannot sign anyone out.
export const load = (() => redirect(303, '/')) satisfies PageServerLoad;

export const actions = {
	default: async ({ cookies, locals }) => {
		await auth.signOut(locals.db, cookies.get(auth.SESSION_COOKIE));
		cookies.delete(auth.SESSION_COOKIE, { path: '/' });
		redirect(303, '/');
	}
} satisfies Actions;
