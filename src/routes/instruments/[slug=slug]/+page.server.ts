import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as status from '$lib/server/record/status';
import * as records from '$lib/server/record/record';
import * as sorting from '$lib/server/views/sorting';
import * as page from '$lib/server/http/page';
import * as nonparties from '$lib/server/views/nonparties';
import * as maps from '$lib/server/views/map';
import * as charts from '$lib/server/views/charts';
import * as depositary from '$lib/server/views/depositary';
import * as articles from '$lib/server/record/articles';
import { describeRule } from '$lib/server/record/rules';
import * as audit from '$lib/server/audit/log';
import { can } from '$lib/server/accounts/permissions';
import * as editing from '$lib/server/record/editing';
import { quote } from '$lib/server/text/query';
import { unhydrated } from '$lib/unhydrated';
import { m } from '$lib/paraglide/messages';

const unhydratedOrNull = <T extends object>(value: T | null, isDataRequest: boolean) => (value ? unhydrated(value, { isDataRequest }) : null);

// Rendered on the server and sent as it is: nothing on this page needs the browser to run code
// (its table sorts by links, its date is a form, its map's outlines are links with titles), so
// it is not hydrated, and its rows, map and chart are not written into it again as data
// ($lib/unhydrated). A client-side navigation to it still renders it from its data.
export const csr = false;

export const load = (async ({ url, params, locals, isDataRequest }) => {
	const { asOf, today } = page.asOf(url);
	const found = await status.instrument(locals.db, { slug: params.slug, asOf });
	if (!found) error(404, m.instruments_not_found({ slug: quote(params.slug) }));
	const record = await records.get(locals.db);
	const ir = record.instruments.get(params.slug)!;
	const order = sorting.parse(url);
	const parent = ir.instrument.parent_slug ? record.instruments.get(ir.instrument.parent_slug)?.instrument : null;
	return {
		asOf,
		today,
		order,
		instrument: unhydrated({ ...found, participants: sorting.apply(found.participants, order) }, { isDataRequest }),
		details: {
			depositary: ir.instrument.depositary,
			reference: ir.instrument.reference,
			openTo: ir.instrument.open_to,
			sourceUrl: ir.instrument.source_url,
			note: ir.instrument.note,
			rule: describeRule(ir.rule),
			entryIntoForce: ir.entryIntoForce,
			entryIntoForceBasis: ir.entryIntoForceBasis,
			parent: parent ? { slug: parent.slug, shortTitle: parent.short_title } : null,
			source: ir.source,
			// every total published elsewhere, newest first, each beside the record's count on its date
			published: ir.published.map((p) => status.compare(ir, p)).reverse()
		},
		// what the depositary says (its published status, UNTS reference, status page), beside the record's counts
		depositary: await depositary.says(locals.db, { slug: params.slug, asOf }),
		warnings: record.warnings.filter((w) => w.instrument === params.slug),
		nonParties: (await nonparties.list(locals.db, { slug: params.slug, asOf }))?.counts?.nonParties ?? null,
		map: unhydratedOrNull(await maps.model(locals.db, { slug: params.slug, group: await maps.defaultGroup(locals.db, params.slug) }), isDataRequest),
		chart: unhydratedOrNull(await charts.cumulative(locals.db, { slug: params.slug, asOf }), isDataRequest),
		articles: articles.bySection(await articles.list(locals.db, { instrument: params.slug })),
		// the public reads the role and the day; the email only for those who may read the audit log
		lastChange: await audit.lastChange(locals.db, { instrument: params.slug }, { person: can(locals.user, 'audit.read') }),
		// Links to edit each act, for those who may (the editing pages check again); by participant.
		editing: can(locals.user, 'acts.edit') ? await editing.actsBy(locals.db, { instrument: params.slug }) : null
	};
}) satisfies PageServerLoad;
