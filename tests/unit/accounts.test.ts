// Managing accounts: the secretariat changes a role or disables an account without losing
// anyone's update, makes a new invitation link, and a person changes their own password.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import * as identity from '../../src/lib/server/accounts/identity';
import * as invitations from '../../src/lib/server/accounts/invitations';
import * as sessions from '../../src/lib/server/accounts/sessions';
import * as tokens from '../../src/lib/server/accounts/tokens';
import * as users from '../../src/lib/server/accounts/users';
import { freshDb } from './db';

const PASSWORD = 'a long enough passphrase';
let db: Db;
let secretariat: identity.SignedIn;
beforeEach(async () => {
	db = await freshDb();
	secretariat = await users.createUser(db, { email: 'secretariat@example.org', role: 'secretariat', password: PASSWORD, actor: 'a test' });
});

const userAudit = () => db.selectFrom('audit_log').select(['action', 'entity_id', 'summary', 'before', 'after', 'address']).where('entity', '=', 'user').orderBy('id').execute();

describe('the list of accounts', () => {
	it('says who signed in last, and until when an invited person’s link works', async () => {
		const now = new Date('2026-11-30T12:00:00Z');
		await invitations.invite(db, { email: 'invited@example.org', role: 'reviewer', participant: 'FRA', by: secretariat, address: null, now });
		await sessions.signIn(db, { email: 'secretariat@example.org', password: PASSWORD, address: null, now: new Date('2026-12-01T09:30:00Z') });
		const [invited, me] = await users.listUsers(db);
		expect(invited).toMatchObject({ email: 'invited@example.org', passwordSet: false, lastSignIn: null, invitationExpires: '2026-12-07T12:00:00.000Z' });
		expect(me).toMatchObject({ email: 'secretariat@example.org', passwordSet: true, lastSignIn: '2026-12-01T09:30:00.000Z', invitationExpires: null, version: 1 });
	});
});

describe('changing an account', () => {
	it('an editor becomes the focal point of India: audited with before and after, the version moves on', async () => {
		const editor = await users.createUser(db, { email: 'editor@example.org', role: 'editor', password: PASSWORD, actor: 'a test' });
		const r = await users.updateUser(db, { id: editor.id, version: 1, role: 'focal-point', participant: 'ind', disabled: false, by: secretariat, address: '192.0.2.1' });
		expect(r).toMatchObject({ ok: true, account: { role: 'focal-point', participant: 'IND', version: 2 } });
		const last = (await userAudit()).at(-1)!;
		expect(last).toMatchObject({ action: 'update', entity_id: String(editor.id), address: '192.0.2.1', summary: 'account editor@example.org: role editor → focal-point; participant none → IND' });
		expect(JSON.parse(last.before!)).toEqual({ role: 'editor', participant: null, name: null, disabled: false });
		expect(JSON.parse(last.after!)).toEqual({ role: 'focal-point', participant: 'IND', name: null, disabled: false });
	});

	it('a stale form changes nothing and gets the account as it now is: no lost update', async () => {
		const editor = await users.createUser(db, { email: 'editor@example.org', role: 'editor', password: PASSWORD, actor: 'a test' });
		const other = await users.createUser(db, { email: 'other@example.org', role: 'secretariat', password: PASSWORD, actor: 'a test' });
		// both load version 1; the other member of the secretariat saves first
		expect((await users.updateUser(db, { id: editor.id, version: 1, role: 'reviewer', participant: 'FRA', disabled: false, by: other, address: null })).ok).toBe(true);
		const stale = await users.updateUser(db, { id: editor.id, version: 1, role: 'editor', disabled: true, by: secretariat, address: null });
		expect(stale).toMatchObject({ ok: false, current: { role: 'reviewer', disabledAt: null, version: 2 } });
		expect((await users.findUser(db, editor.id))!).toMatchObject({ role: 'reviewer', disabledAt: null });
		expect((await userAudit()).filter((e) => e.action === 'update')).toHaveLength(1);
	});

	it('disabling ends the account’s sessions and revokes its tokens; enabling it lets it sign in again, with new tokens only', async () => {
		const editor = await users.createUser(db, { email: 'editor@example.org', role: 'editor', password: PASSWORD, actor: 'a test' });
		const session = await sessions.signIn(db, { email: 'editor@example.org', password: PASSWORD, address: null });
		const { token } = await tokens.createToken(db, { user: editor, name: 'script' });
		await users.updateUser(db, { id: editor.id, version: 1, role: 'editor', disabled: true, by: secretariat, address: null });
		expect(await sessions.sessionUser(db, (session as { token: string }).token)).toBeNull();
		expect(await tokens.tokenUser(db, token)).toBeNull();
		expect((await sessions.signIn(db, { email: 'editor@example.org', password: PASSWORD, address: null })).ok).toBe(false);
		await users.updateUser(db, { id: editor.id, version: 2, role: 'editor', disabled: false, by: secretariat, address: null });
		expect((await sessions.signIn(db, { email: 'editor@example.org', password: PASSWORD, address: null })).ok).toBe(true);
		// a token that may have leaked with the account stays dead
		expect(await tokens.tokenUser(db, token)).toBeNull();
	});

	it.each([
		[{ role: 'reviewer', participant: 'FRA', disabled: false }, 'role', 'you cannot change your own role: ask another member of the secretariat'],
		[{ role: 'secretariat', disabled: true }, 'disabled', 'you cannot disable your own account: ask another member of the secretariat']
	])('nobody locks themselves out: %o', async (change, field, message) => {
		const e = await users.updateUser(db, { id: secretariat.id, version: 1, ...change, by: secretariat, address: null }).catch((x) => x);
		expect(e).toMatchObject({ field, message });
	});

	it('the rules of creating an account hold: a focal point needs a participant that exists', async () => {
		const editor = await users.createUser(db, { email: 'editor@example.org', role: 'editor', password: PASSWORD, actor: 'a test' });
		const e = await users.updateUser(db, { id: editor.id, version: 1, role: 'focal-point', participant: 'XYZ', disabled: false, by: secretariat, address: null }).catch((x) => x);
		expect(e).toMatchObject({ field: 'participant', message: 'there is no participant "XYZ"' });
	});
});

