// Before the tests, with the deployment's own commands, in the test server's database: one
// account per role (`npm run user:create`, password piped in); the lots of review cycle untoc-1
// drawn with a published seed (`npm run draw -- --apply`); and, for each project's review
// journey, accounts for the State under review's focal point and for the focal point of one of
// the States the draw gave it as reviewers (which ones depends on the draw, so they are made
// here and written to output/review-accounts.json for the tests).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCommands } from '../../scripts/server-process.js';
import { PASSWORD, REVIEW, USERS } from './users';

// (an empty DATABASE_URL: a PostgreSQL address in the caller's environment must not be written to)
const env = { ...process.env, DATABASE_URL: '', DATABASE_PATH: process.env.E2E_DATABASE ?? 'tests/e2e/output/e2e.db', DATA_DIR: 'tests/e2e/output/data' };
const account = (email: string, role: string, participant: string | null) => ({ user: { email, role, participant }, password: PASSWORD });

// The commands run one after another in one process (scripts/run-commands.js), twice: the review
// accounts depend on the draw.
export default async function setup() {
	const out = await runCommands(env, [
		...Object.values(USERS).map((u) => account(u.email, u.role, u.participant)),
		{ draw: ['--cycle', REVIEW.cycle, '--seed', String(REVIEW.seed), '--json', '--apply'] }
	]);
	const drawn = out.at(-1)!;
	const assignments = JSON.parse(drawn.stdout) as { state: string; instrument: string; reviewers: string[] }[];
	const accounts: Record<string, { state: string; reviewing: string; reviewers: string[] }> = {};
	for (const [project, state] of Object.entries(REVIEW.states)) {
		const own = assignments.filter((a) => a.state === state);
		if (!own.length) throw new Error(`the draw gave ${state} no reviewers:\n${drawn.stderr}`);
		const reviewers = [...new Set(own.flatMap((a) => a.reviewers))];
		accounts[project] = { state, reviewing: reviewers[0], reviewers };
	}
	await runCommands(
		env,
		Object.entries(accounts).flatMap(([project, a]) => [
			account(REVIEW.focalPoint(project), 'focal-point', a.state),
			account(REVIEW.reviewingFocalPoint(project), 'focal-point', a.reviewing),
			account(REVIEW.reviewingExpert(project), 'reviewer', a.reviewing)
		])
	);
	writeFileSync(fileURLToPath(new URL('output/review-accounts.json', import.meta.url)), JSON.stringify(accounts, null, '\t'));
}
