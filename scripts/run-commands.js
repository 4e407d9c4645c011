// Several of the deployment's commands — `npm run user:create` and `npm run draw` — one after
// another in one process, for the tests that need many accounts: each goes through the same
// command module as its script (src/lib/server/user-command.ts, review/draw-command.ts) with the
// same arguments and standard input, on the database at DATABASE_URL or DATABASE_PATH (seeded from DATA_DIR
// when missing), but Vite starts once instead of once per command (seconds each).
// Standard input: [{ command: 'user:create' | 'draw', args: [...], stdin?: '…' }] as JSON.
// Standard output: [{ command, args, code, stdout, stderr }] as JSON; exit 0 once all have run.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseTarget } from './database.js';
import { withVite } from './vite-load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = databaseTarget();
const dataDir = resolve(root, process.env.DATA_DIR ?? 'data');

let input = '';
for await (const chunk of process.stdin) input += chunk;
/** @type {{ command: string, args: string[], stdin?: string }[]} */
const commands = JSON.parse(input);

const MODULES = { 'user:create': '/src/lib/server/accounts/user-command.ts', draw: '/src/lib/server/reviews/draw-command.ts' };

const results = await withVite(async (load) => {
	const { openDatabase } = await load('/src/lib/server/sources/open.ts');
	const db = await openDatabase(file, { dataDir, log: (m) => console.error(m) });
	try {
		const out = [];
		for (const c of commands) {
			if (!(c.command in MODULES)) throw new Error(`run-commands: ${c.command}: not one of ${Object.keys(MODULES).join(', ')}`);
			const command = await load(MODULES[c.command]);
			const stdout = [];
			const stderr = [];
			const output = { print: (line) => stdout.push(line), error: (line) => stderr.push(line) };
			const code = await command.run(db, c.args, c.command === 'user:create' ? { stdin: c.stdin ?? null, ...output } : output);
			out.push({ command: c.command, args: c.args, code, stdout: stdout.join('\n'), stderr: stderr.join('\n') });
		}
		return out;
	} finally {
		await db.destroy();
	}
});
process.stdout.write(JSON.stringify(results));
