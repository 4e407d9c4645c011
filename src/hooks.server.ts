import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/app';
import * as maps from '$lib/server/map';

export const init: ServerInit = async () => {
	// Project the world map's outlines now, not on the first visitor's request.
	await maps.warm(await getDb());
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.db = await getDb();
	return resolve(event);
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) console.error(`${event.request.method} ${event.url.pathname}:`, error);
	return { message: status === 404 ? 'Not found' : 'Internal error' };
};
