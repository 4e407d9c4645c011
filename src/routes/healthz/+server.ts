import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { describeEngine, readRevisions, revisionsFresh } from '$lib/server/db';
import { log } from '$lib/server/http/log';

// For a load balancer or a supervisor: 200 when the database answers a read, 503 when it does
// not. Never cached (hooks.server.ts leaves it out of the page cache). `following` says whether
// this instance learns of other instances' writes as they commit (always on SQLite).
export const GET: RequestHandler = async ({ locals }) => {
	const headers = { 'cache-control': 'no-store' };
	try {
		const started = performance.now();
		const { revision, publicRevision } = await readRevisions(locals.db);
		const engine = await describeEngine(locals.db);
		const ms = Math.round((performance.now() - started) * 100) / 100;
		return json({ status: 'ok', database: { revision, publicRevision, ...engine, following: revisionsFresh(locals.db), ms } }, { headers });
	} catch (e) {
		log.error({ err: e }, 'health check: the database did not answer');
		return json({ status: 'unavailable', database: 'the database did not answer a read' }, { status: 503, headers });
	}
};
