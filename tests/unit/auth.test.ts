// Accounts, sign-in, sessions, throttling, tokens and invitations, against a real database.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import * as auth from '../../src/lib/server/auth';
import { can, PERMISSIONS, refusal } from '../../src/lib/server/permissions';
import { ROLES } from '../../src/lib/roles';
import * as userCommand from '../../src/lib/server/user-command';
import { freshDb } from './db';

const PASSWORD = 'a long enough passphrase';
let db: Db;
beforeEach(async () => {
	db = await freshDb();
});

async function secretariat() {
	return auth.createUser(db, { email: 'Secretariat@Example.org', role: 'secretariat', password: PASSWORD, actor: 'a test' });
}

describe('accounts', () => {
	it('are stored with an argon2id hash, never the password, and audited', async () => {
		const user = await secretariat();
		expect(user).toMatchObject({ email: 'secretariat@example.org', role: 'secretariat', participant: null });
		const row = await db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
		expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(row.password_hash).not.toContain(PASSWORD);
		const [entry] = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'user').execute();
		expect(entry).toMatchObject({ action: 'create', actor: 'a test', entity_id: String(user.id) });
	});

	it.each([
		[{ email: 'not an address', role: 'editor' }, 'email', '"not an address" is not an email address'],
		[{ email: 'x@example.org', role: 'admin' }, 'role', '"admin" is not a role: secretariat, editor, focal-point or reviewer'],
		[{ email: 'x@example.org', role: 'focal-point' }, 'participant', 'a focal point speaks for one participant: give its code'],
		[{ email: 'x@example.org', role: 'focal-point', participant: 'XYZ' }, 'participant', 'there is no participant "XYZ"'],
		[{ email: 'x@example.org', role: 'editor', password: 'short' }, 'password', 'a password needs at least 12 characters']
	])('refuses %o, naming the field', async (opts, field, message) => {
		const e = await auth.createUser(db, { ...opts, actor: 'a test' } as never).catch((x) => x);
		expect(e).toBeInstanceOf(auth.AuthError);
		expect(e).toMatchObject({ field, message });
	});

	it('names a long mistake without sending it back whole', async () => {
		expect(auth.emailProblem(`${'x'.repeat(9000)}@example.org`)).toBe('an email address has at most 254 characters');
		for (const opts of [{ email: `<script>${'x'.repeat(9000)}`, role: 'editor' }, { email: 'x@example.org', role: 'x'.repeat(9000) }, { email: 'x@example.org', role: 'focal-point', participant: 'x'.repeat(9000) }]) {
			const e = await auth.createUser(db, { ...opts, actor: 'a test' } as never).catch((x) => x);
			expect(e).toBeInstanceOf(auth.AuthError);
			expect(e.message).not.toContain('x'.repeat(41));
		}
		const refilled = auth.refill({ email: 'x'.repeat(9000), name: 'x'.repeat(9000), role: 'x'.repeat(9000), participant: 'x'.repeat(9000) });
		expect([refilled.email, refilled.name, refilled.role, refilled.participant].map((v) => v.length)).toEqual([254, 200, 20, 10]);
	});

	it('a focal point speaks for one participant: India', async () => {
		const fp = await auth.createUser(db, { email: 'fp@example.org', role: 'focal-point', participant: 'ind', password: PASSWORD, actor: 'a test' });
		expect(fp.participant).toBe('IND');
	});
});

