// The signed-in pages' words in the request's language: sign-in refusals, the throttle's wait,
// password rules, invitations, the freshness board's reasons and an import's completeness — in
// French and Arabic as /fr/… and /ar/… ask, and in English exactly as before. And the sign-in's
// way back (`next`) stays a path of this site once it is put in the page's language.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import * as identity from '../../src/lib/server/accounts/identity';
import * as invitations from '../../src/lib/server/accounts/invitations';
import * as passwords from '../../src/lib/server/accounts/passwords';
import * as sessions from '../../src/lib/server/accounts/sessions';
import * as users from '../../src/lib/server/accounts/users';
import { waitMessage } from '../../src/lib/server/accounts/throttle';
import { PERMISSIONS, refusal, type RoleAction } from '../../src/lib/server/accounts/permissions';
import { completeness } from '../../src/lib/server/sources/completeness';
import { board } from '../../src/lib/server/sources/freshness';
import { load } from '../../src/routes/login/+page.server';
import { freshDb } from './db';
import { inLocale } from './locale';

const PASSWORD = 'a long enough passphrase';
let db: Db;
beforeEach(async () => {
	db = await freshDb();
	await users.createUser(db, { email: 'secretariat@example.org', role: 'secretariat', password: PASSWORD, actor: 'a test' });
});

describe('signing in, in three languages', () => {
	it('a wrong password is refused in the language of the page', async () => {
		const attempt = () => sessions.signIn(db, { email: 'secretariat@example.org', password: 'not the password', address: null });
		expect(await inLocale('en', attempt)).toMatchObject({ ok: false, message: 'That email and password do not match an account.' });
		expect(await inLocale('fr', attempt)).toMatchObject({ ok: false, message: 'Cette adresse électronique et ce mot de passe ne correspondent à aucun compte.' });
		expect(await inLocale('ar', attempt)).toMatchObject({ ok: false, message: 'لا يطابق هذا البريد الإلكتروني وكلمة المرور هذه أي حساب.' });
	});

	it('the throttle says how long to wait, with the language’s plural', async () => {
		expect(await inLocale('en', () => waitMessage(1))).toBe('Too many failed sign-ins: try again in 1 minute.');
		expect(await inLocale('en', () => waitMessage(4, 'attempts'))).toBe('Too many failed attempts: try again in 4 minutes.');
		expect(await inLocale('fr', () => waitMessage(4))).toBe('Trop de tentatives de connexion infructueuses : réessayez dans 4 minutes.');
		expect(await inLocale('ru', () => waitMessage(2))).toBe('Слишком много неудачных попыток входа: повторите через 2 минуты.');
		expect(await inLocale('ru', () => waitMessage(5))).toBe('Слишком много неудачных попыток входа: повторите через 5 минут.');
		expect(await inLocale('ar', () => waitMessage(2))).toBe('عدد محاولات تسجيل الدخول الفاشلة كبير جداً: حاول مرة أخرى بعد دقيقتين.');
	});

	it('password rules, as a form shows them beside the field', async () => {
		const rule = () => identity.sentence(passwords.passwordProblem('short')!);
		expect(await inLocale('en', rule)).toBe('A password needs at least 12 characters.');
		expect(await inLocale('fr', rule)).toBe('Un mot de passe doit compter au moins 12 caractères.');
		expect(await inLocale('ar', rule)).toBe('يجب ألا تقل كلمة المرور عن 12 حرفاً.');
		// a Chinese sentence ends with its own full stop, once
		expect(await inLocale('zh', rule)).toBe('密码至少需要 12 个字符。');
	});

	it('an unknown invitation link says what to do, in the language of the page', async () => {
		const found = () => invitations.invitation(db, 'no-such-token');
		expect(await inLocale('en', found)).toEqual({ problem: 'This invitation link is not valid: ask the secretariat for a new one.' });
		expect(await inLocale('fr', found)).toEqual({ problem: 'Ce lien d’invitation n’est pas valide : demandez-en un nouveau au secrétariat.' });
		expect(await inLocale('ar', found)).toEqual({ problem: 'رابط الدعوة هذا غير صالح: اطلب رابطاً جديداً من الأمانة.' });
	});
});

