// Accounts, sign-in, sessions, throttling, tokens and invitations, against a real database.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import * as identity from '../../src/lib/server/accounts/identity';
import * as invitations from '../../src/lib/server/accounts/invitations';
import * as sessions from '../../src/lib/server/accounts/sessions';
import * as tokens from '../../src/lib/server/accounts/tokens';
import * as users from '../../src/lib/server/accounts/users';
import { can, PERMISSIONS, refusal } from '../../src/lib/server/accounts/permissions';
import { ROLES } from '../../src/lib/roles';
import * as userCommand from '../../src/lib/server/accounts/user-command';
import { freshDb } from './db';

const PASSWORD = 'a long enough passphrase';
let db: Db;
beforeEach(async () => {
	db = await freshDb();
});

async function secretariat() {
	return users.createUser(db, { email: 'Secretariat@Example.org', role: 'secretariat', password: PASSWORD, actor: 'a test' });
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
		const e = await users.createUser(db, { ...opts, actor: 'a test' } as never).catch((x) => x);
		expect(e).toBeInstanceOf(identity.AuthError);
		expect(e).toMatchObject({ field, message });
	});

	it('names a long mistake without sending it back whole', async () => {
		expect(identity.emailProblem(`${'x'.repeat(9000)}@example.org`)).toBe('an email address has at most 254 characters');
		for (const opts of [{ email: `<script>${'x'.repeat(9000)}`, role: 'editor' }, { email: 'x@example.org', role: 'x'.repeat(9000) }, { email: 'x@example.org', role: 'focal-point', participant: 'x'.repeat(9000) }]) {
			const e = await users.createUser(db, { ...opts, actor: 'a test' } as never).catch((x) => x);
			expect(e).toBeInstanceOf(identity.AuthError);
			expect(e.message).not.toContain('x'.repeat(41));
		}
		const refilled = users.refill({ email: 'x'.repeat(9000), name: 'x'.repeat(9000), role: 'x'.repeat(9000), participant: 'x'.repeat(9000) });
		expect([refilled.email, refilled.name, refilled.role, refilled.participant].map((v) => v.length)).toEqual([254, 200, 20, 10]);
	});

	it('a focal point speaks for one participant: India', async () => {
		const fp = await users.createUser(db, { email: 'fp@example.org', role: 'focal-point', participant: 'ind', password: PASSWORD, actor: 'a test' });
		expect(fp.participant).toBe('IND');
	});
});

