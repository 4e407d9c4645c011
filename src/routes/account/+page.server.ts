import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as origin from '$lib/server/http/origin';
import * as identity from '$lib/server/accounts/identity';
import * as passwords from '$lib/server/accounts/passwords';
import * as sessions from '$lib/server/accounts/sessions';
import * as tokens from '$lib/server/accounts/tokens';
import * as users from '$lib/server/accounts/users';
import * as flash from '$lib/server/http/flash';
import { require } from '$lib/server/accounts/permissions';
import { l, number } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

export const load = (async ({ locals, url, cookies, setHeaders }) => {
	const me = require(locals, url, 'account.own');
	const shown = flash.take(cookies, '/account', me.id);
	// A new token is shown on this response only: no cache keeps it.
	setHeaders({ 'cache-control': 'no-store' });
	return {
		me,
		welcome: url.searchParams.has('welcome'),
		notice: shown?.notice ?? null,
		newToken: shown?.token ?? null,
		tokens: await tokens.listTokens(locals.db, me),
		minLength: passwords.MIN_PASSWORD_LENGTH,
		origin: origin.forPerson(url)
	};
}) satisfies PageServerLoad;

export const actions = {
	/** A new password, given the current one; the account's other sessions end. */
	password: async ({ request, locals, url, cookies }) => {
		const me = require(locals, url, 'account.own');
		const form = await request.formData();
		const current = String(form.get('current') ?? '');
		const password = String(form.get('password') ?? '');
		const confirm = String(form.get('confirm') ?? '');
		const errors: Record<string, string> = {};
		if (!current) errors.current = m.admin_account_current_missing();
		const problem = password ? passwords.passwordProblem(password, me.email) : m.admin_account_new_password_choose();
		if (problem) errors.password = identity.sentence(problem);
		if (!confirm) errors.confirm = m.admin_account_new_password_again_missing();
		else if (!problem && confirm !== password) errors.confirm = m.admin_account_new_passwords_differ();
		if (Object.keys(errors).length) return fail(400, { form: 'password', errors });
		let ended;
		try {
			ended = await users.changePassword(locals.db, { user: me, current, password, keep: cookies.get(sessions.SESSION_COOKIE), address: locals.address });
		} catch (e) {
			if (e instanceof identity.AuthError) return fail(400, { form: 'password', errors: { [e.field]: identity.sentence(e.message) } });
			throw e;
		}
		const n = ended.endedSessions;
		const t = ended.revokedTokens;
		flash.put(cookies, url, '/account', {
			for: me.id,
			notice: [
				m.admin_account_password_changed(),
				n ? m.admin_account_sessions_ended({ count: n, shown: number(n) }) : null,
				t ? m.admin_account_tokens_revoked({ count: t, shown: number(t) }) : null
			]
				.filter(Boolean)
				.join(' ')
		});
		redirect(303, l('/account'));
	},

	/** A personal API token, shown once on the page the redirect leads to. */
	createToken: async ({ request, locals, url, cookies }) => {
		const me = require(locals, url, 'tokens.own');
		const form = await request.formData();
		const name = String(form.get('name') ?? '').trim();
		if (name.length > 100) return fail(400, { form: 'token', name: name.slice(0, 100), errors: { name: m.admin_name_too_long({ max: 100 }) } as Record<string, string> });
		let created;
		try {
			created = await tokens.createToken(locals.db, { user: me, name, address: locals.address });
		} catch (e) {
			if (e instanceof identity.AuthError) return fail(400, { form: 'token', name, errors: { [e.field]: identity.sentence(e.message) } });
			throw e;
		}
		flash.put(cookies, url, '/account', { for: me.id, token: { id: created.id, name, value: created.token } });
		redirect(303, l('/account#tokens'));
	},

	revokeToken: async ({ request, locals, url, cookies }) => {
		const me = require(locals, url, 'tokens.own');
		const form = await request.formData();
		const id = Number(form.get('id'));
		if (!Number.isInteger(id) || id < 1) return fail(400, { form: 'revoke', errors: { revoke: m.admin_account_token_id_missing() } as Record<string, string> });
		const token = (await tokens.listTokens(locals.db, me)).find((t) => t.id === id);
		// Someone else's token is, to this person, no token at all.
		if (!token) error(404, m.admin_account_no_token({ id }));
		if (token.revoked_at === null) await tokens.revokeToken(locals.db, { user: me, id, address: locals.address });
		flash.put(cookies, url, '/account', { for: me.id, notice: m.admin_account_token_revoked({ name: token.name }) });
		redirect(303, l('/account#tokens'));
	}
} satisfies Actions;