describe('signing in', () => {
	it('a right password opens a session whose cookie token is not stored; a wrong one says nothing of which was wrong', async () => {
		await secretariat();
		const wrong = await auth.signIn(db, { email: 'secretariat@example.org', password: 'nope nope nope', address: '192.0.2.1' });
		const unknown = await auth.signIn(db, { email: 'nobody@example.org', password: PASSWORD, address: '192.0.2.1' });
		expect(wrong).toMatchObject({ ok: false, throttled: false });
		expect(unknown).toMatchObject({ ok: false, message: (wrong as { message: string }).message });
		const ok = await auth.signIn(db, { email: ' SECRETARIAT@example.org ', password: PASSWORD, address: '192.0.2.1' });
		if (!ok.ok) throw new Error(ok.message);
		expect(await auth.sessionUser(db, ok.token)).toMatchObject({ email: 'secretariat@example.org', role: 'secretariat' });
		const stored = await db.selectFrom('sessions').selectAll().execute();
		expect(stored.map((s) => s.id_hash)).not.toContain(ok.token);
		await auth.signOut(db, ok.token);
		expect(await auth.sessionUser(db, ok.token)).toBeNull();
	});

	it('a session ends when it expires, or when the account is disabled', async () => {
		const user = await secretariat();
		const now = new Date('2026-11-30T12:00:00Z');
		const { token } = await auth.createSession(db, { userId: user.id, address: null, userAgent: null, now });
		expect(await auth.sessionUser(db, token, new Date('2026-12-13T12:00:00Z'))).not.toBeNull();
		expect(await auth.sessionUser(db, token, new Date('2026-12-14T12:00:01Z'))).toBeNull();
		await db.updateTable('users').set({ disabled_at: now.toISOString() }).execute();
		expect(await auth.sessionUser(db, token, now)).toBeNull();
	});

	it('five wrong passwords for an account: the sixth attempt, even the right one, must wait, and is told how long', async () => {
		await secretariat();
		const t0 = new Date('2026-11-30T12:00:00Z');
		for (let i = 0; i < 5; i++) {
			const r = await auth.signIn(db, { email: 'secretariat@example.org', password: `wrong ${i} wrong wrong`, address: `192.0.2.${i}`, now: new Date(t0.getTime() + i * 1000) });
			expect(r).toMatchObject({ ok: false, throttled: false });
		}
		const sixth = await auth.signIn(db, { email: 'secretariat@example.org', password: PASSWORD, address: '198.51.100.7', now: new Date(t0.getTime() + 60_000) });
		expect(sixth).toEqual({ ok: false, field: 'password', throttled: true, message: 'Too many failed sign-ins for this account: try again in 14 minutes.' });
		const later = await auth.signIn(db, { email: 'secretariat@example.org', password: PASSWORD, address: '198.51.100.7', now: new Date(t0.getTime() + 16 * 60_000) });
		expect(later.ok).toBe(true);
	});

	it('twenty failures from one address throttle that address, whatever the account', async () => {
		await secretariat();
		const t0 = new Date('2026-11-30T12:00:00Z');
		for (let i = 0; i < 20; i++) {
			await auth.signIn(db, { email: `guess${i}@example.org`, password: 'wrong wrong wrong', address: '203.0.113.9', now: new Date(t0.getTime() + i * 1000) });
		}
		const r = await auth.signIn(db, { email: 'secretariat@example.org', password: PASSWORD, address: '203.0.113.9', now: new Date(t0.getTime() + 30_000) });
		expect(r).toMatchObject({ ok: false, throttled: true, message: expect.stringMatching(/^Too many failed sign-ins from this address: try again in \d+ minutes\.$/) });
		// the account itself is not locked: from elsewhere, it signs in
		expect((await auth.signIn(db, { email: 'secretariat@example.org', password: PASSWORD, address: '192.0.2.50', now: new Date(t0.getTime() + 30_000) })).ok).toBe(true);
	});
});

describe('API tokens', () => {
	it('are shown once, stored hashed, note their last use, and stop working when revoked', async () => {
		const user = await secretariat();
		const { id, token } = await auth.createToken(db, { user, name: 'import script' });
		expect(token).toMatch(/^tt_/);
		const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		expect(row.token_hash).not.toBe(token);
		expect(row.last_used_at).toBeNull();
		expect(await auth.tokenUser(db, token, new Date('2026-11-30T12:00:00Z'))).toMatchObject({ email: 'secretariat@example.org' });
		expect((await auth.listTokens(db, user))[0]).toMatchObject({ name: 'import script', last_used_at: '2026-11-30T12:00:00.000Z' });
		expect(await auth.revokeToken(db, { user, id })).toBe(true);
		expect(await auth.tokenUser(db, token)).toBeNull();
	});
});