describe('signing in', () => {
	it('a right password opens a session whose cookie token is not stored; a wrong one says nothing of which was wrong', async () => {
		await secretariat();
		const wrong = await sessions.signIn(db, { email: 'secretariat@example.org', password: 'nope nope nope', address: '192.0.2.1' });
		const unknown = await sessions.signIn(db, { email: 'nobody@example.org', password: PASSWORD, address: '192.0.2.1' });
		expect(wrong).toMatchObject({ ok: false, throttled: false });
		expect(unknown).toMatchObject({ ok: false, message: (wrong as { message: string }).message });
		const ok = await sessions.signIn(db, { email: ' SECRETARIAT@example.org ', password: PASSWORD, address: '192.0.2.1' });
		if (!ok.ok) throw new Error(ok.message);
		expect(await sessions.sessionUser(db, ok.token)).toMatchObject({ email: 'secretariat@example.org', role: 'secretariat' });
		const stored = await db.selectFrom('sessions').selectAll().execute();
		expect(stored.map((s) => s.id_hash)).not.toContain(ok.token);
		await sessions.signOut(db, ok.token);
		expect(await sessions.sessionUser(db, ok.token)).toBeNull();
	});

	it('a session ends when it expires, or when the account is disabled', async () => {
		const user = await secretariat();
		const now = new Date('2026-11-30T12:00:00Z');
		const { token } = await sessions.createSession(db, { userId: user.id, address: null, userAgent: null, now });
		expect(await sessions.sessionUser(db, token, new Date('2026-12-13T12:00:00Z'))).not.toBeNull();
		expect(await sessions.sessionUser(db, token, new Date('2026-12-14T12:00:01Z'))).toBeNull();
		await db.updateTable('users').set({ disabled_at: now.toISOString() }).execute();
		expect(await sessions.sessionUser(db, token, now)).toBeNull();
	});

	// The policy, as the README states it: five failures of one email from one address are free,
	// then each further one doubles the wait (1, 2, 4… minutes); past 50 failures of one email (or
	// from one address) in 15 minutes, only addresses the account has signed in from get through.
	const EMAIL = 'secretariat@example.org';
	const at = (t0: Date, ms: number) => new Date(t0.getTime() + ms);

	it('sixty guesses sent at once, the right password last: five are checked, none signs in', async () => {
		await secretariat();
		const now = new Date('2026-11-30T12:00:00Z');
		const guesses = Array.from({ length: 60 }, (_, i) => (i === 59 ? PASSWORD : `wrong guess number ${i}`));
		const results = await Promise.all(guesses.map((password) => sessions.signIn(db, { email: EMAIL, password, address: '203.0.113.9', now })));
		expect(results.filter((r) => r.ok)).toEqual([]);
		expect(results.filter((r) => !r.ok && !r.throttled)).toHaveLength(5);
		expect(results.at(-1)).toEqual({ ok: false, field: 'password', throttled: true, message: 'Too many failed sign-ins: try again in 1 minute.' });
		expect(await db.selectFrom('sign_in_attempts').select('id').execute()).toHaveLength(5);
	});

	it('after five failures from one address, each further one doubles the wait; the right password then signs in', async () => {
		await secretariat();
		const t0 = new Date('2026-11-30T12:00:00Z');
		const wrong = (ms: number) => sessions.signIn(db, { email: EMAIL, password: 'wrong wrong wrong', address: '192.0.2.1', now: at(t0, ms) });
		for (let i = 0; i < 5; i++) expect(await wrong(i * 1000)).toMatchObject({ ok: false, throttled: false });
		// the fifth failure was at 4 s: one minute from then
		expect(await wrong(30_000)).toMatchObject({ throttled: true, message: 'Too many failed sign-ins: try again in 1 minute.' });
		expect(await wrong(65_000)).toMatchObject({ throttled: false });
		// the sixth at 65 s: two minutes from then
		expect(await wrong(75_000)).toMatchObject({ throttled: true, message: 'Too many failed sign-ins: try again in 2 minutes.' });
		expect(await wrong(186_000)).toMatchObject({ throttled: false });
		// the seventh at 186 s: four minutes
		expect(await wrong(190_000)).toMatchObject({ throttled: true, message: 'Too many failed sign-ins: try again in 4 minutes.' });
		const right = await sessions.signIn(db, { email: EMAIL, password: PASSWORD, address: '192.0.2.1', now: at(t0, 186_000 + 4 * 60_000 + 1) });
		expect(right.ok).toBe(true);
	});

	it('guesses from many addresses cannot lock a person out of their account from where they sign in', async () => {
		await secretariat();
		const t0 = new Date('2026-11-30T12:00:00Z');
		// the person signs in from the office once
		expect((await sessions.signIn(db, { email: EMAIL, password: PASSWORD, address: '198.51.100.7', now: t0 })).ok).toBe(true);
		// then an outsider tries from 60 addresses, one guess each
		for (let i = 0; i < 60; i++) await sessions.signIn(db, { email: EMAIL, password: `guess ${i} guess guess`, address: `203.0.113.${i}`, now: at(t0, 60_000 + i * 1000) });
		const later = at(t0, 3 * 60_000);
		// a new address must wait (the outsider's next guess among them)…
		expect(await sessions.signIn(db, { email: EMAIL, password: PASSWORD, address: '192.0.2.99', now: later })).toMatchObject({ ok: false, throttled: true });
		// …the person, from the office, signs in
		expect((await sessions.signIn(db, { email: EMAIL, password: PASSWORD, address: '198.51.100.7', now: later })).ok).toBe(true);
		// and once the window has passed, from anywhere
		expect((await sessions.signIn(db, { email: EMAIL, password: PASSWORD, address: '192.0.2.99', now: at(t0, 20 * 60_000) })).ok).toBe(true);
	});

	it('an email with no account is throttled exactly as one with an account: the answers do not tell them apart', async () => {
		await secretariat();
		const t0 = new Date('2026-11-30T12:00:00Z');
		const run = async (email: string) => {
			const out = [];
			for (let i = 0; i < 7; i++) out.push(await sessions.signIn(db, { email, password: 'wrong wrong wrong', address: '192.0.2.1', now: at(t0, i * 1000) }));
			return out;
		};
		const real = await run(EMAIL);
		expect(real.map((r) => !r.ok && r.throttled)).toEqual([false, false, false, false, false, true, true]);
		expect(await run('nobody.here@example.org')).toEqual(real);
	});

	it('fifty failures from one address make new emails from it wait; a person who signed in from there before passes (a proxy without ADDRESS_HEADER)', async () => {
		await secretariat();
		const t0 = new Date('2026-11-30T12:00:00Z');
		const shared = '203.0.113.9';
		expect((await sessions.signIn(db, { email: EMAIL, password: PASSWORD, address: shared, now: t0 })).ok).toBe(true);
		for (let i = 0; i < 50; i++) await sessions.signIn(db, { email: `guess${i}@example.org`, password: 'wrong wrong wrong', address: shared, now: at(t0, 1000 + i * 1000) });
		const r = await sessions.signIn(db, { email: 'guess-next@example.org', password: 'wrong wrong wrong', address: shared, now: at(t0, 60_000) });
		expect(r).toMatchObject({ ok: false, throttled: true, message: expect.stringMatching(/^Too many failed sign-ins: try again in \d+ minutes?\.$/) });
		expect((await sessions.signIn(db, { email: EMAIL, password: PASSWORD, address: shared, now: at(t0, 60_000) })).ok).toBe(true);
	});

	it('a wrong password takes as long for an unknown email as for an account (the same argon2 work)', async () => {
		await secretariat();
		const time = async (email: string, i: number) => {
			const started = performance.now();
			await sessions.signIn(db, { email, password: 'wrong wrong wrong', address: `192.0.2.${i}`, now: new Date(Date.UTC(2026, 10, 30, 12, i)) });
			return performance.now() - started;
		};
		await time('warm.up@example.org', 0);
		const known: number[] = [];
		const unknown: number[] = [];
		for (let i = 1; i <= 6; i++) {
			known.push(await time(EMAIL, i));
			unknown.push(await time(`nobody${i}@example.org`, 100 + i));
		}
		const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
		// without the decoy hash an unknown email answered ~8 times faster; generous bounds for a busy machine
		expect(median(unknown) / median(known)).toBeGreaterThan(0.4);
		expect(median(unknown) / median(known)).toBeLessThan(2.5);
	});
});

