// The one file a command takes (`--to FILE`, `--from FILE`), resolved against where the command
// was typed; a missing or unknown option ends the command with its usage (exit 2).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export function fileOption(command, option) {
	const usage = `usage: npm run ${command} -- --${option} FILE`;
	let value;
	try {
		value = parseArgs({ options: { [option]: { type: 'string' } } }).values[option];
	} catch (e) {
		console.error(`${command}: ${e.message}\n${usage}`);
		process.exit(2);
	}
	if (!value) {
		console.error(`${command}: --${option}: give the file\n${usage}`);
		process.exit(2);
	}
	return resolve(process.cwd(), value);
}
