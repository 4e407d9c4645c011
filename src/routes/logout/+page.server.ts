import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as sessions from '$lib/server/accounts/sessions';
import { l } from '$lib/i18n';

// Signing out is a POST (a form button), so that a link or a prefetch cannot sign anyone out.
export const load = (() => redirect(303, l('/'))) satisfies PageServerLoad;

export const actions = {
	default: async ({ cookies, locals }) => {
		await sessions.signOut(locals.db, cookies.get(sessions.SESSION_COOKIE));
		cookies.delete(sessions.SESSION_COOKIE, { path: '/' });
		redirect(303, l('/'));
	}
} satisfies Actions;
