import type { PageServerLoad } from './$types';
import { require } from '$lib/server/accounts/permissions';
import * as outbox from '$lib/server/mail/outbox';
import { env } from '$env/dynamic/private';

// The outbox, for the secretariat: every message the app wrote, sent or waiting. Without SMTP_URL
// this is where they are read: nothing is sent.
export const load = (async ({ locals, url }) => {
	require(locals, url, 'reviews.manage');
	return { sending: Boolean(env.SMTP_URL), counts: await outbox.counts(locals.db), messages: await outbox.list(locals.db, { limit: 200 }) };
}) satisfies PageServerLoad;
