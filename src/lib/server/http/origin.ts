// Where this site is, as others should be told: links written into answers that are stored and
// shared (feeds, Open Graph tags, embed code) and the only place a redirect after sign-in may go.
import { env } from '$env/dynamic/private';

/**
 * The site's public origin when the deployment states it (`ORIGIN`), else null. Never taken
 * from a request: a stored answer built from one request's `Host` would point everyone at
 * whatever host that request named.
 */
export function configured(): string | null {
	const origin = env.ORIGIN?.trim();
	if (!origin) return null;
	try {
		return new URL(origin).origin;
	} catch {
		return null;
	}
}

/**
 * `to` as a path on the site at `origin` (path, query and fragment), or null when it would lead
 * anywhere else. Parsed as a browser would: `/\evil.example`, `/%09/evil.example` (a tab, which
 * URL parsing drops), `https:evil.example` and `javascript:` all leave the site and are refused.
 */
export function localPath(to: string, origin: string): string | null {
	if (!to.startsWith('/')) return null;
	let u: URL;
	try {
		u = new URL(to, origin);
	} catch {
		return null;
	}
	if (u.origin !== new URL(origin).origin) return null;
	// "/.//evil.example" parses to the path "//evil.example", which a browser reads as another site
	if (u.pathname.startsWith('//')) return null;
	return u.pathname + u.search + u.hash;
}

/**
 * The origin for an answer to one signed-in person, never stored (an invitation link to send,
 * a token's example): the configured one, else the address this request came to.
 */
export function forPerson(url: URL): string {
	return configured() ?? url.origin;
}
