// The built app (scripts/serve.js) as a child process on its own database and port, for the
// benchmark, the load test and the end-to-end tests that need a server of their own (the crash
// test kills one, the shutdown test stops one).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPostgres } from './database.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A port free on loopback now. @returns {Promise<number>} */
export function freePort() {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
			s.close(() => resolve(port));
		});
	});
}

/**
 * Starts `node scripts/serve.js` on 127.0.0.1 on `database` and waits until /healthz answers 200
 * (a server that never does is killed). `database` is a SQLite file (DATABASE_PATH; built from
 * `dataDir` when missing) or a PostgreSQL address, postgres://… (DATABASE_URL; migrated and seeded
 * from `dataDir` when new — several servers started on it at once wait for the first); the other
 * variable is left out of the server's environment, whatever this process has.
 * The server's output is ignored, piped (`child.stdout` and `child.stderr`: read them, or the
 * server stalls once a pipe is full), or written to this process's stderr.
 * @param {{ database: string, dataDir?: string, port?: number, env?: NodeJS.ProcessEnv, stdio?: 'ignore' | 'pipe' | 'stderr' }} opts
 */
export async function startServer(opts) {
	const port = opts.port ?? (await freePort());
	const base = `http://127.0.0.1:${port}`;
	// one database, the one named here (an inherited DATABASE_URL would win over DATABASE_PATH)
	const database = isPostgres(opts.database) ? { DATABASE_URL: opts.database, DATABASE_PATH: undefined } : { DATABASE_URL: undefined, DATABASE_PATH: opts.database };
	/** @type {NodeJS.ProcessEnv} */
	const env = {
		...process.env,
		...database,
		DATA_DIR: opts.dataDir ?? 'data',
		HOST: '127.0.0.1',
		PORT: String(port),
		ORIGIN: base,
		// as npm start runs it: glibc's malloc keeps fewer arenas (the thread pool's compression
		// would otherwise hold ~20–40 MiB more)
		MALLOC_ARENA_MAX: '2',
		...opts.env
	};
	const out = opts.stdio === 'stderr' ? 2 : (opts.stdio ?? 'ignore');
	const child = spawn(process.execPath, ['scripts/serve.js'], { cwd: root, env, stdio: ['ignore', out, out] });
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	try {
		await waitReady(base, exited);
	} catch (e) {
		child.kill('SIGKILL');
		throw e;
	}
	return {
		base,
		port,
		env,
		child,
		/** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
		exited,
		/** Sends `signal` (SIGTERM: a graceful stop) and resolves with how the process ended. */
		stop(signal = /** @type {NodeJS.Signals} */ ('SIGTERM')) {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			return exited;
		}
	};
}

/**
 * Polls /healthz until it answers 200 (a minute at most: a first start builds the database).
 * @param {string} base
 * @param {Promise<unknown>} [exited] rejects early when the process has ended
 */
export async function waitReady(base, exited) {
	let ended = false;
	exited?.then(() => (ended = true));
	for (let i = 0; i < 600 && !ended; i++) {
		try {
			if ((await fetch(`${base}/healthz`)).status === 200) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(ended ? `the server for ${base} exited before it was ready` : `the server at ${base} did not start`);
}

/**
 * Signs in through the login form, as a browser without JavaScript does; the session cookie.
 * @param {string} base @param {string} email @param {string} password
 */
export async function signIn(base, email, password) {
	const r = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
		body: new URLSearchParams({ email, password })
	});
	const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
	if (!cookie.startsWith('session=')) throw new Error(`signing in as ${email} failed: ${r.status}`);
	return cookie;
}

