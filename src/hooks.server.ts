import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { getDb, getPageCache } from '$lib/server/http/database';
import * as maps from '$lib/server/views/map';
import * as sessions from '$lib/server/accounts/sessions';
import * as tokens from '$lib/server/accounts/tokens';
import * as pageCache from '$lib/server/http/page-cache';
import { log } from '$lib/server/http/log';
import { env } from '$env/dynamic/private';
import * as refreshSchedule from '$lib/server/sources/refresh-schedule';
import * as origin from '$lib/server/http/origin';
import * as mailRound from '$lib/server/http/mail-round';
import * as reads from '$lib/server/http/reads';
import type { RequestEvent } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { dir } from '$lib/i18n';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';

function clientAddress(event: RequestEvent): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

export const init: ServerInit = async () => {
	// Project the world map's outlines now, not on the first visitor's request.
	const db = await getDb();
	await maps.warm(db);
	// the built server (scripts/serve.js) answers the public's stored answers before SvelteKit
	(await getPageCache()).openDoor();
	// Opt-in: the depositaries' pages checked on a schedule, for the secretariat to apply.
	if (env.REFRESH_EVERY) refreshSchedule.start(db, { every: env.REFRESH_EVERY, origin: origin.configured(), log: (m) => log.info(m) });
	// E-mail: reminders every day (MAIL_EVERY; off: never); sent with SMTP_URL, else kept in the outbox (/outbox).
	if (env.MAIL_EVERY !== 'off') mailRound.start(db, {
		everyMs: env.MAIL_EVERY ? mailRound.parseEvery(env.MAIL_EVERY) : undefined,
		transport: env.SMTP_URL ? mailRound.transport(env.SMTP_URL) : null,
		from: env.MAIL_FROM || 'Treaty Tracker <no-reply@localhost>',
		origin: origin.configured(),
		days: env.REMIND_DAYS ? Number(env.REMIND_DAYS) : undefined,
		log: (m) => log.info(m)
	});
};

/**
 * Every request runs in the language of its address (/fr/… French, no prefix English) — pages,
 * __data.json, endpoints and downloads alike, whatever the client (Paraglide's url strategy reads
 * the address on the server for every request, not only documents; tests/e2e/languages.test.ts).
 * The address is all that decides, so a stored public answer is right for whoever asks for it.
 */
export const handle: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ locale }) =>
		handleRequest({
			event,
			resolve: (e, options) =>
				resolve(e, {
					...options,
					transformPageChunk: ({ html }) => html.replace('%treaty.lang%', locale).replace('%treaty.dir%', dir(locale))
				})
		})
	);

const handleRequest: Handle = async ({ event, resolve }) => {
	const db = (event.locals.db = await getDb());
	// A page reads only the query parameters it takes (a campaign's utm_… and the like are not seen).
	const route = reads.readsOf(event.route.id);
	if (event.request.method === 'GET' || event.request.method === 'HEAD') reads.keepTaken(event.url, route.query);
	event.locals.address = clientAddress(event);
	// A person: by the session cookie, or by a personal API token (scripts).
	event.locals.user = await sessions.sessionUser(db, event.cookies.get(sessions.SESSION_COOKIE));
	const bearer = /^Bearer\s+(\S+)$/i.exec(event.request.headers.get('authorization') ?? '');
	if (!event.locals.user && bearer) event.locals.user = await tokens.tokenUser(db, bearer[1]);
	const response = await answer(event, route, async () => secured(await resolve(event), event));
	// Pages for a signed-in person are not for shared caches.
	if (event.locals.user) response.headers.set('cache-control', 'private, no-store');
	return response;
};

/**
 * The public's GETs are answered from the page cache: 304 when the browser (or a CDN) holds
 * the answer for the state of what it reads (http/reads), the stored answer when the server
 * does, one render otherwise. A person signed in, or any request that carries a cookie, is rendered.
 * (The built server answers most hits before SvelteKit: pageCache.readyAnswer.)
 */
async function answer(event: RequestEvent, route: reads.Reads, render: () => Promise<Response>): Promise<Response> {
	const asked = pageCache.askedOf(event.request);
	if (event.locals.user || !pageCache.isPublic(asked)) return render();
	// what the answer shows, from the route's parameters (an instrument's relatives from the record)
	return (await getPageCache()).answer(asked, render, { query: route.query, tags: (record) => route.tags(event.params, record) });
}

/** Headers every answer carries (stored answers keep them). */
function secured(response: Response, event: RequestEvent): Response {
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	// the language of the answer's words: its address's (stored answers keep it)
	if (!response.headers.has('content-language')) response.headers.set('content-language', getLocale());
	// The same address answers differently signed in (a session cookie or a token): a shared
	// cache must not hand one person's answer to another, nor the public's to a signed-in person.
	const vary = response.headers.get('vary');
	if (!/\bcookie\b/i.test(vary ?? '')) response.headers.set('vary', vary ? `${vary}, Cookie, Authorization` : 'Cookie, Authorization');
	// Embed pages are made to be framed by other sites; nothing else is.
	if (!event.url.pathname.startsWith('/embed/')) response.headers.set('x-frame-options', 'SAMEORIGIN');
	return response;
}

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status >= 500) log.error({ err: error, method: event.request.method, path: event.url.pathname }, 'unexpected error');
	return { message: publicMessage(status, message, event.request.method) };
};

/** What the reader is told: what was wrong with the request, or nothing of the server's insides. */
function publicMessage(status: number, message: string, method: string): string {
	if (status === 404) return m.error_message_404();
	if (status === 400 && message === 'Malformed URI') return m.error_message_malformed();
	// SvelteKit answers a POST to a page without form actions with 405 and `Allow: GET`.
	if (status === 405) return m.error_message_405({ method });
	// SvelteKit's own short reason ("Unsupported Media Type"…) for the other mistakes of a request.
	if (status < 500) return message;
	return m.error_message_500();
}
