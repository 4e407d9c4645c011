import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as identity from '$lib/server/accounts/identity';
import * as sessions from '$lib/server/accounts/sessions';
import { localPath } from '$lib/server/http/origin';
import { ROLE_HOME, type Role } from '$lib/roles';

/** Where to go after signing in: a path on this site, never elsewhere; by default the role's home page (its work). */
function next(url: URL, role?: Role): string {
	const home = role ? ROLE_HOME[role] : '/';
	const asked = url.searchParams.get('next');
	return (asked !== null && localPath(asked, url.origin)) || home;
}

export const load = (async ({ locals, url }) => {
	// Only a destination asked for is carried through the form; without one, the role decides.
	return { user: locals.user, next: url.searchParams.has('next') ? next(url) : null };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, cookies, locals, url }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '');
		const password = String(form.get('password') ?? '');
		const errors: Record<string, string> = {};
		if (!email.trim()) errors.email = 'Give the email address of your account.';
		else if (email.length > identity.MAX_EMAIL_LENGTH) errors.email = `An email address has at most ${identity.MAX_EMAIL_LENGTH} characters.`;
		if (!password) errors.password = 'Give your password.';
		// the form shows what was typed, up to what an email address can be
		if (Object.keys(errors).length) return fail(400, { email: email.slice(0, identity.MAX_EMAIL_LENGTH), errors, throttled: false });
		const result = await sessions.signIn(locals.db, {
			email,
			password,
			address: locals.address,
			userAgent: request.headers.get('user-agent')
		});
		if (!result.ok) return fail(result.throttled ? 429 : 400, { email, errors: { [result.field]: result.message }, throttled: result.throttled });
		// A new session on every sign-in; the one this browser had (if any) ends.
		await sessions.signOut(locals.db, cookies.get(sessions.SESSION_COOKIE));
		cookies.set(sessions.SESSION_COOKIE, result.token, sessions.sessionCookie(url, result.expires));
		redirect(303, next(url, result.user.role));
	}
} satisfies Actions;