describe('API tokens', () => {
	it('are shown once, stored hashed, note their last use, and stop working when revoked', async () => {
		const user = await secretariat();
		const { id, token } = await tokens.createToken(db, { user, name: 'import script' });
		expect(token).toMatch(/^tt_/);
		const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		expect(row.token_hash).not.toBe(token);
		expect(row.last_used_at).toBeNull();
		expect(await tokens.tokenUser(db, token, new Date('2026-11-30T12:00:00Z'))).toMatchObject({ email: 'secretariat@example.org' });
		expect((await tokens.listTokens(db, user))[0]).toMatchObject({ name: 'import script', last_used_at: '2026-11-30T12:00:00.000Z' });
		expect(await tokens.revokeToken(db, { user, id })).toBe(true);
		expect(await tokens.tokenUser(db, token)).toBeNull();
	});

	it('die with a password change: a stolen token stops working when the password is changed', async () => {
		const user = await secretariat();
		const { token } = await tokens.createToken(db, { user, name: 'import script' });
		const { revokedTokens } = await users.changePassword(db, { user, current: PASSWORD, password: 'another long passphrase', keep: undefined, address: null });
		expect(revokedTokens).toBe(1);
		expect(await tokens.tokenUser(db, token)).toBeNull();
	});

	it('die with disabling: enabling the account again does not revive them', async () => {
		const user = await secretariat();
		const other = await users.createUser(db, { email: 'other@example.org', role: 'secretariat', password: PASSWORD, actor: 'a test' });
		const { token } = await tokens.createToken(db, { user, name: 'import script' });
		let version = (await users.findUser(db, user.id))!.version;
		expect((await users.updateUser(db, { id: user.id, version, role: 'secretariat', disabled: true, by: other, address: null })).ok).toBe(true);
		version = (await users.findUser(db, user.id))!.version;
		expect((await users.updateUser(db, { id: user.id, version, role: 'secretariat', disabled: false, by: other, address: null })).ok).toBe(true);
		expect(await tokens.tokenUser(db, token)).toBeNull();
	});
});

