// What a page shows once, after the redirect that follows a successful form (post/redirect/get):
// a new API token, an invitation link, a notice. It rides in a short-lived httpOnly cookie
// scoped to the page, is read once by the page's load and deleted there, so a reload or the
// back button never shows a secret again and never sends the form twice. The page is in the
// request's language: "/account" is "/fr/account" in French (a cookie's path is its address's).
import type { Cookies } from '@sveltejs/kit';
import { l } from '$lib/i18n';

const NAME = 'flash';
const SECONDS = 120;

export interface Flash {
	/** The account it is for: another person signing in on this browser does not see it. */
	for: number;
	notice?: string;
	/** The id of the part of the page the notice is about (the form just saved): shown there, not at the top. */
	at?: string;
	token?: { id: number; name: string; value: string };
	invitation?: { userId: number; email: string; link: string; expires: string };
}

export function put(cookies: Cookies, url: URL, path: string, flash: Flash): void {
	cookies.set(NAME, JSON.stringify(flash), { path: l(path), httpOnly: true, sameSite: 'strict', secure: url.protocol === 'https:', maxAge: SECONDS });
}

/** The flash left for `userId` on this page, if any; read once. */
export function take(cookies: Cookies, path: string, userId: number): Flash | null {
	const raw = cookies.get(NAME);
	if (raw === undefined) return null;
	cookies.delete(NAME, { path: l(path) });
	try {
		const flash = JSON.parse(raw) as Flash;
		return flash.for === userId ? flash : null;
	} catch {
		return null;
	}
}
