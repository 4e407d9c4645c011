// The message catalogue is complete: every message of messages/<area>/en.json is in each other
// language's file of that area, with the same placeholders, no message is there twice or left
// empty, every area is in project.inlang/settings.json, and every message is used by the code
// (`m.<key>` in src/). Fails (exit 1) listing each problem: `node scripts/i18n-check.js`;
// tests/unit/i18n.test.ts runs it in `npm test`.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const SCHEMA = '$schema';

/** @param {string} file @returns {any} */
function readJson(file) {
	return JSON.parse(readFileSync(file, 'utf8'));
}

/** @param {string} dir @param {(name: string) => boolean} keep @returns {string[]} */
function files(dir, keep) {
	const out = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) {
			if (name !== 'paraglide') out.push(...files(path, keep));
		} else if (keep(name)) out.push(path);
	}
	return out;
}

/** The placeholders a message's text names ({count}, {name}), as a sorted list; variants: every text's. */
/** @param {unknown} message */
function placeholders(message) {
	const texts = typeof message === 'string' ? [message] : JSON.stringify(message).match(/"(?:[^"\\]|\\.)*"/g) ?? [];
	const names = new Set();
	for (const t of texts) for (const [, n] of t.matchAll(/\{(\w+)\}/g)) names.add(n);
	return [...names].sort().join(',');
}

/** @param {unknown} message */
function isEmpty(message) {
	return typeof message === 'string' ? message.trim() === '' : !message || JSON.stringify(message) === '[]';
}

/**
 * @param {{ root?: string, messages?: string, src?: string[], settings?: string }} [at]
 * @returns {{ problems: string[], counts: Record<string, number> }}
 */
export function checkMessages(at = {}) {
	const root = at.root ?? process.cwd();
	const messagesDir = join(root, at.messages ?? 'messages');
	const settings = readJson(join(root, at.settings ?? 'project.inlang/settings.json'));
	const locales = settings.locales;
	const base = settings.baseLocale;
	const patterns = [settings['plugin.inlang.messageFormat'].pathPattern].flat();
	/** @type {string[]} */
	const problems = [];
	/** @type {Map<string, string>} */
	const owner = new Map();
	/** @type {Record<string, number>} */
	const counts = {};
	for (const area of readdirSync(messagesDir).sort()) {
		const dir = join(messagesDir, area);
		if (!statSync(dir).isDirectory()) continue;
		if (!patterns.includes(`./messages/${area}/{locale}.json`)) problems.push(`messages/${area}: not in project.inlang/settings.json's pathPattern`);
		const baseFile = join(dir, `${base}.json`);
		if (!existsSync(baseFile)) {
			problems.push(`messages/${area}/${base}.json: missing`);
			continue;
		}
		const english = readJson(baseFile);
		const keys = Object.keys(english).filter((k) => k !== SCHEMA);
		counts[area] = keys.length;
		for (const key of keys) {
			if (owner.has(key)) problems.push(`${key}: in messages/${owner.get(key)} and messages/${area}`);
			owner.set(key, area);
			if (isEmpty(english[key])) problems.push(`messages/${area}/${base}.json: ${key} is empty`);
		}
		for (const loc of locales) {
			if (loc === base) continue;
			const file = join(dir, `${loc}.json`);
			if (!existsSync(file)) {
				problems.push(`messages/${area}/${loc}.json: missing`);
				continue;
			}
			const other = readJson(file);
			for (const key of keys) {
				if (!(key in other)) problems.push(`messages/${area}/${loc}.json: ${key} is missing`);
				else if (isEmpty(other[key])) problems.push(`messages/${area}/${loc}.json: ${key} is empty`);
				else if (placeholders(other[key]) !== placeholders(english[key])) {
					problems.push(`messages/${area}/${loc}.json: ${key} has placeholders {${placeholders(other[key])}}, English has {${placeholders(english[key])}}`);
				}
			}
			for (const key of Object.keys(other)) {
				if (key !== SCHEMA && !(key in english)) problems.push(`messages/${area}/${loc}.json: ${key} is not in ${base}.json`);
			}
		}
	}
	// used: m.key or m['key'] in the code that imports the messages as `m`
	const code = (at.src ?? ['src'])
		.flatMap((/** @type {string} */ d) => files(join(root, d), (n) => /\.(ts|js|svelte)$/.test(n)))
		.map((f) => readFileSync(f, 'utf8'))
		.filter((text) => /import \{ m \} from '\$lib\/paraglide\/messages(\.js)?'/.test(text))
		.join('\n');
	const used = new Set([...code.matchAll(/\bm\.(\w+)|\bm\[['"](\w+)['"]\]/g)].map((x) => x[1] ?? x[2]));
	for (const [key, area] of owner) if (!used.has(key)) problems.push(`messages/${area}: ${key} is not used in ${(at.src ?? ['src']).join(', ')}`);
	for (const key of used) if (!owner.has(key)) problems.push(`m.${key}: no such message`);
	return { problems, counts };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { problems, counts } = checkMessages();
	const total = Object.values(counts).reduce((a, b) => a + b, 0);
	if (problems.length) {
		console.error(`${problems.length} problem(s) in the message catalogue:\n${problems.map((p) => `  ${p}`).join('\n')}`);
		process.exit(1);
	}
	console.log(`messages complete: ${total} messages × 6 languages (${Object.entries(counts).map(([a, n]) => `${a} ${n}`).join(', ')})`);
}
