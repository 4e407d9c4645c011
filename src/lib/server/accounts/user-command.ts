// `npm run user:create -- --email … --role secretariat [--participant IND] [--name …]`: the first
// accounts, from the command line. The password is read from standard input when one is piped
// in; otherwise a one-time password is made and printed, once. Returns the exit code.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { AuthError } from './identity';
import * as users from './users';
import type { Db } from '../db';
import { ROLES } from '../../roles';

export const USAGE = `npm run user:create -- --email ADDRESS --role ${ROLES.join('|')} [--participant CODE] [--name NAME]  (password on standard input, or one is printed)`;

export async function run(db: Db, argv: string[], opts: { stdin: string | null; print?: (line: string) => void }): Promise<number> {
	const print = opts.print ?? console.log;
	let args;
	try {
		args = parseArgs({
			args: argv,
			options: { email: { type: 'string' }, role: { type: 'string' }, participant: { type: 'string' }, name: { type: 'string' } },
			strict: true
		}).values;
	} catch (e) {
		print(`user:create: ${(e as Error).message}\nusage: ${USAGE}`);
		return 2;
	}
	if (!args.email || !args.role) {
		print(`user:create: --email and --role are required\nusage: ${USAGE}`);
		return 2;
	}
	const piped = opts.stdin?.replace(/\r?\n$/, '') ?? '';
	const password = piped || randomBytes(15).toString('base64url');
	try {
		const user = await users.createUser(db, {
			email: args.email,
			role: args.role,
			participant: args.participant ?? null,
			name: args.name ?? null,
			password,
			actor: 'command line: user:create'
		});
		print(`created ${user.email}, ${user.role}${user.participant ? ` of ${user.participant}` : ''}; sign in at /login`);
		if (!piped) print(`one-time password (shown once; change it after signing in): ${password}`);
		return 0;
	} catch (e) {
		if (e instanceof AuthError) {
			print(`user:create: --${e.field}: ${e.message}`);
			return 1;
		}
		throw e;
	}
}
