// Operations: the health check, one JSON log line per request, and a graceful stop — on SIGTERM
// the server finishes the request in flight (a correction whose body is still arriving), then
// closes its database (the write-ahead log checkpointed and removed) and exits 0.
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { createUser, scratchDatabase, signIn, startServer } from '../../scripts/server-process.js';
import { PASSWORD } from './users';

test('health check, request logs, and a stop that finishes the request in flight and closes the database', async () => {
	test.setTimeout(120_000);
	const scratch = scratchDatabase('ops');
	const file = scratch.file;
	const server = await startServer({ database: file, stdio: 'pipe' });
	const lines: Record<string, unknown>[] = [];
	let partial = '';
	server.child.stdout!.on('data', (chunk: Buffer) => {
		const text = partial + chunk.toString();
		const all = text.split('\n');
		partial = all.pop()!;
		for (const l of all) if (l.trim()) lines.push(JSON.parse(l));
	});
	const logged = (pred: (l: Record<string, unknown>) => boolean) => expect.poll(() => lines.some(pred), { timeout: 5000 }).toBe(true);
	try {
		const health = await fetch(`${server.base}/healthz`);
		expect(health.status).toBe(200);
		expect(health.headers.get('cache-control')).toBe('no-store');
		const body = await health.json();
		expect(body.status).toBe('ok');
		expect(body.database.journalMode).toBe('wal');
		expect(Number.isInteger(body.database.revision)).toBe(true);

		expect((await fetch(`${server.base}/instruments/untoc`)).status).toBe(200);
		await logged((l) => l.msg === 'request' && l.method === 'GET' && l.path === '/instruments/untoc' && l.status === 200 && typeof l.ms === 'number');
		// an invitation's token is never written to the log
		await fetch(`${server.base}/invitation/a-secret-invitation-token`);
		await logged((l) => l.path === '/invitation/…');
		expect(JSON.stringify(lines)).not.toContain('a-secret-invitation-token');

		await createUser(server.env, { email: 'ops@e2e.example.org', role: 'editor' }, PASSWORD);
		const cookie = await signIn(server.base, 'ops@e2e.example.org', PASSWORD);
		const read = new Database(file, { readonly: true });
		const act = read.prepare("select act_id as id, version, source_id as source from current_acts where instrument_slug = 'untoc' and act = 'consent' and retracted = 0 order by act_id limit 1").get() as { id: number; version: number; source: string };
		read.close();

		// a correction whose body arrives in two halves, with SIGTERM between them
		const note = 'checked against the depositary during a graceful stop';
		const payload = Buffer.from(JSON.stringify({ basedOn: act.version, changes: { note }, source: act.source, reason: 'operations test' }));
		const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
			const req = http.request(`${server.base}/api/v1/acts/${act.id}/corrections`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'content-length': payload.length, cookie, origin: server.base }
			});
			req.on('response', (res) => {
				let text = '';
				res.on('data', (c) => (text += c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
			});
			req.on('error', reject);
			req.write(payload.subarray(0, 20));
			setTimeout(() => {
				server.child.kill('SIGTERM');
				setTimeout(() => {
					expect(server.child.exitCode).toBeNull();
					req.end(payload.subarray(20));
				}, 500);
			}, 200);
		});
		const { status, text } = await answered;
		expect(status, text).toBe(201);
		expect(await server.exited).toEqual({ code: 0, signal: null });
		await logged((l) => l.msg === 'database closed');
		await logged((l) => typeof l.msg === 'string' && l.msg.startsWith('shutting down'));
		// closed cleanly: the log was checkpointed into the file and removed
		expect(existsSync(`${file}-wal`)).toBe(false);
		const db = new Database(file, { readonly: true });
		try {
			expect(db.prepare('select count(*) as n from act_versions where note = ?').get(note)).toEqual({ n: 1 });
		} finally {
			db.close();
		}
		await expect(fetch(`${server.base}/healthz`)).rejects.toThrow();
	} finally {
		await server.stop();
		scratch.remove();
	}
});
