import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as audit from '$lib/server/audit/log';
import { auditScope, require } from '$lib/server/accounts/permissions';
import { collate, locale, stateName } from '$lib/i18n';

// Every change, newest first, for the secretariat and editors: filtered by a plain GET form,
// a page at a time (keyset on the entry id), downloadable as CSV for the same filters.
export const load = (async ({ locals, url }) => {
	const user = require(locals, url, 'audit.read');
	// each reader sees the entries of what it may read elsewhere (permissions.AUDIT_READERS)
	const scope = auditScope(user);
	try {
		const { before, after, ...filters } = audit.filtersFrom(url.searchParams);
		const [found, options] = await Promise.all([audit.search(locals.db, { ...filters, before, after, scope }), audit.options(locals.db, scope)]);
		// the page shows the field-by-field changes; the raw JSON is for the CSV
		const entries = found.entries.map(({ before: _b, after: _a, ...e }) => e);
		// participants by their names in the request's language (English keeps the log's order)
		const participants = options.participants.map((p) => ({ ...p, name: stateName(p.code, p.name) }));
		if (locale() !== 'en') participants.sort((a, b) => collate(a.name, b.name));
		return { filters, found: { ...found, entries }, options: { ...options, participants }, query: audit.queryOf(filters), paged: before !== undefined || after !== undefined };
	} catch (e) {
		if (e instanceof audit.FilterError) error(400, e.message);
		throw e;
	}
}) satisfies PageServerLoad;
