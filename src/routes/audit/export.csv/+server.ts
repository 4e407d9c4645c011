import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as audit from '$lib/server/audit/log';
import { toCsv, type Cell } from '$lib/server/views/exports';
import { auditScope, require } from '$lib/server/accounts/permissions';
import { today } from '$lib/dates';

const COLUMNS = [
	'id', 'at', 'actor', 'role', 'address', 'action', 'entity', 'entity_id', 'participant', 'instrument',
	'summary', 'source_id', 'reason', 'revision', 'changes', 'before', 'after'
];

/**
 * A cell a spreadsheet takes as text: user-written text starting with = + - @ would otherwise
 * be run as a formula when the file is opened (CSV injection), so it gets a leading apostrophe.
 */
const cell = (v: string | number | null): Cell => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** The audit log for the same filters as the page, every matching entry, newest first. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const scope = auditScope(require(locals, url, 'audit.read'));
	const rows: Cell[][] = [];
	try {
		const { before: _before, after: _after, ...filters } = audit.filtersFrom(url.searchParams);
		for await (const e of audit.all(locals.db, { ...filters, scope })) {
			const changes = e.changes.map((c) => `${c.field}: ${c.before ?? '—'} → ${c.after ?? '—'}`).join('; ');
			rows.push(
				[
					e.id, e.at, e.actor, e.role, e.address, e.action, e.entity, e.entityId, e.act?.participant ?? null, e.act?.instrument ?? null,
					e.summary, e.sourceId, e.reason, e.revision, changes, e.before, e.after
				].map(cell)
			);
		}
	} catch (e) {
		if (e instanceof audit.FilterError) error(400, e.message);
		throw e;
	}
	return new Response(toCsv(COLUMNS, rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="audit-log-${today()}.csv"`,
			// Who changed what, with addresses: for this reader only, never a shared cache.
			'cache-control': 'private, no-store'
		}
	});
};