/** Builds the app when build/ is missing or older than its sources (scripts/build-if-needed.js). */
export function buildIfNeeded() {
	const built = spawnSync(process.execPath, ['scripts/build-if-needed.js'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	if (built.status !== 0) throw new Error('the app did not build');
}

/**
 * A database file in a temporary folder of its own (`name`.db), and a way to remove the folder.
 * @param {string} name
 */
export function scratchDatabase(name) {
	const dir = mkdtempSync(join(tmpdir(), `treaty-tracker-${name}-`));
	return { file: join(dir, `${name}.db`), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A PostgreSQL database of its own, `name`, made through `admin` (an address whose role may
 * create databases): its address, the server's version, and a way to drop it (`with (force)`:
 * connections still open are ended; PostgreSQL 15 checkpoints to drop, so that can take seconds).
 * @param {string} admin @param {string} name
 * @returns {Promise<{ url: string, version: string, remove: () => Promise<void> }>}
 */
export async function scratchPostgres(admin, name) {
	const { default: pg } = await import('pg');
	const client = new pg.Client({ connectionString: admin });
	await client.connect();
	const drop = () => client.query(`drop database if exists "${name}" with (force)`);
	let version;
	try {
		await drop();
		await client.query(`create database "${name}"`);
		version = (await client.query('show server_version')).rows[0].server_version;
	} catch (e) {
		await client.end();
		throw e;
	}
	const url = new URL(admin);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		version,
		remove: async () => {
			try {
				await drop();
			} finally {
				await client.end();
			}
		}
	};
}

/**
 * Runs `node script …args` in the project, its standard input `input` when given, and resolves
 * with how it ended and what it printed. Asynchronous, unlike spawnSync: the Vite-based commands
 * take seconds each, several can run at once, and the caller's event loop keeps running (a
 * keep-alive connection the server closed in the meantime is seen as closed, not reused).
 * @param {string} script @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, input?: string }} [opts]
 * @returns {Promise<{ status: number | null, stdout: string, stderr: string }>}
 */
export function runScript(script, args, opts = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [script, ...args], { cwd: root, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (status) => resolve({ status, stdout, stderr }));
		child.stdin.end(opts.input ?? '');
	});
}

/**
 * `npm run user:create`'s arguments for `user`.
 * @param {{ email: string, role: string, participant?: string | null }} user
 */
function userArgs(user) {
	return ['--email', user.email, '--role', user.role, ...(user.participant ? ['--participant', user.participant] : [])];
}

/**
 * Makes an account with `npm run user:create` in the database of `env` (DATABASE_URL or
 * DATABASE_PATH, DATA_DIR: a server's `env` names its own),
 * its password given on standard input; rejects with the command's output when it fails.
 * @param {NodeJS.ProcessEnv} env
 * @param {{ email: string, role: string, participant?: string | null }} user
 * @param {string} password
 */
export async function createUser(env, user, password) {
	const r = await runScript('scripts/user-create.js', userArgs(user), { env, input: `${password}\n` });
	if (r.status !== 0) throw new Error(`user:create ${user.email} failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * `npm run user:create` (`{ user, password }`) and `npm run draw` (`{ draw: [...args] }`) commands,
 * one after another in one process (scripts/run-commands.js: the same command modules, one Vite
 * start for all), in the database of `env`. Resolves with what each printed, in order; rejects
 * when one fails (a draw may end 1: written, with the problems it reports).
 * @param {NodeJS.ProcessEnv} env
 * @param {({ user: { email: string, role: string, participant?: string | null }, password: string } | { draw: string[] })[]} commands
 * @returns {Promise<{ stdout: string, stderr: string }[]>}
 */
export async function runCommands(env, commands) {
	const input = commands.map((c) => ('draw' in c ? { command: 'draw', args: c.draw } : { command: 'user:create', args: userArgs(c.user), stdin: `${c.password}\n` }));
	const r = await runScript('scripts/run-commands.js', [], { env, input: JSON.stringify(input) });
	if (r.status !== 0) throw new Error(`run-commands failed:\n${r.stdout}\n${r.stderr}`);
	/** @type {{ command: string, args: string[], code: number, stdout: string, stderr: string }[]} */
	const results = JSON.parse(r.stdout);
	for (const x of results) {
		if (x.code !== 0 && !(x.command === 'draw' && x.code === 1)) throw new Error(`${x.command} ${x.args.join(' ')} failed (${x.code}):\n${x.stdout}\n${x.stderr}`);
	}
	return results.map(({ stdout, stderr }) => ({ stdout, stderr }));
}