describe('a page refused for want of a role', () => {
	it('says in English what the table of permissions says, word for word', async () => {
		for (const action of Object.keys(PERMISSIONS) as RoleAction[]) {
			expect(await inLocale('en', () => refusal(null, action))).toMatch(new RegExp(`^To ${PERMISSIONS[action].what} you need (an account|the .+ role): sign in first\\.$`));
		}
	});

	it('says it in French and Arabic, naming who asks', async () => {
		const focal = { id: 3, email: 'fp@example.org', role: 'focal-point' as const, participant: 'IND' };
		expect(await inLocale('fr', () => refusal(focal, 'users.manage'))).toBe(
			'Pour inviter des personnes et gérer les comptes, il faut le rôle de secrétariat ; vous êtes connecté(e) en tant que fp@example.org, point focal de IND.'
		);
		expect(await inLocale('ar', () => refusal(null, 'acts.edit'))).toBe('يلزم دور الأمانة أو محرر السجل من أجل إضافة إجراء في السجل أو تصحيحه أو سحبه: سجّل الدخول أولاً.');
	});
});

describe('the way back after signing in', () => {
	const nextOf = (locale: 'en' | 'fr' | 'ar', address: string) =>
		inLocale(locale, async () => ((await load({ locals: { user: null }, url: new URL(address) } as never)) as { next: string | null }).next);

	it('keeps a French page French, and puts an unprefixed one in the page’s language', async () => {
		expect(await nextOf('fr', 'http://127.0.0.1/fr/login?next=%2Ffr%2Faccount')).toBe('/fr/account');
		expect(await nextOf('fr', 'http://127.0.0.1/fr/login?next=%2Freviews%2Fmine%3Fstage%3Dfeedback')).toBe('/fr/reviews/mine?stage=feedback');
		expect(await nextOf('ar', 'http://127.0.0.1/ar/login?next=%2Faudit')).toBe('/ar/audit');
		expect(await nextOf('en', 'http://127.0.0.1/login?next=%2Finstruments%2Funtoc')).toBe('/instruments/untoc');
	});

	it('never leads to another site, not even once a language prefix is taken off', async () => {
		for (const to of ['/fr//evil.example', '/fr/\\evil.example', '/.//evil.example', '//evil.example', 'https://evil.example/']) {
			for (const locale of ['en', 'fr', 'ar'] as const) {
				const next = await nextOf(locale, `http://127.0.0.1/login?next=${encodeURIComponent(to)}`);
				expect(next, `${to} in ${locale}`).toMatch(/^\/(?![/\\])/);
				expect(new URL(next!, 'http://127.0.0.1').origin).toBe('http://127.0.0.1');
			}
		}
	});
});

describe('keeping the record current, in three languages', () => {
	it('the freshness board says why an instrument is at the top', async () => {
		const reasons = async (locale: 'en' | 'fr' | 'ar') => (await inLocale(locale, () => board(db, '2026-11-30'))).find((r) => r.slug === 'ilo-c181')!.reasons;
		expect((await reasons('en'))[0]).toBe('nothing recorded');
		expect((await reasons('fr'))[0]).toBe('rien d’enregistré');
		expect((await reasons('ar'))[0]).toBe('لا شيء مسجَّل');
		expect((await reasons('fr'))[1]).toMatch(/de retard sur le dernier total publié$/);
	});

	it('an import’s table says why it is complete', async () => {
		const stated = { parties: 3, signatories: 2 };
		const why = () => completeness([], [], { on: null, stated, read: { signatories: 2, consents: 3 } }).why;
		expect(await inLocale('en', why)).toBe('the record holds no participant by its date');
		expect(await inLocale('fr', why)).toBe('les données ne comptent aucun participant à sa date');
		expect(await inLocale('ar', why)).toBe('لا يتضمن السجل أي مشارك حتى تاريخه');
	});
});
