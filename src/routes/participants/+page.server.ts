import type { PageServerLoad } from './$types';
import * as participants from '$lib/server/record/participants';
import * as groups from '$lib/server/record/groups';
import * as page from '$lib/server/http/page';
import { collate, groupLabel, locale, stateName, type Named } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

export const load = (async ({ url, locals }) => {
	// The list is not dated, but a malformed asOf is refused here as on every page, not ignored.
	page.asOf(url);
	// A search by name (in English or in the page's language), another name or ISO code: a plain GET form, so it works without JavaScript.
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const all = await participants.list(locals.db);
	// M49 regions are groups: their names come from the same place as every group's
	const regions = new Map((await groups.list(locals.db)).filter((g) => g.kind === 'region').map((g) => [g.name, g.slug]));
	const region = (name: string | null): Named =>
		name ? groupLabel(regions.get(name) ?? name, name) : { text: m.states_list_regional_organisations(), lang: locale() };
	// each name as the page's language writes it, in the order that language sorts
	const shown = (q ? await participants.search(locals.db, q) : all)
		.map((p) => ({ ...p, name: stateName(p.code, p.name), region: region(p.region) }))
		.sort((a, b) => collate(a.name, b.name));
	return { q, total: all.length, participants: shown };
}) satisfies PageServerLoad;