describe('invitations', () => {
	it('make an account without a password and a link, usable once, before it expires', async () => {
		const by = await secretariat();
		const now = new Date('2026-11-30T12:00:00Z');
		const { user, token } = await auth.invite(db, { email: 'editor@example.org', role: 'editor', by, address: '192.0.2.1', now });
		expect((await auth.signIn(db, { email: 'editor@example.org', password: PASSWORD, address: null, now })).ok).toBe(false);
		expect(await auth.invitation(db, token, new Date('2026-12-08T12:00:00Z'))).toEqual({ problem: 'This invitation has expired: ask the secretariat for a new one.' });
		const e = await auth.acceptInvitation(db, { token, password: 'short', now }).catch((x) => x);
		expect(e).toMatchObject({ field: 'password' });
		await auth.acceptInvitation(db, { token, password: PASSWORD, now });
		expect((await auth.signIn(db, { email: 'editor@example.org', password: PASSWORD, address: null, now })).ok).toBe(true);
		expect(await auth.invitation(db, token, now)).toEqual({ problem: 'This invitation has been used already: sign in with your password.' });
		const audited = await db.selectFrom('audit_log').select(['action', 'user_id', 'address']).where('entity', '=', 'user').orderBy('id').execute();
		expect(audited).toEqual([
			{ action: 'create', user_id: null, address: null },
			{ action: 'create', user_id: by.id, address: '192.0.2.1' },
			{ action: 'accept-invitation', user_id: user.id, address: null }
		]);
	});
});

describe('who may do what', () => {
	const users = Object.fromEntries(ROLES.map((role, i) => [role, { id: i + 1, email: `${role}@example.org`, name: null, role, participant: role === 'focal-point' ? 'IND' : null }]));

	it.each(Object.entries(PERMISSIONS))('%s: exactly the roles of the table, never the public', (action, { roles }) => {
		expect(can(null, action as keyof typeof PERMISSIONS)).toBe(false);
		for (const role of ROLES) expect(can(users[role], action as keyof typeof PERMISSIONS), role).toBe((roles as readonly string[]).includes(role));
	});

	it('a refusal says what is needed and who is asking', () => {
		expect(refusal(null, 'acts.edit')).toBe('To add, correct or retract an act of the record you need the secretariat or editor of the record role: sign in first.');
		expect(refusal(users['focal-point'], 'acts.edit')).toBe(
			'To add, correct or retract an act of the record you need the secretariat or editor of the record role; you are signed in as focal-point@example.org, focal point of IND.'
		);
	});
});

describe('npm run user:create', () => {
	it('takes a piped password, or prints a one-time one; bad arguments name the field', async () => {
		const lines: string[] = [];
		const print = (l: string) => lines.push(l);
		expect(await userCommand.run(db, ['--email', 'first@example.org', '--role', 'secretariat'], { stdin: `${PASSWORD}\n`, print })).toBe(0);
		expect((await auth.signIn(db, { email: 'first@example.org', password: PASSWORD, address: null })).ok).toBe(true);
		expect(await userCommand.run(db, ['--email', 'second@example.org', '--role', 'editor'], { stdin: null, print })).toBe(0);
		const oneTime = /one-time password \(shown once; change it after signing in\): (\S+)$/.exec(lines.at(-1)!)![1];
		expect((await auth.signIn(db, { email: 'second@example.org', password: oneTime, address: null })).ok).toBe(true);
		expect(await userCommand.run(db, ['--email', 'third@example.org', '--role', 'admin'], { stdin: null, print })).toBe(1);
		expect(lines.at(-1)).toBe('user:create: --role: "admin" is not a role: secretariat, editor, focal-point or reviewer');
		expect(await userCommand.run(db, ['--role', 'editor'], { stdin: null, print })).toBe(2);
	});
});
