// Passwords: hashed with argon2id, checked in the same time whether or not an account has one
// (a decoy hash), and the rules a new password must keep.
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { normaliseEmail } from './identity';
import { m } from '$lib/paraglide/messages';

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
	// @node-rs/argon2's defaults are argon2id, m=19 MiB, t=2, p=1 (OWASP's minimum); said aloud.
	return hash(password, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

/** A password the app accepts, or the reason it does not. */
export function passwordProblem(password: string, email?: string): string | null {
	if (password.length < MIN_PASSWORD_LENGTH) return m.admin_password_too_short({ min: MIN_PASSWORD_LENGTH });
	if (email && password.toLowerCase().includes(normaliseEmail(email).split('@')[0])) return m.admin_password_contains_email();
	return null;
}

/**
 * Checks a password against a stored hash, or, when there is none (no such account, an
 * invitation not yet accepted), against a hash of nothing anyone knows: the same argon2 work
 * either way, so the time taken does not tell which emails have accounts.
 */
export async function checkPassword(stored: string | null | undefined, password: string): Promise<boolean> {
	const right = await verify(stored ?? (await decoy()), password);
	return Boolean(stored) && right;
}

let decoyHash: Promise<string> | undefined;

const decoy = () => (decoyHash ??= hashPassword(randomBytes(32).toString('base64url')));
