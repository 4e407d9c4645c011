import type { LayoutServerLoad } from './$types';

// Who is signed in, for the header; null for the public.
export const load = (({ locals }) => ({
	user: locals.user ? { email: locals.user.email, role: locals.user.role, participant: locals.user.participant } : null
})) satisfies LayoutServerLoad;
