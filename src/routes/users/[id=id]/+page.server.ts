import { error, fail, redirect } from '@sveltejs/kit';
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

async function account(locals: App.Locals, id: string) {
	const found = await users.findUser(locals.db, Number(id));
	if (!found) error(404, m.admin_users_no_account({ id }));
	return found;
}

export const load = (async ({ locals, url, params, cookies, setHeaders }) => {
	const me = require(locals, url, 'users.manage');
	const found = await account(locals, params.id);
	const shown = flash.take(cookies, '/users', me.id);
	// An invitation link is a password-to-be: never kept by a cache.
	if (shown) setHeaders({ 'cache-control': 'no-store' });
	return {
		account: found,
		self: found.id === me.id,
		invitation: shown?.invitation?.userId === found.id ? shown.invitation : null,
		notice: shown?.notice ?? null,
		participants: byName((await participants.list(locals.db)).map((p) => ({ code: p.code, name: stateName(p.code, p.name) }))),
		invitationDays: invitations.INVITATION_DAYS
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Role, participant, name, disabled: from the version the form was made from, or a conflict. */
	update: async ({ request, locals, url, params, cookies }) => {
		const by = require(locals, url, 'users.manage');
		const form = await request.formData();
		const values = {
			role: String(form.get('role') ?? ''),
			participant: String(form.get('participant') ?? ''),
			name: String(form.get('name') ?? '').trim(),
			disabled: form.get('disabled') === 'on',
			// the version the form was made from: its digits, or none (an empty field is not version 0)
			version: /^\d{1,9}$/.test(String(form.get('version') ?? '')) ? Number(form.get('version')) : NaN
		};
		// a participant belongs to a focal point's or a reviewer's account only: left out for the others
		if (values.role && !(users.ROLES_OF_A_STATE as readonly string[]).includes(values.role)) values.participant = '';
		const errors: Record<string, string> = {};
		if (!values.role) errors.role = m.admin_users_role_of_account_missing();
		if (values.name.length > users.MAX_NAME_LENGTH) errors.name = m.admin_name_too_long({ max: users.MAX_NAME_LENGTH });
		if (!Number.isInteger(values.version)) errors.version = m.admin_users_version_missing();
		if (Object.keys(errors).length) return fail(400, { values: users.refill(values), errors });
		await account(locals, params.id);
		let result;
		try {
			result = await users.updateUser(locals.db, { ...values, id: Number(params.id), by, address: locals.address });
		} catch (e) {
			if (e instanceof identity.AuthError) return fail(400, { values: users.refill(values), errors: { [e.field]: identity.sentence(e.message) } });
			throw e;
		}
		if (!result.ok) {
			// Someone saved this account after the form was loaded: show what it is now, and the
			// form with what this person asked for, to apply again against the new version.
			return fail(409, { values: users.refill({ ...values, version: result.current.version }), errors: {}, conflict: result.current });
		}
		flash.put(cookies, url, '/users', { for: by.id, notice: m.admin_users_saved({ email: result.account.email }) });
		redirect(303, l(`/users/${params.id}`));
	},

	/** A new invitation link for an account that never set its password; the old links stop working. */
	reinvite: async ({ locals, url, params, cookies }) => {
		const by = require(locals, url, 'users.manage');
		await account(locals, params.id);
		let invited;
		try {
			invited = await invitations.reinvite(locals.db, { id: Number(params.id), by, address: locals.address });
		} catch (e) {
			if (e instanceof identity.AuthError) return fail(400, { errors: { reinvite: identity.sentence(e.message) } });
			throw e;
		}
		flash.put(cookies, url, '/users', {
			for: by.id,
			invitation: { userId: invited.user.id, email: invited.user.email, link: origin.forPerson(url) + l(`/invitation/${invited.token}`), expires: invited.expires.toISOString() }
		});
		redirect(303, l(`/users/${params.id}`));
	}
} satisfies Actions;
