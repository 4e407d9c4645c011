import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { reviewerAccounts } from '$lib/server/accounts/users';
import * as flash from '$lib/server/http/flash';
import { can, mover, require, type ReviewAction } from '$lib/server/accounts/permissions';
import { allowed } from '$lib/server/reviews/change';
import * as reviews from '$lib/server/reviews/reviews';
import * as published from '$lib/server/reviews/published';
import * as evidence from '$lib/server/reviews/evidence';
import * as questionnaire from '$lib/server/reviews/questionnaire';
import * as progress from '$lib/server/reviews/progress';
import * as draws from '$lib/server/reviews/draws';
import * as stages from '$lib/review/stages';
import { today } from '$lib/dates';
import { l, stateName } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

function person(event: RequestEvent): reviews.Person {
	return reviews.personOf(require(event.locals, event.url, 'reviews.take-part'), event.locals.address);
}

/** The review, when the person may see it; a 404 otherwise (not even its existence is told). */
async function reviewFor(event: RequestEvent, p: reviews.Person): Promise<reviews.Review> {
	const review = await reviews.readable(event.locals.db, Number(event.params.id), p);
	if (!review) error(404, m.reviews_error_no_review_yours({ id: event.params.id }));
	return review;
}

/** The forms of the page, what each asks to be allowed, and the field a refusal is shown at. */
const FORMS = {
	answer: { action: 'review.answer', field: 'answer' },
	reply: { action: 'review.reply', field: 'reply' },
	comment: { action: 'review.comment', field: 'comment' },
	observe: { action: 'review.observe', field: 'observe' },
	name: { action: 'review.name', field: 'participant' },
	agree: { action: 'review.agree', field: 'agree' },
	summarise: { action: 'review.summarise', field: 'summary' },
	redraw: { action: 'review.redraw', field: 'reviewer' },
	followUp: { action: 'review.follow-up', field: 'observation' }
} as const satisfies Record<string, { action: ReviewAction; field: string }>;
type Form = keyof typeof FORMS;

/** Where on the page each form is, for a change not about one item of the questionnaire. */
const PLACE: Record<Form | 'move' | 'language', string> = {
	answer: 'h-questionnaire', reply: 'h-questionnaire', comment: 'h-questionnaire', observe: 'h-questionnaire', followUp: 'h-questionnaire',
	name: 'h-parties', redraw: 'h-parties', summarise: 'h-summary', agree: 'h-summary', move: 'h-stages', language: 'h-parties'
};

export const load = (async (event) => {
	// a reader with no account is sent to what anyone may read of it, once published
	if (!event.locals.user) {
		if (await published.find(event.locals.db, Number(event.params.id), { who: null })) redirect(303, l(`/reviews/${event.params.id}/published`));
	}
	const p = person(event);
	const review = await reviewFor(event, p);
	const f = reviews.facts(review);
	const settings = reviews.stageSettings(review);
	const on = today();
	const next = stages.next(f);
	// the States whose people this person may name; experts are named from their State's reviewer accounts
	const nameFor = [review.parties.state, ...review.parties.reviewers].filter((code) => can(p, 'review.name', { ...review.parties, for: code }));
	// the accounts each form offers: focal-point accounts to name a focal point, reviewer accounts to name an expert, of the States named for
	const withEmail = can(p, 'users.manage');
	const accounts = {
		'focal-point': await reviewerAccounts(event.locals.db, { participants: nameFor, withEmail, role: 'focal-point' }),
		expert: await reviewerAccounts(event.locals.db, { participants: nameFor, withEmail, role: 'reviewer' })
	};
	// the States' names in the page's language
	const names = new Map([[review.state.code, review.state.name], ...review.reviewers.flatMap((g) => g.codes.map((c, k) => [c, g.names[k]] as [string, string]))].map(([c, n]) => [c, stateName(c, n)]));
	return {
		review: { ...review, mechanism: { id: review.mechanism.id, shortTitle: review.mechanism.shortTitle } },
		facts: f,
		answering: reviews.answersOpen(review.stage),
		deadlines: stages.deadlines(f, settings),
		overdue: stages.overdue(f, settings, on),
		next,
		// to one who may not make the move: who will, not a refusal of something not offered
		canMoveNext: next
			? can(p, 'review.move', { ...review.parties, from: f.stage, to: next })
				? progress.moveVerdict(review, p, { to: next })
				: { ok: false as const, reason: mover(review.parties, next) }
			: null,
		// a form is offered only to those who may send it
		may: Object.fromEntries(Object.entries(FORMS).map(([form, { action }]) => [form, can(p, action, review.parties)])) as Record<Form, boolean>,
		// the secretariat sets the working language
		mayChangeLanguage: can(p, 'reviews.manage'),
		// the secretariat may move on past what the stage lacks, saying why
		override:
			next && can(p, 'reviews.manage') && can(p, 'review.move', { ...review.parties, from: f.stage, to: next }) && stages.gaps(f, next).length
				? { to: next, lacking: stages.gaps(f, next) }
				: null,
		overrides: await progress.overrides(event.locals.db, review.id),
		nameFor: nameFor.map((code) => ({ code, name: names.get(code) ?? code })),
		stateNames: Object.fromEntries(names),
		redraws: await progress.redraws(event.locals.db, review),
		flash: flash.take(event.cookies, event.url.pathname, p.id!),
		accounts,
		today: on
	};
}) satisfies PageServerLoad;

