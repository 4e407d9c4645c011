import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { actorOf } from '$lib/server/accounts/identity';
import * as editing from '$lib/server/record/editing';
import * as flash from '$lib/server/http/flash';
import { require } from '$lib/server/accounts/permissions';
import * as records from '$lib/server/record/record';
import type { EventKind } from '$lib/acts';
import { collate, instrumentName, l, locale, stateName } from '$lib/i18n';

const FIELDS = ['instrument', 'participant', 'event', 'date', 'declarations', 'note', 'source', 'reason'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

export const load = (async ({ url, locals }) => {
	require(locals, url, 'acts.edit');
	const record = await records.get(locals.db);
	// the instrument and participant a link chose, when they exist
	const ir = record.instruments.get(url.searchParams.get('instrument') ?? '');
	const instrument = ir ? ir.instrument.slug : '';
	const participant = record.participants.get((url.searchParams.get('participant') ?? '').toUpperCase())?.code ?? '';
	const values: Values = { instrument, participant, event: '', date: '', declarations: '', note: '', source: '', reason: '' };
	return {
		values,
		instruments: [...record.instruments.values()].map((i) => ({ slug: i.instrument.slug, shortTitle: i.instrument.short_title, binding: i.instrument.binding === 1 })),
		// by their names in the request's language (English keeps the record's order)
		participants: [...record.participants.values()]
			.map((p) => ({ code: p.code, name: stateName(p.code, p.name) }))
			.sort((a, b) => (locale() === 'en' ? 0 : collate(a.name, b.name))),
		// What the record already holds of this participant in this instrument: to correct rather than add again.
		held: ir && record.participants.has(participant) ? ((await editing.actsBy(locals.db, { participant }))[instrument] ?? []) : [],
		chosen: {
			instrument: ir ? instrumentName(ir.instrument.slug, ir.instrument.short_title) : null,
			participant: record.participants.has(participant) ? stateName(participant, record.participants.get(participant)!.name) : null
		}
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, url, locals, cookies }) => {
		const user = require(locals, url, 'acts.edit');
		const form = await request.formData();
		const values = Object.fromEntries(FIELDS.map((f) => [f, editing.field(form, f)])) as Values;
		values.participant = values.participant.toUpperCase();
		const outcome = await editing.record(locals.db, {
			instrument: values.instrument,
			participant: values.participant,
			values: {
				event: values.event as EventKind,
				date: values.date || null,
				declarations: values.declarations || null,
				note: values.note || null
			},
			source: values.source,
			reason: values.reason || null,
			actor: actorOf(user, locals.address),
			confirmed: editing.confirmedIn(form)
		});
		if (!outcome.ok) return fail(outcome.status, { values: editing.refill(values), ...editing.shown(outcome) });
		const page = `/participants/${outcome.act.participant}`;
		flash.put(cookies, url, page, { for: user.id, notice: outcome.message });
		redirect(303, l(page));
	}
} satisfies Actions;
