// The load test in small (`npm run test:load` runs it for longer): readers, editors and a focal
// point at once on a server of its own; no 5xx, no acknowledged write lost, a sound database.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('under a mixed load: no 5xx, every acknowledged write kept, integrity ok', async () => {
	test.setTimeout(180_000);
	const run = spawnSync(process.execPath, ['scripts/load.js', '--seconds', '8', '--readers', '8', '--editors', '2', '--json', '--built'], { cwd: root, encoding: 'utf8', timeout: 170_000 });
	const line = run.stdout.trim().split('\n').pop() ?? '';
	expect(line.startsWith('{'), `no report from test:load:\n${run.stdout}\n${run.stderr.slice(-3000)}`).toBe(true);
	const report = JSON.parse(line);
	test.info().annotations.push({ type: 'load', description: JSON.stringify(report.rows.map((r: { kind: string; requests: number; p99: number }) => [r.kind, r.requests, Math.round(r.p99)])) });
	expect(report.integrity).toBe('ok');
	expect(report.lost).toEqual({ corrections: [], answers: [] });
	for (const row of report.rows) {
		expect(row.fivexx, row.kind).toBe(0);
		expect(row.errors, row.kind).toBe(0);
		expect(row.requests, row.kind).toBeGreaterThan(0);
	}
	expect(report.rows.find((r: { kind: string }) => r.kind === 'corrections (API)').acknowledged).toBeGreaterThan(0);
	expect(report.rows.find((r: { kind: string }) => r.kind === 'answers saved (form)').acknowledged).toBeGreaterThan(0);
	expect(run.status).toBe(0);
});