function text(form: FormData, name: string, max = 25000): string {
	const v = form.get(name);
	return typeof v === 'string' ? v.slice(0, max) : '';
}

/** The item of the questionnaire a form is about: its instrument and article. */
function item(form: FormData): { instrument: string; article: string } {
	return { instrument: text(form, 'instrument', 100), article: text(form, 'article', 20) };
}

/** The version of the review the form was made from: every form sends it, so a change made on an older page is a conflict. */
function basedOn(form: FormData): number {
	const raw = text(form, 'version', 20);
	if (!/^[1-9]\d{0,8}$/.test(raw)) throw new reviews.ReviewError('version', m.reviews_error_no_version());
	return Number(raw);
}

/**
 * Runs the change of a form if the person may send it (asked before the form is used; a move
 * asks who may move to the stage it names); a refusal comes back to the form naming the field,
 * at the item it concerns.
 */
async function change(event: RequestEvent, kind: Form | 'move' | 'language', fn: (r: reviews.Review, p: reviews.Person, form: FormData) => Promise<unknown>, notice: string) {
	const p = person(event);
	const review = await reviewFor(event, p);
	const form = await event.request.formData();
	const at = item(form);
	const slot = at.instrument && at.article ? `${at.instrument}|${at.article}` : null;
	try {
		if (kind !== 'move' && kind !== 'language') allowed(p, FORMS[kind].action, review.parties, FORMS[kind].field);
		await fn(review, p, form);
	} catch (e) {
		if (e instanceof reviews.ReviewError) return fail(e.status, { item: slot, role: kind === 'name' ? text(form, 'role', 20) : null, errors: { [e.field]: e.message } });
		throw e;
	}
	// the notice is shown beside what was saved, and the page opens there
	const place = slot ? `item-${slot.replace('|', '-')}` : PLACE[kind];
	flash.put(event.cookies, event.url, event.url.pathname, { for: p.id!, notice, at: place });
	redirect(303, `${event.url.pathname}#${place}`);
}

function legislation(form: FormData): reviews.Legislation[] {
	const out: reviews.Legislation[] = [];
	for (let i = 1; i <= 5; i++) {
		const title = text(form, `legislation_${i}_title`, 600).trim();
		const article = text(form, `legislation_${i}_article`, 200);
		const link = text(form, `legislation_${i}_link`, 2000);
		if (title || article.trim() || link.trim()) out.push({ title, article, link });
	}
	return out;
}

