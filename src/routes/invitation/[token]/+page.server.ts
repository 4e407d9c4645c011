import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as identity from '$lib/server/accounts/identity';
import * as invitations from '$lib/server/accounts/invitations';
import * as passwords from '$lib/server/accounts/passwords';
import * as sessions from '$lib/server/accounts/sessions';
import { l } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

// The link is the credential until the password is set: the page is never cached, and its
// address is not sent on to other sites (referrer-policy in hooks.server.ts).
export const load = (async ({ locals, params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const found = await invitations.invitation(locals.db, params.token);
	if ('problem' in found) return { problem: found.problem!, account: null, minLength: passwords.MIN_PASSWORD_LENGTH };
	const { email, name, role, participant } = found.user;
	return { problem: null, account: { email, name, role, participant }, minLength: passwords.MIN_PASSWORD_LENGTH };
}) satisfies PageServerLoad;

export const actions = {
	/** Sets the password, then signs the person in with a new session. */
	default: async ({ request, locals, params, cookies, url }) => {
		const form = await request.formData();
		const password = String(form.get('password') ?? '');
		const confirm = String(form.get('confirm') ?? '');
		const found = await invitations.invitation(locals.db, params.token);
		if ('problem' in found) return fail(400, { errors: { token: found.problem! } as Record<string, string> });
		const errors: Record<string, string> = {};
		const problem = password ? passwords.passwordProblem(password, found.user.email) : m.admin_password_choose();
		if (problem) errors.password = identity.sentence(problem);
		if (!confirm) errors.confirm = m.admin_password_again_missing();
		else if (!problem && confirm !== password) errors.confirm = m.admin_passwords_differ();
		if (Object.keys(errors).length) return fail(400, { errors });
		let user;
		try {
			user = await invitations.acceptInvitation(locals.db, { token: params.token, password, address: locals.address });
		} catch (e) {
			if (e instanceof identity.AuthError) return fail(400, { errors: { [e.field]: identity.sentence(e.message) } as Record<string, string> });
			throw e;
		}
		// Whoever was signed in on this browser is not any more: a new session, for this person.
		await sessions.signOut(locals.db, cookies.get(sessions.SESSION_COOKIE));
		const { token, expires } = await sessions.createSession(locals.db, { userId: user.id, address: locals.address, userAgent: request.headers.get('user-agent') });
		cookies.set(sessions.SESSION_COOKIE, token, sessions.sessionCookie(url, expires));
		redirect(303, l('/account?welcome'));
	}
} satisfies Actions;
