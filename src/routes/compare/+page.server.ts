import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as compare from '$lib/server/compare';
import * as groups from '$lib/server/groups';
import * as page from '$lib/server/page';
import * as parity from '$lib/server/parity';
import { compareHref } from '$lib/compare-url';

export const load = (async ({ url, locals }) => {
	const { asOf, today } = page.asOf(url);
	const q = compare.readQuery(url);

	// Names typed into the form become codes in a canonical, shareable URL.
	if (q.names.length) {
		const sel = await parity.resolveSelection(locals.db, { codes: q.codes, names: q.names, group: null, asOf });
		const extra: Record<string, string> = {};
		if (sel.notFound.codes.length) extra.notFound = sel.notFound.codes.join(',');
		redirect(303, compareHref({ codes: sel.codes, group: q.group, asOf, today, sort: url.searchParams.get('sort'), extra }));
	}

	const result = await compare.build(locals.db, q, asOf);
	const notFound = {
		codes: [...result.notFound.codes, ...(url.searchParams.get('notFound')?.split(',').filter(Boolean) ?? [])],
		groups: result.notFound.groups
	};

	// Sort rows by name, by how many instruments each has joined, or by one instrument's status.
	const sort = url.searchParams.get('sort') ?? 'name';
	const joinedCount = new Map(
		result.participants.map((p) => [p.code, result.cells.filter((c) => c.code === p.code && parity.JOINED.includes(c.status)).length])
	);
	const rank = ['party', 'pending', 'endorsed', 'signed', 'denounced', 'none'];
	const participants = [...result.participants].sort((a, b) => {
		if (sort === 'joined') return joinedCount.get(b.code)! - joinedCount.get(a.code)! || a.name.localeCompare(b.name);
		const inst = result.instruments.find((i) => i.slug === sort);
		if (inst) {
			const sa = result.cells.find((c) => c.code === a.code && c.slug === sort)!.status;
			const sb = result.cells.find((c) => c.code === b.code && c.slug === sort)!.status;
			return rank.indexOf(sa) - rank.indexOf(sb) || a.name.localeCompare(b.name);
		}
		return a.name.localeCompare(b.name);
	});

	return {
		asOf,
		today,
		sort,
		codes: result.codes,
		explicitCodes: q.codes.map((c) => c.toUpperCase()).filter((c) => result.codes.includes(c)),
		group: result.group,
		participants: participants.map((p) => ({ ...p, joined: joinedCount.get(p.code)! })),
		instruments: result.instruments,
		cells: result.cells,
		coverage: result.coverage,
		notFound,
		groups: await groups.list(locals.db),
		names: await locals.db.selectFrom('participants').select(['code', 'name']).orderBy('name').execute()
	};
}) satisfies PageServerLoad;