export const actions = {
	name: (event) =>
		change(event, 'name', async (r, p, form) => {
			// an account chosen from the list, or none
			const user = text(form, 'user', 20);
			if (user && !/^[1-9]\d{0,8}$/.test(user)) throw new reviews.ReviewError('user', m.reviews_error_choose_account());
			await progress.nameSomeone(event.locals.db, r, p, {
				participant: text(form, 'participant', 10),
				role: text(form, 'role', 20) === 'expert' ? 'expert' : 'focal-point',
				name: text(form, 'name', 300),
				userId: user ? Number(user) : null,
				basedOn: basedOn(form)
			});
		}, m.reviews_notice_named()),

	answer: (event) =>
		change(event, 'answer', async (r, p, form) => {
			// The evidence is checked before anything is saved: a refused file leaves the answer as it was.
			const file = form.get('evidence');
			const upload = file instanceof File && file.size > 0 ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
			if (upload) evidence.checkEvidence(upload.name, upload.bytes);
			await questionnaire.saveAnswer(event.locals.db, r, p, {
				...item(form),
				text: text(form, 'text'),
				status: text(form, 'status', 30) || null,
				legislation: legislation(form),
				basedOn: basedOn(form)
			});
			if (upload) {
				const fresh = (await reviews.get(event.locals.db, r.id))!;
				await questionnaire.addEvidence(event.locals.db, fresh, p, { ...item(form), ...upload, basedOn: fresh.version });
			}
		}, m.reviews_notice_draft_saved()),

	comment: (event) =>
		change(event, 'comment', async (r, p, form) => {
			await questionnaire.comment(event.locals.db, r, p, {
				...item(form),
				kind: text(form, 'kind', 20) === 'question' ? 'question' : 'comment',
				parentId: null,
				body: text(form, 'body'),
				basedOn: basedOn(form)
			});
		}, m.reviews_notice_sent()),

	reply: (event) =>
		change(event, 'reply', async (r, p, form) => {
			const parent = Number(text(form, 'parent', 20));
			await questionnaire.comment(event.locals.db, r, p, {
				...item(form),
				kind: 'answer',
				parentId: Number.isSafeInteger(parent) ? parent : null,
				body: text(form, 'body'),
				basedOn: basedOn(form)
			});
		}, m.reviews_notice_answer_sent()),

	observe: (event) =>
		change(event, 'observe', async (r, p, form) => {
			await questionnaire.observe(event.locals.db, r, p, {
				...item(form),
				kind: text(form, 'kind', 30),
				text: text(form, 'text'),
				basedOn: basedOn(form)
			});
		}, m.reviews_notice_observation_saved()),

	summary: (event) =>
		change(event, 'summarise', async (r, p, form) => {
			await progress.setSummary(event.locals.db, r, p, { summary: text(form, 'summary'), basedOn: basedOn(form) });
		}, m.reviews_notice_summary_saved()),

	agree: (event) =>
		change(event, 'agree', async (r, p, form) => {
			await progress.agree(event.locals.db, r, p, { basedOn: basedOn(form) });
		}, m.reviews_notice_agreed()),

	/** The follow-up of a recommendation, once the review is published. */
	followUp: (event) =>
		change(event, 'followUp', async (r, p, form) => {
			await progress.followUp(event.locals.db, r, p, {
				observation: Number(text(form, 'observation', 20)),
				status: text(form, 'status', 30),
				evidence: text(form, 'evidence', 6000),
				on: text(form, 'on', 20),
				basedOn: basedOn(form)
			});
		}, m.reviews_notice_follow_up_saved()),

	/** The State under review asks for one of its reviewers to be drawn again, with its reason. */
	redraw: (event) =>
		change(event, 'redraw', async (r, p, form) => {
			const reason = text(form, 'reason', 2000).trim();
			if (!reason) throw new reviews.ReviewError('reason', m.reviews_error_redraw_reason());
			try {
				await draws.redrawReviewer(event.locals.db, { cycleId: r.cycle.id, state: r.state.code, reviewer: text(form, 'reviewer', 10), reason, actor: p.actor });
			} catch (e) {
				if (e instanceof draws.DrawRefused) throw new reviews.ReviewError('reviewer', e.message, 409);
				throw e;
			}
		}, m.reviews_notice_redrawn()),

	/** A move through the stages: the stage rules say who may and what must be complete. */
	move: (event) =>
		change(event, 'move', async (r, p, form) => {
			await progress.moveTo(event.locals.db, r, p, { to: text(form, 'to', 40), on: today(), reason: text(form, 'reason', 2000).trim() || null, basedOn: basedOn(form), override: text(form, 'override', 5) === 'yes' });
		}, m.reviews_notice_moved()),

	/** The secretariat changes the review's working language: its questionnaire, report and e-mails. */
	language: (event) => {
		require(event.locals, event.url, 'reviews.manage');
		return change(event, 'language', async (r, p, form) => {
			await progress.setLanguage(event.locals.db, r, p, { language: text(form, 'language', 5), basedOn: basedOn(form) });
		}, m.reviews_notice_language());
	}
} satisfies Actions;
