import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import * as audit from '$lib/server/audit/log';
import { log } from '$lib/server/http/log';

// For a load balancer or a supervisor: 200 when the database answers a read, 503 when it does
// not. Never cached (hooks.server.ts leaves it out of the page cache).
export const GET: RequestHandler = async ({ locals }) => {
	const headers = { 'cache-control': 'no-store' };
	try {
		const started = performance.now();
		const revision = await audit.revision(locals.db);
		const publicRevision = audit.publicState(locals.db).revision;
		const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(locals.db);
		const ms = Math.round((performance.now() - started) * 100) / 100;
		return json({ status: 'ok', database: { revision, publicRevision, journalMode: rows[0]?.journal_mode ?? null, ms } }, { headers });
	} catch (e) {
		log.error({ err: e }, 'health check: the database did not answer');
		return json({ status: 'unavailable', database: 'the database did not answer a read' }, { status: 503, headers });
	}
};
