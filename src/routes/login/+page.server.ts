import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as identity from '$lib/server/accounts/identity';
import * as sessions from '$lib/server/accounts/sessions';
import { localPath } from '$lib/server/http/origin';
import { ROLE_HOME, type Role } from '$lib/roles';
import { l } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

/**
 * Where to go after signing in: a path on this site, never elsewhere, in the language of this
 * page; by default the role's home page (its work). Checked again once in the language: taking
 * a prefix off can turn a path of the site into another site's ("/fr//evil.example" → "//evil.example").
 */
function next(url: URL, role?: Role): string {
	const home = l(role ? ROLE_HOME[role] : '/');
	const asked = url.searchParams.get('next');
	const local = asked !== null ? localPath(asked, url.origin) : null;
	const there = local === null ? null : localPath(l(local), url.origin);
	return there !== null && !there.startsWith('//') ? there : home;
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
		if (!email.trim()) errors.email = m.admin_login_email_missing();
		else if (email.length > identity.MAX_EMAIL_LENGTH) errors.email = m.admin_email_too_long({ max: identity.MAX_EMAIL_LENGTH });
		if (!password) errors.password = m.admin_login_password_missing();
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
