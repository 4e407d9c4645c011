import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app';
import * as maps from '$lib/server/map';

export const init: ServerInit = async () => {
	// Project the world map's outlines now, not on the first visitor's request.
	await maps.warm(await getDb());
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.db = await getDb();
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	// Embed pages are made to be framed by other sites; nothing else is.
	if (!event.url.pathname.startsWith('/embed/')) response.headers.set('x-frame-options', 'SAMEORIGIN');
	return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) console.error(`${event.request.method} ${event.url.pathname}:`, error);
	return { message: status === 404 ? 'Not found' : 'Internal error' };
};
