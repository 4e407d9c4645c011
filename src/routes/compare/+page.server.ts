import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as compare from '$lib/server/views/compare';
import * as groups from '$lib/server/record/groups';
import * as page from '$lib/server/http/page';
import * as parity from '$lib/server/views/parity';
import * as participants from '$lib/server/record/participants';
import { compareHref } from '$lib/compare-url';
import { quote } from '$lib/server/text/query';
import { collate, groupLabel, stateName } from '$lib/i18n';

export const load = (async ({ url, locals }) => {
	const { asOf, today } = page.asOf(url);
	const q = compare.readQuery(url);

	// Names typed into the form become codes in a canonical, shareable URL.
	if (q.names.length) {
		const sel = await parity.resolveSelection(locals.db, { codes: q.codes, names: q.names, group: null, asOf });
		const extra: Record<string, string> = {};
		if (sel.notFound.codes.length) extra.notFound = sel.notFound.codes.join(',');
		if (url.searchParams.get('highlight')) extra.highlight = url.searchParams.get('highlight')!;
		redirect(303, compareHref({ codes: sel.codes, group: q.group, asOf, today, sort: url.searchParams.get('sort'), extra }));
	}

	const result = await compare.build(locals.db, q, asOf);
	// named back as a message quotes them: each cut, and at most twenty
	const notFound = {
		codes: [...result.notFound.codes, ...(url.searchParams.get('notFound')?.split(',').filter(Boolean) ?? [])].slice(0, 20).map((c) => quote(c)),
		groups: result.notFound.groups.slice(0, 20).map((g) => quote(g))
	};

	// by name, by how many joined, or by an instrument's column; anything else is by name
	const asked = url.searchParams.get('sort');
	const sort = asked === 'joined' || result.instruments.some((i) => i.slug === asked) ? asked! : 'name';

	// The reader's own State (or States), picked out in the matrix: ?highlight=THA.
	const highlight = (url.searchParams.get('highlight') ?? '')
		.toUpperCase()
		.split(',')
		.filter((c) => /^[A-Z]{3}$/.test(c) && result.codes.includes(c));

	return {
		asOf,
		today,
		sort,
		highlight,
		codes: result.codes,
		explicitCodes: [...new Set(q.codes.map((c) => c.toUpperCase()))].filter((c) => result.codes.includes(c)),
		group: result.group,
		participants: compare.sortRows(result, sort),
		instruments: result.instruments,
		cells: result.cells,
		coverage: result.coverage,
		notFound,
		// the groups and names as the page's language writes and sorts them; the English name stays one a reader may type
		groups: (await groups.list(locals.db)).map((g) => ({ ...g, name: groupLabel(g.slug, g.name).text })).sort((a, b) => collate(a.name, b.name)),
		names: (await participants.names(locals.db))
			.map((p) => {
				const name = stateName(p.code, p.name);
				return { ...p, name, aliases: name === p.name ? p.aliases : [p.name, ...p.aliases] };
			})
			.sort((a, b) => collate(a.name, b.name))
	};
}) satisfies PageServerLoad;
