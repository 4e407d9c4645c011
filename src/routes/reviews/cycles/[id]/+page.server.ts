import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { actorOf } from '$lib/server/accounts/identity';
import * as flash from '$lib/server/http/flash';
import { can, require } from '$lib/server/accounts/permissions';
import * as records from '$lib/server/record/record';
import * as config from '$lib/server/reviews/config';
import { draw, startGroups } from '$lib/server/reviews/draw';
import { drawInput, DrawInputError } from '$lib/server/reviews/draw-input';
import * as draws from '$lib/server/reviews/draws';
import * as reviews from '$lib/server/reviews/reviews';
import { isIsoDate, today } from '$lib/dates';
import { collate, locale, number, stateName } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

// A cycle: its configuration (clusters and the articles in each, the mechanism's settings, each
// saying whether it is confirmed), its draw of lots published with its seed, and the reviews
// launched. The secretariat draws lots and launches reviews here.
export const load = (async ({ params, locals, url, cookies }) => {
	const cycle = await config.cycle(locals.db, params.id);
	if (!cycle) error(404, m.reviews_error_no_review_cycle({ id: params.id.slice(0, 40) }));
	const mechanism = (await config.mechanism(locals.db, cycle.mechanismId))!;
	const record = await records.get(locals.db);
	const english = (code: string) => record.participants.get(code)?.name ?? code;
	const name = (code: string) => stateName(code, english(code));
	const drawn = await draws.ofCycle(locals.db, cycle.id);
	const active = await draws.activeReviewers(locals.db, cycle.id);
	// the States under review by name (never by a code the reader does not see), narrowed by the filter
	const states = [...new Set(active.map((r) => r.state_code))].sort((a, b) => collate(name(a), name(b)));
	const filter = { q: url.searchParams.get('q')?.trim().slice(0, 60) ?? '', group: url.searchParams.get('group')?.slice(0, 2) ?? '' };
	const matches = (code: string, startGroup: number | null) =>
		(!filter.q || `${name(code)} ${english(code)} ${code}`.toLocaleLowerCase().includes(filter.q.toLocaleLowerCase())) && (!filter.group || String(startGroup ?? '') === filter.group);
	const groupOf = drawn ? startGroups(states, drawn.seed, cycle.startGroups) : new Map<string, number>();
	// People are named to those who may manage reviews; the public reads "the secretariat".
	const secretariat = can(locals.user, 'reviews.manage');
	const who = (label: string | null) => (label && !secretariat && label.includes('@') ? m.reviews_the_secretariat() : label);
	const launched = await reviews.ofCycle(locals.db, cycle.id);
	return {
		cycle,
		mechanism: { id: mechanism.id, title: mechanism.title, shortTitle: mechanism.shortTitle, instruments: mechanism.instruments, instrumentsNote: mechanism.instrumentsNote, settings: Object.values(mechanism.settings).map((x) => ({ ...x, confirmedBy: who(x.confirmedBy) })), sourceId: mechanism.sourceId },
		titles: Object.fromEntries(mechanism.instruments.map((s) => [s, record.instruments.get(s)?.instrument.short_title ?? s])),
		draw: drawn
			? {
					id: drawn.id, seed: drawn.seed, algorithm: drawn.algorithm, partiesOn: drawn.parties_on, drawnBy: who(drawn.drawn_by), drawnAt: drawn.drawn_at,
					problems: JSON.parse(drawn.problems) as { rule: string; state: string; instrument: string | null; message: string }[],
					total: states.length,
					states: states.filter((code) => matches(code, groupOf.get(code) ?? null)).map((code) => ({
						code, name: name(code), startGroup: groupOf.get(code) ?? null,
						instruments: mechanism.instruments
							.map((slug) => ({ slug, reviewers: active.filter((r) => r.state_code === code && r.instrument_slug === slug).map((r) => ({ code: r.reviewer_code, name: name(r.reviewer_code) })) }))
							.filter((i) => i.reviewers.length)
					}))
				}
			: null,
		filter,
		launched: launched.map((r) => ({ ...r, name: name(r.state_code) })),
		secretariat,
		flash: locals.user ? flash.take(cookies, url.pathname, locals.user.id) : null,
		today: today(),
		// a review is launched in the page's language unless another is chosen
		language: locale()
	};
}) satisfies PageServerLoad;

function text(form: FormData, name: string, max = 100): string {
	const v = form.get(name);
	return typeof v === 'string' ? v.slice(0, max).trim() : '';
}

