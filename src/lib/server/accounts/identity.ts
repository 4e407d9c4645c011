// Who someone is to the app: a signed-in person (SignedIn) and the actor its changes are audited
// as; the email form every account is kept in; the error an account form shows by its field.
import type { Actor } from '../audit/log';
import type { User } from '../db/schema';
import { quote } from '../text/query';
import type { Role } from '../../roles';
import { m } from '$lib/paraglide/messages';

/** The person a request is from, as the app needs it. */
export interface SignedIn {
	id: number;
	email: string;
	name: string | null;
	role: Role;
	participant: string | null;
}

export function actorOf(user: SignedIn, address: string | null): Actor {
	return { label: user.email, userId: user.id, role: user.role, address };
}

export class AuthError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(message);
		this.name = 'AuthError';
	}
}

/** An AuthError's message as a form shows it beside its field: a sentence (a Chinese one ends with its own full stop). */
export function sentence(message: string): string {
	return message.charAt(0).toUpperCase() + message.slice(1) + (/[.:!?。：！？]$/.test(message) ? '' : m.admin_full_stop());
}

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** An email address the app accepts, or the reason it does not. */
/** The longest email address there is (RFC 5321's path, less its brackets). */
export const MAX_EMAIL_LENGTH = 254;

export function emailProblem(email: string): string | null {
	if (email.length > MAX_EMAIL_LENGTH) return m.admin_email_problem_too_long({ max: MAX_EMAIL_LENGTH });
	return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(normaliseEmail(email)) ? null : m.admin_email_problem_invalid({ email: quote(email) });
}

export function toSignedIn(u: Pick<User, 'id' | 'email' | 'name' | 'role' | 'participant_code'>): SignedIn {
	return { id: u.id, email: u.email, name: u.name, role: u.role, participant: u.participant_code };
}
