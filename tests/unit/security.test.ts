// Security basics that a unit can show (the e2e tests show the rest in the built server):
// errors tell the reader nothing of the server's insides; signing in gives a new session and
// the old cookie value stops working; the origin check is on; no markup is made from strings.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isRedirect } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import config from '../../svelte.config.js';
import { handleError } from '../../src/hooks.server';
import * as auth from '../../src/lib/server/auth';
import { log } from '../../src/lib/server/log';
import { actions as login } from '../../src/routes/login/+page.server';
import { freshDb } from './db';

describe('errors', () => {
	it('a crash answers "Internal error": no message, no stack, no SQL; the server log keeps them', async () => {
		const logged = vi.spyOn(log, 'error').mockImplementation(() => {});
		const error = new Error('SQLITE_ERROR: no such column: password_hash in "select * from users"');
		const event = { request: new Request('http://localhost/users', { method: 'POST' }), url: new URL('http://localhost/users') };
		const body = await handleError({ error, event, status: 500, message: 'Internal Error' } as never);
		expect(body).toEqual({ message: 'Internal error' });
		expect(logged).toHaveBeenCalledWith({ err: error, method: 'POST', path: '/users' }, 'unexpected error');
		logged.mockRestore();
	});
});

describe('sessions', () => {
	it('signing in makes a new session: a cookie value from before (planted, or the last session) no longer works', async () => {
		const db = await freshDb();
		const PASSWORD = 'a long enough passphrase';
		const user = await auth.createUser(db, { email: 'editor@example.org', role: 'editor', password: PASSWORD, actor: 'a test' });
		const before = await auth.createSession(db, { userId: user.id, address: null, userAgent: null });
		for (const planted of [before.token, 'a value an attacker chose']) {
			const jar = new Map([[auth.SESSION_COOKIE, planted]]);
			const cookies = { get: (n: string) => jar.get(n), set: (n: string, v: string) => void jar.set(n, v), delete: (n: string) => void jar.delete(n) };
			const url = new URL('http://localhost/login');
			const request = new Request(url, { method: 'POST', body: new URLSearchParams({ email: 'editor@example.org', password: PASSWORD }) });
			const thrown = await login.default({ request, cookies, locals: { db, user: null, address: null }, url } as never).catch((e) => e);
			expect(isRedirect(thrown)).toBe(true);
			const after = jar.get(auth.SESSION_COOKIE)!;
			expect(after).not.toBe(planted);
			expect(await auth.sessionUser(db, after)).toMatchObject({ email: 'editor@example.org' });
			expect(await auth.sessionUser(db, planted)).toBeNull();
		}
	});
});

describe('the origin check', () => {
	it('is on: no origin is trusted for cross-site form posts, and the deprecated switch is not turned off', () => {
		const csrf = config.kit?.csrf as { trustedOrigins?: string[]; checkOrigin?: boolean } | undefined;
		expect(csrf?.trustedOrigins ?? []).toEqual([]);
		expect(csrf?.checkOrigin).not.toBe(false);
	});
});

describe('user text', () => {
	it('is never rendered as HTML: no {@html} and no innerHTML anywhere in src', () => {
		const files = (dir: string): string[] =>
			readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
		const offenders = files(resolve(__dirname, '../../src')).filter((f) => /\.(svelte|ts|js)$/.test(f) && /\{@html|innerHTML|outerHTML|insertAdjacentHTML/.test(readFileSync(f, 'utf8')));
		expect(offenders).toEqual([]);
	});
});