export const actions = {
	/** Draws lots: a preview first; applied with the same seed and date, so what is applied is what was shown. */
	draw: async ({ request, params, locals, url, cookies }) => {
		const user = require(locals, url, 'reviews.manage');
		const form = await request.formData();
		const seedText = text(form, 'seed', 20);
		const on = text(form, 'on', 20);
		const values = { seed: seedText, on };
		if (!/^\d{1,9}$/.test(seedText)) return fail(400, { draw: { values, errors: { seed: m.reviews_error_seed() } } });
		if (on && !isIsoDate(on)) return fail(400, { draw: { values, errors: { on: m.reviews_error_not_a_date({ value: on }) } } });
		try {
			const input = await drawInput(locals.db, { cycleId: params.id, on: on || undefined, seed: Number(seedText) });
			const result = draw(input);
			if (form.get('apply') !== 'yes') {
				const record = await records.get(locals.db);
				const name = (code: string) => stateName(code, record.participants.get(code)?.name ?? code);
				return { draw: { values: { seed: seedText, on: input.on }, preview: { warnings: input.warnings, problems: result.problems, assignments: result.assignments.map((a) => ({ ...a, stateName: name(a.state), reviewerNames: a.reviewers.map(name) })) } } };
			}
			await draws.record(locals.db, { cycleId: params.id, partiesOn: input.on, result, actor: actorOf(user, locals.address) });
		} catch (e) {
			if (e instanceof DrawInputError || e instanceof draws.DrawRefused) return fail(409, { draw: { values, errors: { seed: e.message } } });
			throw e;
		}
		flash.put(cookies, url, url.pathname, { for: user.id, notice: m.reviews_notice_drawn({ seed: seedText }) });
		redirect(303, url.pathname);
	},

	/** The secretariat confirms a setting of the mechanism as its rule. */
	confirm: async ({ request, params, locals, url, cookies }) => {
		const user = require(locals, url, 'reviews.manage');
		const form = await request.formData();
		const cycle = await config.cycle(locals.db, params.id);
		if (!cycle) error(404, m.reviews_error_no_review_cycle({ id: params.id.slice(0, 40) }));
		const key = text(form, 'key', 60);
		const mechanism = (await config.mechanism(locals.db, cycle.mechanismId))!;
		if (!Object.hasOwn(mechanism.settings, key)) return fail(400, { confirm: { errors: { key: m.reviews_error_not_a_setting({ key, mechanism: mechanism.shortTitle }) } } });
		await config.confirmSetting(locals.db, { mechanismId: mechanism.id, key, actor: actorOf(user, locals.address) });
		flash.put(cookies, url, url.pathname, { for: user.id, notice: m.reviews_notice_confirmed({ setting: mechanism.settings[key as keyof typeof mechanism.settings].text }) });
		redirect(303, url.pathname);
	},

	/** Launches the reviews of one cluster for the States chosen, in a start group, from a day. */
	launch: async ({ request, params, locals, url, cookies }) => {
		const user = require(locals, url, 'reviews.manage');
		const form = await request.formData();
		const cluster = Number(text(form, 'cluster', 5));
		const group = text(form, 'start_group', 5);
		const on = text(form, 'on', 20);
		// the working language chosen (English when the form does not say)
		const language = text(form, 'language', 5) || 'en';
		const states = form.getAll('state').filter((v): v is string => typeof v === 'string').map((s) => s.slice(0, 10));
		// "the whole start group": its States as the lot put them, those not yet launched for the cluster
		const wholeGroup = form.get('whole_group') === 'yes' && group !== '';
		const values = { cluster: String(cluster), start_group: group, on, language };
		if (!isIsoDate(on)) return fail(400, { launch: { values, errors: { on: on ? m.reviews_error_not_a_date({ value: on }) : m.reviews_error_give_day() } } });
		try {
			const ids = await reviews.launch(locals.db, { cycleId: params.id, cluster, startGroup: group ? Number(group) : null, states, wholeGroup, on, language, actor: actorOf(user, locals.address) });
			flash.put(cookies, url, url.pathname, { for: user.id, notice: m.reviews_notice_launched({ count: ids.length, shown: number(ids.length) }) });
		} catch (e) {
			if (e instanceof reviews.ReviewError) return fail(e.status, { launch: { values, errors: { [e.field]: e.message } } });
			throw e;
		}
		redirect(303, url.pathname);
	}
} satisfies Actions;
