import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as status from '$lib/server/record/status';
import * as parity from '$lib/server/views/parity';
import * as page from '$lib/server/http/page';
import * as charts from '$lib/server/views/charts';
import * as toJoin from '$lib/server/views/to-join';
import * as audit from '$lib/server/audit/log';
import { can } from '$lib/server/accounts/permissions';
import * as editing from '$lib/server/record/editing';
import * as flash from '$lib/server/http/flash';
import { publishedFor } from '$lib/server/reviews/dashboard';
import { quote } from '$lib/server/text/query';
import { l, stateName } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

export const load = (async ({ url, params, locals, cookies }) => {
	if (params.code !== params.code.toUpperCase()) redirect(301, l(`/participants/${params.code.toUpperCase()}${url.search}`));
	const { asOf, today } = page.asOf(url);
	const found = await status.participant(locals.db, { code: params.code, asOf });
	if (!found) error(404, m.states_error_no_participant({ code: quote(params.code) }));
	// Parity is computed over the participant's groups on the date; the page lists the same groups.
	const standing = await parity.forParticipant(locals.db, { code: params.code, asOf, peers: url.searchParams.get('peers') });
	return {
		asOf,
		today,
		// its name as the request's language writes it (UNTERM, CLDR)
		participant: { ...found.participant, name: stateName(found.participant.code, found.participant.name) },
		instruments: found.instruments,
		groups: standing.groups.map(({ slug, name, kind }) => ({ slug, name, kind })),
		events: await status.events(locals.db, { code: params.code }),
		// Summaries of its country reviews, once published.
		reviews: await publishedFor(locals.db, params.code),
		parity: standing,
		// Every instrument open to it that it has not joined, whatever its peers did.
		toJoin: ((await toJoin.forParticipant(locals.db, { code: params.code, asOf })) ?? []).map((t) => ({ ...t, open: t.openSince && toJoin.openFor(t.openSince, asOf) })),
		timeline: await charts.timeline(locals.db, { code: params.code, asOf }),
		// the public reads the role and the day; the email only for those who may read the audit log
		lastChange: await audit.lastChange(locals.db, { participant: params.code }, { person: can(locals.user, 'audit.read') }),
		// Links to edit each act, for those who may (the editing pages check again); by instrument.
		editing: can(locals.user, 'acts.edit') ? await editing.actsBy(locals.db, { participant: params.code }) : null,
		// "Corrected: …", once, after an edit made on the editing pages.
		notice: locals.user ? (flash.take(cookies, url.pathname, locals.user.id)?.notice ?? null) : null
	};
}) satisfies PageServerLoad;
