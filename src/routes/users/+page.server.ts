import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as origin from '$lib/server/http/origin';
import * as identity from '$lib/server/accounts/identity';
import * as invitations from '$lib/server/accounts/invitations';
import * as users from '$lib/server/accounts/users';
import * as flash from '$lib/server/http/flash';
import * as participants from '$lib/server/record/participants';
import { require } from '$lib/server/accounts/permissions';
import { collate, l, locale, stateName } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

/** Participants by their name in the request's language (English keeps the record's order). */
function byName<T extends { name: string }>(list: T[]): T[] {
	return locale() === 'en' ? list : [...list].sort((a, b) => collate(a.name, b.name));
}

export const load = (async ({ locals, url }) => {
	require(locals, url, 'users.manage');
	const [accounts, all] = await Promise.all([users.listUsers(locals.db), participants.list(locals.db)]);
	return {
		accounts,
		participants: byName(all.map((p) => ({ code: p.code, name: stateName(p.code, p.name) }))),
		invitationDays: invitations.INVITATION_DAYS
	};
}) satisfies PageServerLoad;

export const actions = {
	/** An account without a password, and a link (shown once, on the account's page) to set one. */
	invite: async ({ request, locals, url, cookies }) => {
		const by = require(locals, url, 'users.manage');
		const form = await request.formData();
		const values = {
			email: String(form.get('email') ?? '').trim(),
			name: String(form.get('name') ?? '').trim(),
			role: String(form.get('role') ?? ''),
			participant: String(form.get('participant') ?? '')
		};
		const errors: Record<string, string> = {};
		if (!values.email) errors.email = m.admin_users_email_missing();
		else if (identity.emailProblem(values.email)) errors.email = identity.sentence(identity.emailProblem(values.email)!);
		if (!values.role) errors.role = m.admin_users_role_missing();
		if (values.name.length > users.MAX_NAME_LENGTH) errors.name = m.admin_name_too_long({ max: users.MAX_NAME_LENGTH });
		// A participant chosen for another role is a slip of the form, not a request: ignored.
		// a participant belongs to a focal point's or a reviewer's account only: left out for the others
		if (values.role && !(users.ROLES_OF_A_STATE as readonly string[]).includes(values.role)) values.participant = '';
		if (Object.keys(errors).length) return fail(400, { values: users.refill(values), errors });
		let invited;
		try {
			invited = await invitations.invite(locals.db, { ...values, by, address: locals.address });
		} catch (e) {
			if (e instanceof identity.AuthError) return fail(400, { values: users.refill(values), errors: { [e.field]: identity.sentence(e.message) } });
			throw e;
		}
		flash.put(cookies, url, '/users', {
			for: by.id,
			invitation: { userId: invited.user.id, email: invited.user.email, link: origin.forPerson(url) + l(`/invitation/${invited.token}`), expires: invited.expires.toISOString() }
		});
		redirect(303, l(`/users/${invited.user.id}`));
	}
} satisfies Actions;

