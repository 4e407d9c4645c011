// `npm run test:unit`: the unit suite on SQLite, then again on PostgreSQL when TEST_DATABASE_URL
// names a server whose role may create databases (.ci/run starts the machine's PostgreSQL and
// sets it; tests/unit/postgres-setup.ts makes and drops the run's databases). Extra arguments go
// to Vitest (a file, -t pattern). TEST_DATABASE=sqlite|postgres runs one leg only.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const args = process.argv.slice(2);
const only = process.env.TEST_DATABASE;
const url = process.env.TEST_DATABASE_URL;

/** @param {'sqlite' | 'postgres'} leg */
function run(leg) {
	console.log(`\nunit tests on ${leg === 'sqlite' ? 'SQLite' : `PostgreSQL (${url.replace(/:[^:@/]*@/, ':***@')})`}`);
	// On PostgreSQL every test's database is a pool of its own: small ones, closed soon when idle,
	// so that two files at a time stay within the server's connections.
	const pools = leg === 'postgres' ? { DATABASE_POOL_SIZE: '3', DATABASE_POOL_IDLE_MS: '1000' } : {};
	const r = spawnSync(process.execPath, [vitest, 'run', ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, ...pools, TEST_DATABASE: leg } });
	if (r.status !== 0) process.exit(r.status ?? 1);
}

if (only !== 'postgres') run('sqlite');
if (only === 'sqlite') process.exit(0);
if (url) run('postgres');
else if (only === 'postgres') {
	console.error('TEST_DATABASE=postgres needs TEST_DATABASE_URL (postgres://user:password@host/db, a role that may create databases)');
	process.exit(1);
} else console.log('\nunit tests on PostgreSQL: skipped — TEST_DATABASE_URL is not set (.ci/run sets it; see README "Testing")');