describe('a new invitation link', () => {
	it('replaces the lost or expired one, which stops working; audited', async () => {
		const t0 = new Date('2026-11-01T12:00:00Z');
		const first = await invitations.invite(db, { email: 'late@example.org', role: 'editor', by: secretariat, address: null, now: t0 });
		const t1 = new Date('2026-11-03T12:00:00Z');
		const second = await invitations.reinvite(db, { id: first.user.id, by: secretariat, address: '192.0.2.1', now: t1 });
		expect(second.expires.toISOString()).toBe('2026-11-10T12:00:00.000Z');
		expect(await invitations.invitation(db, first.token, t1)).toEqual({ problem: 'This invitation has expired: ask the secretariat for a new one.' });
		expect(await invitations.invitation(db, second.token, t1)).toMatchObject({ user: { email: 'late@example.org' } });
		expect((await userAudit()).at(-1)).toMatchObject({ action: 'invite', summary: 'account late@example.org: a new invitation, valid until 2026-11-10' });
		await invitations.acceptInvitation(db, { token: second.token, password: PASSWORD, now: t1 });
		const e = await invitations.reinvite(db, { id: first.user.id, by: secretariat, address: null }).catch((x) => x);
		expect(e).toMatchObject({ field: 'id', message: 'late@example.org has set a password already, and signs in with it' });
	});
});

describe('changing one’s own password', () => {
	it('needs the current one; ends the other sessions, keeps this one; audited', async () => {
		const here = (await sessions.signIn(db, { email: 'secretariat@example.org', password: PASSWORD, address: null })) as { token: string };
		const elsewhere = (await sessions.signIn(db, { email: 'secretariat@example.org', password: PASSWORD, address: null })) as { token: string };
		const wrong = await users.changePassword(db, { user: secretariat, current: 'not my password', password: 'a brand new passphrase', keep: here.token, address: null }).catch((x) => x);
		expect(wrong).toMatchObject({ field: 'current', message: 'That is not your current password.' });
		const weak = await users.changePassword(db, { user: secretariat, current: PASSWORD, password: 'short', keep: here.token, address: null }).catch((x) => x);
		expect(weak).toMatchObject({ field: 'password', message: 'a password needs at least 12 characters' });
		expect(await users.changePassword(db, { user: secretariat, current: PASSWORD, password: 'a brand new passphrase', keep: here.token, address: null })).toEqual({ endedSessions: 1, revokedTokens: 0 });
		expect(await sessions.sessionUser(db, here.token)).not.toBeNull();
		expect(await sessions.sessionUser(db, elsewhere.token)).toBeNull();
		expect((await sessions.signIn(db, { email: 'secretariat@example.org', password: PASSWORD, address: null })).ok).toBe(false);
		expect((await sessions.signIn(db, { email: 'secretariat@example.org', password: 'a brand new passphrase', address: null })).ok).toBe(true);
		expect((await userAudit()).at(-1)).toMatchObject({ action: 'change-password', summary: 'account secretariat@example.org: password changed; 1 other session ended, 0 API tokens revoked' });
	});

	it('wrong current passwords count as failed sign-ins: the fifth makes the account wait', async () => {
		for (let i = 0; i < 5; i++) {
			await users.changePassword(db, { user: secretariat, current: `guess ${i}`, password: 'a brand new passphrase', keep: undefined, address: null }).catch(() => {});
		}
		const e = await users.changePassword(db, { user: secretariat, current: PASSWORD, password: 'a brand new passphrase', keep: undefined, address: null }).catch((x) => x);
		expect(e).toMatchObject({ field: 'current', message: expect.stringMatching(/^Too many failed attempts/) });
		expect((await sessions.signIn(db, { email: 'secretariat@example.org', password: PASSWORD, address: null })).ok).toBe(false);
	});
});
