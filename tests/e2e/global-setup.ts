// Before the tests, with the deployment's own commands, in the test server's database: one
// account per role (`npm run user:create`, password piped in); the lots of review cycle untoc-1
// drawn with a published seed (`npm run draw -- --apply`); and, for each project's review
// journey, accounts for the State under review's focal point and for the focal point of one of
// the States the draw gave it as reviewers (which ones depends on the draw, so they are made
// here and written to output/review-accounts.json for the tests).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createUser } from '../../scripts/server-process.js';
import { PASSWORD, REVIEW, USERS } from './users';

const root = fileURLToPath(new URL('../..', import.meta.url));
const env = { ...process.env, DATABASE_PATH: process.env.E2E_DATABASE ?? 'tests/e2e/output/e2e.db', DATA_DIR: 'tests/e2e/output/data' };

function userCreate(email: string, role: string, participant: string | null) {
	createUser(env, { email, role, participant }, PASSWORD);
}

export default function setup() {
	for (const u of Object.values(USERS)) userCreate(u.email, u.role, u.participant);

	const draw = spawnSync(process.execPath, ['scripts/draw.js', '--cycle', REVIEW.cycle, '--seed', String(REVIEW.seed), '--json', '--apply'], { cwd: root, encoding: 'utf8', env });
	// 1: written, with the problems the data cannot avoid reported (States in no regional group)
	if (draw.status !== 0 && draw.status !== 1) throw new Error(`draw failed:\n${draw.stdout}\n${draw.stderr}`);
	const assignments = JSON.parse(draw.stdout) as { state: string; instrument: string; reviewers: string[] }[];
	const accounts: Record<string, { state: string; reviewing: string; reviewers: string[] }> = {};
	for (const [project, state] of Object.entries(REVIEW.states)) {
		const own = assignments.filter((a) => a.state === state);
		if (!own.length) throw new Error(`the draw gave ${state} no reviewers:\n${draw.stderr}`);
		const reviewers = [...new Set(own.flatMap((a) => a.reviewers))];
		accounts[project] = { state, reviewing: reviewers[0], reviewers };
		userCreate(REVIEW.focalPoint(project), 'focal-point', state);
		userCreate(REVIEW.reviewingFocalPoint(project), 'focal-point', reviewers[0]);
		userCreate(REVIEW.reviewingExpert(project), 'reviewer', reviewers[0]);
	}
	writeFileSync(fileURLToPath(new URL('output/review-accounts.json', import.meta.url)), JSON.stringify(accounts, null, '\t'));
}
