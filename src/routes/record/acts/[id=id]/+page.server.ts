import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { actKindOf, EVENT_KINDS, type EventKind } from '$lib/acts';
import { actorOf } from '$lib/server/accounts/identity';
import * as editing from '$lib/server/record/editing';
import * as flash from '$lib/server/http/flash';
import { require } from '$lib/server/accounts/permissions';
import * as records from '$lib/server/record/record';
import { l, stateName } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

export const load = (async ({ url, params, locals }) => {
	require(locals, url, 'acts.edit');
	const act = await editing.find(locals.db, Number(params.id));
	if (!act) error(404, m.admin_act_none({ id: params.id }));
	const record = await records.get(locals.db);
	const ir = record.instruments.get(act.instrument)!;
	const binding = ir.instrument.binding === 1;
	return {
		act,
		title: await editing.title(locals.db, act),
		participant: { code: act.participant, name: stateName(act.participant, record.participants.get(act.participant)?.name ?? act.participant) },
		instrument: { slug: act.instrument, shortTitle: ir.instrument.short_title },
		// The forms an act of this kind can be corrected to: its kind is its identity.
		events: EVENT_KINDS.filter((e) => actKindOf(e) === act.kind && (binding ? e !== 'endorsement' : e === 'endorsement')),
		history: await editing.history(locals.db, act)
	};
}) satisfies PageServerLoad;

/** The correction form's fields, and the attribute each shows. */
const FORM_FIELDS = { event: 'event', date: 'date', declarations: 'declarations', note: 'note', qualityFlag: 'quality_flag' } as const;

/**
 * A stale correction made again from the version that stands: the fields the person changed
 * from the version they read keep their values; the others take the current values, so that
 * saving again does not undo, unseen, what the other person wrote.
 */
function rebase(values: Record<string, string>, conflict: editing.Conflict) {
	const now = conflict.current.attributes;
	const out: Record<string, string> = { ...values, basedOn: String(conflict.current.version) };
	const mine: string[] = [];
	const both: string[] = [];
	for (const [name, attribute] of Object.entries(FORM_FIELDS)) {
		const was = conflict.base?.[attribute] ?? '';
		const current = now[attribute] ?? '';
		if (values[name] !== String(was)) {
			mine.push(name);
			if (String(current) !== String(was) && String(current) !== values[name]) both.push(name);
		} else out[name] = String(current);
	}
	return { values: out, mine, both };
}

function basedOnIn(form: FormData): number | null {
	const raw = editing.field(form, 'basedOn');
	return /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null;
}

export const actions = {
	correct: async ({ request, url, params, locals, cookies }) => {
		const user = require(locals, url, 'acts.edit');
		const form = await request.formData();
		const values = Object.fromEntries(
			['basedOn', 'event', 'date', 'declarations', 'note', 'qualityFlag', 'source', 'reason'].map((f) => [f, editing.field(form, f)])
		) as Record<string, string>;
		const basedOn = basedOnIn(form);
		const act = await editing.find(locals.db, Number(params.id));
		if (!act) error(404, m.admin_act_none({ id: params.id }));
		const refuse = (status: number, errors: Record<string, string>) => fail(status, { op: 'correct' as const, values: editing.refill(values), errors, links: {}, warnings: [], needsConfirmation: false, conflict: null, mine: [], both: [] });
		if (basedOn === null) return refuse(400, { basedOn: m.admin_act_version_missing() });
		// The form gives a day; an act the record dates only by bounds keeps them when the day is left empty.
		if (!values.date && act.attributes.date && basedOn === act.version) return refuse(400, { date: m.admin_act_date_required() });
		const outcome = await editing.correct(locals.db, {
			id: act.id,
			basedOn,
			changes: {
				event: values.event as EventKind,
				...(values.date ? { date: values.date } : {}),
				declarations: values.declarations || null,
				note: values.note || null,
				quality_flag: values.qualityFlag || null
			},
			source: values.source,
			reason: values.reason,
			actor: actorOf(user, locals.address),
			confirmed: editing.confirmedIn(form)
		});
		if (!outcome.ok) {
			// On a conflict the person's own changes stay in the form, on top of the version that
			// stands: saving again is a decision made after seeing the other change.
			if (outcome.conflict) {
				const { values: kept, mine, both } = rebase(values, outcome.conflict);
				return fail(409, { op: 'correct' as const, values: editing.refill(kept), ...editing.shown(outcome), conflict: outcome.conflict, mine, both });
			}
			return fail(outcome.status, { op: 'correct' as const, values: editing.refill(values), ...editing.shown(outcome), conflict: null, mine: [], both: [] });
		}
		const page = `/participants/${outcome.act.participant}`;
		flash.put(cookies, url, page, { for: user.id, notice: outcome.message });
		redirect(303, l(page));
	},
	retract: async ({ request, url, params, locals, cookies }) => {
		const user = require(locals, url, 'acts.edit');
		const form = await request.formData();
		const values = Object.fromEntries(['basedOn', 'source', 'reason'].map((f) => [f, editing.field(form, f)])) as Record<string, string>;
		const basedOn = basedOnIn(form);
		if (basedOn === null) {
			return fail(400, { op: 'retract' as const, values: editing.refill(values), errors: { basedOn: m.admin_act_version_missing() }, links: {}, warnings: [], needsConfirmation: false, conflict: null, mine: [], both: [] });
		}
		const outcome = await editing.retract(locals.db, { id: Number(params.id), basedOn, source: values.source, reason: values.reason, actor: actorOf(user, locals.address) });
		if (!outcome.ok) {
			const kept = outcome.conflict ? { ...values, basedOn: String(outcome.conflict.current.version) } : values;
			return fail(outcome.status, { op: 'retract' as const, values: editing.refill(kept), ...editing.shown(outcome), conflict: outcome.conflict, mine: [], both: [] });
		}
		const page = `/participants/${outcome.act.participant}`;
		flash.put(cookies, url, page, { for: user.id, notice: outcome.message });
		redirect(303, l(page));
	}
} satisfies Actions;
