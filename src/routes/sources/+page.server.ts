import type { PageServerLoad } from './$types';
import * as records from '$lib/server/record/record';
import * as catalogue from '$lib/server/record/catalogue';
import * as importFiles from '$lib/server/sources/import-files';
import * as users from '$lib/server/accounts/users';
import * as page from '$lib/server/http/page';
import { roleWords } from '$lib/last-change';

export const load = (async ({ url, locals }) => {
	// The catalogue is not dated, but a malformed asOf is refused here as on every page, not ignored.
	page.asOf(url);
	const record = await records.get(locals.db);
	const sources = await catalogue.list(locals.db);
	// A public page names who brought a source in by role, never by email (as participant pages do).
	const roles = await users.rolesByEmail(locals.db);
	const byWhom = (label: string | null) => {
		if (!label) return null;
		if (roles.has(label) || label.includes('@')) return roleWords(roles.get(label) ?? null);
		return label;
	};
	return {
		sources: sources.map(({ added_by, ...s }) => ({ ...s, broughtInBy: byWhom(added_by) })),
		// Files brought in from the browser are kept with their import: shown as the source.
		kept: await importFiles.keptBySource(locals.db),
		titles: Object.fromEntries([...record.instruments].map(([slug, ir]) => [slug, ir.instrument.short_title])),
		warnings: record.warnings.map((w) => ({
			...w,
			instrumentTitle: record.instruments.get(w.instrument)?.instrument.short_title ?? w.instrument,
			participantName: w.participant ? (record.participants.get(w.participant)?.name ?? w.participant) : null
		}))
	};
}) satisfies PageServerLoad;
