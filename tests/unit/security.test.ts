// Attacks on what the app keeps private, written as the attacker would try them: an editor
// reading the audit log for review work and accounts, a redirect after sign-in to another site,
// an email on a public page. (Throttling, timing and tokens: auth.test.ts; the HTTP side,
// with a real server: tests/e2e/security.test.ts.)
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { actorOf, type SignedIn } from '../../src/lib/server/accounts/identity';
import * as accounts from '../../src/lib/server/accounts/users';
import * as questionnaire from '../../src/lib/server/reviews/questionnaire';
import * as reviews from '../../src/lib/server/reviews/reviews';
import { localPath } from '../../src/lib/server/http/origin';
import { load as auditPage } from '../../src/routes/audit/+page.server';
import { GET as auditCsv } from '../../src/routes/audit/export.csv/+server';
import { load as sourcesPage } from '../../src/routes/sources/+page.server';
import { freshDb } from './db';

const PASSWORD = 'a long enough passphrase';
const SECRET = 'Draft answer nobody outside the review may read';
const FOCAL_ADDRESS = '198.51.100.23';

let db: Db;
let users: Record<'secretariat' | 'editor' | 'focal', SignedIn>;

/** India under review (Pakistan and France drawn), its focal point saving a draft answer from its own address. */
async function reviewWithADraft() {
	const { id: draw } = await db
		.insertInto('review_draws')
		.values({ cycle_id: 'untoc-1', seed: 1, algorithm: 'scenario', parties_on: '2020-10-12', result: '[]', problems: '[]', drawn_by: 'test', drawn_at: '2020-10-12T00:00:00Z' })
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const reviewer of ['PAK', 'FRA']) {
		await db.insertInto('review_reviewers').values({ cycle_id: 'untoc-1', state_code: 'IND', instrument_slug: 'untoc', reviewer_code: reviewer, draw_id: draw, replaced_at: null, replaced_reason: null, replaced_by: null }).execute();
	}
	const secretariat = actorOf(users.secretariat, null);
	const [id] = await reviews.launch(db, { cycleId: 'untoc-1', cluster: 1, startGroup: 1, states: ['IND'], on: '2020-10-12', actor: secretariat });
	const r = (await reviews.get(db, id))!;
	const focal = reviews.personOf(users.focal, FOCAL_ADDRESS);
	await questionnaire.saveAnswer(db, r, focal, { instrument: 'untoc', article: '5', text: SECRET, status: null, legislation: [], basedOn: r.version });
}

function event(user: SignedIn, path: string) {
	// what SvelteKit hands a handler, as far as these read it
	return { locals: { db, user, address: null }, url: new URL(path, 'http://127.0.0.1'), params: {} } as never;
}

async function world() {
	db = await freshDb();
	const make = (email: string, role: string, participant: string | null) => accounts.createUser(db, { email, role, participant, password: PASSWORD, actor: 'a test' });
	users = {
		secretariat: await make('secretariat@example.org', 'secretariat', null),
		editor: await make('editor@example.org', 'editor', null),
		focal: await make('focal.point@example.org', 'focal-point', 'IND')
	};
	await reviewWithADraft();
}

describe('the redirect after signing in', () => {
	const origin = 'http://127.0.0.1:4173';
	it.each(['/\\evil.example', '/\t/evil.example', '//evil.example', '/.//evil.example', '/fr/..//evil.example', '/\\/evil.example', 'https://evil.example/', 'javascript:alert(1)', 'evil.example', '/%5C%5Cevil.example'.replace(/%5C/g, '\\')])(
		'%j leads nowhere else',
		(to) => {
			const path = localPath(to, origin);
			if (path !== null) expect(new URL(path, origin).origin).toBe(origin);
			expect(path === null || path.startsWith('/')).toBe(true);
			expect(path === null || !path.startsWith('//')).toBe(true);
		}
	);

	it('keeps a path of the site, with its query and fragment', () => {
		expect(localPath('/instruments/untoc?asOf=2010-01-01#participants', origin)).toBe('/instruments/untoc?asOf=2010-01-01#participants');
		expect(localPath('/\\evil.example', origin)).toBeNull();
		expect(localPath('/\t/evil.example', origin)).toBeNull();
	});
});


describe('the audit log, read by an editor', () => {
	beforeEach(world);

	it('the page and its data hold no review work, no account change and no address', async () => {
		const data = await auditPage(event(users.editor, '/audit'));
		const json = JSON.stringify(data);
		expect(json).not.toContain(SECRET);
		expect(json).not.toContain(FOCAL_ADDRESS);
		expect(json).not.toContain('focal.point@example.org');
		expect(data.found.entries.map((e) => e.entity).filter((e) => e !== 'act' && e !== 'source')).toEqual([]);
		expect(data.options.entities).not.toContain('review');
		expect(data.options.entities).not.toContain('user');
	});

	it('/audit/export.csv?entity=review is refused, naming the field; the whole CSV holds no review work', async () => {
		await expect(auditCsv(event(users.editor, '/audit/export.csv?entity=review'))).rejects.toMatchObject({ status: 400, body: { message: expect.stringMatching(/^entity: "review" is not a kind of thing/) } });
		const csv = await (await auditCsv(event(users.editor, '/audit/export.csv'))).text();
		expect(csv).not.toContain(SECRET);
		expect(csv).not.toContain(FOCAL_ADDRESS);
		expect(csv).not.toMatch(/,user,|,review,/);
	});

	it('cannot find out who has an account by filtering on an email', async () => {
		await expect(auditCsv(event(users.editor, '/audit/export.csv?user=focal.point@example.org'))).rejects.toMatchObject({ status: 400 });
		await expect(auditCsv(event(users.editor, '/audit/export.csv?user=nobody@example.org'))).rejects.toMatchObject({ status: 400 });
	});

	it('the secretariat reads all of it, addresses included', async () => {
		const csv = await (await auditCsv(event(users.secretariat, '/audit/export.csv?entity=review'))).text();
		expect(csv).toContain(FOCAL_ADDRESS);
		expect(csv).toContain(SECRET);
		const data = await auditPage(event(users.secretariat, '/audit?entity=user'));
		expect(data.found.total).toBe(3);
	});
});

describe('the sources page', () => {
	beforeEach(world);

	it('says by whose role a source was brought in, never the email', async () => {
		await db.updateTable('sources').set({ added_by: users.editor.email }).where('id', '=', (await db.selectFrom('sources').select('id').limit(1).executeTakeFirstOrThrow()).id).execute();
		const data = await sourcesPage({ ...(event(users.editor, '/sources') as object), locals: { db, user: null } } as never);
		const json = JSON.stringify(data);
		expect(json).not.toContain('@example.org');
		expect(json).toContain('"broughtInBy":"an editor of the record"');
	});
});