describe('invitations', () => {
	it('make an account without a password and a link, usable once, before it expires', async () => {
		const by = await secretariat();
		const now = new Date('2026-11-30T12:00:00Z');
		const { user, token } = await invitations.invite(db, { email: 'editor@example.org', role: 'editor', by, address: '192.0.2.1', now });
		expect((await sessions.signIn(db, { email: 'editor@example.org', password: PASSWORD, address: null, now })).ok).toBe(false);
		expect(await invitations.invitation(db, token, new Date('2026-12-08T12:00:00Z'))).toEqual({ problem: 'This invitation has expired: ask the secretariat for a new one.' });
		const e = await invitations.acceptInvitation(db, { token, password: 'short', now }).catch((x) => x);
		expect(e).toMatchObject({ field: 'password' });
		await invitations.acceptInvitation(db, { token, password: PASSWORD, now });
		expect((await sessions.signIn(db, { email: 'editor@example.org', password: PASSWORD, address: null, now })).ok).toBe(true);
		expect(await invitations.invitation(db, token, now)).toEqual({ problem: 'This invitation has been used already: sign in with your password.' });
		const audited = await db.selectFrom('audit_log').select(['action', 'user_id', 'address']).where('entity', '=', 'user').orderBy('id').execute();
		expect(audited).toEqual([
			{ action: 'create', user_id: null, address: null },
			{ action: 'create', user_id: by.id, address: '192.0.2.1' },
			{ action: 'accept-invitation', user_id: user.id, address: null }
		]);
	});
});

describe('who may do what', () => {
	const people = Object.fromEntries(ROLES.map((role, i) => [role, { id: i + 1, email: `${role}@example.org`, name: null, role, participant: role === 'focal-point' ? 'IND' : null }]));

	it.each(Object.entries(PERMISSIONS))('%s: exactly the roles of the table, never the public', (action, { roles }) => {
		expect(can(null, action as keyof typeof PERMISSIONS)).toBe(false);
		for (const role of ROLES) expect(can(people[role], action as keyof typeof PERMISSIONS), role).toBe((roles as readonly string[]).includes(role));
	});

	it('a refusal says what is needed and who is asking', () => {
		expect(refusal(null, 'acts.edit')).toBe('To add, correct or retract an act of the record you need the secretariat or editor of the record role: sign in first.');
		expect(refusal(people['focal-point'], 'acts.edit')).toBe(
			'To add, correct or retract an act of the record you need the secretariat or editor of the record role; you are signed in as focal-point@example.org, focal point of IND.'
		);
	});
});

describe('npm run user:create', () => {
	it('takes a piped password, or prints a one-time one; bad arguments name the field', async () => {
		const lines: string[] = [];
		const print = (l: string) => lines.push(l);
		expect(await userCommand.run(db, ['--email', 'first@example.org', '--role', 'secretariat'], { stdin: `${PASSWORD}\n`, print })).toBe(0);
		expect((await sessions.signIn(db, { email: 'first@example.org', password: PASSWORD, address: null })).ok).toBe(true);
		expect(await userCommand.run(db, ['--email', 'second@example.org', '--role', 'editor'], { stdin: null, print })).toBe(0);
		const oneTime = /one-time password \(shown once; change it after signing in\): (\S+)$/.exec(lines.at(-1)!)![1];
		expect((await sessions.signIn(db, { email: 'second@example.org', password: oneTime, address: null })).ok).toBe(true);
		expect(await userCommand.run(db, ['--email', 'third@example.org', '--role', 'admin'], { stdin: null, print })).toBe(1);
		expect(lines.at(-1)).toBe('user:create: --role: "admin" is not a role: secretariat, editor, focal-point or reviewer');
		expect(await userCommand.run(db, ['--role', 'editor'], { stdin: null, print })).toBe(2);
	});
});
