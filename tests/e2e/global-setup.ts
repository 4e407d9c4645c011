// Before the tests: one account per role in the test server's database, made with the same
// command a deployment uses (`npm run user:create`, password piped in).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PASSWORD, USERS } from './users';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default function setup() {
	for (const u of Object.values(USERS)) {
		const args = ['scripts/user-create.js', '--email', u.email, '--role', u.role, ...(u.participant ? ['--participant', u.participant] : [])];
		const r = spawnSync(process.execPath, args, {
			cwd: root,
			input: `${PASSWORD}\n`,
			encoding: 'utf8',
			env: { ...process.env, DATABASE_PATH: process.env.E2E_DATABASE ?? 'tests/e2e/output/e2e.db', DATA_DIR: 'tests/e2e/output/data' }
		});
		if (r.status !== 0) throw new Error(`user:create ${u.email} failed:\n${r.stdout}\n${r.stderr}`);
	}
}
