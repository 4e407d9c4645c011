// The editing API's answers: an act as the API shows it (camelCase, as every answer), and an
// edit's outcome (editing.ts) as a response — 201 with the act, 400 with a message per field
// and the warnings to confirm, 404, or 409 with the act as it now stands and what changed it.
import type { z } from 'zod';
import { apiError, written } from './api';
import * as schemas from './api-schemas';
import type { Outcome, Values } from '../record/editing';
import type { CurrentAct } from '../record/participation';
import { byField } from '../record/validation';
import { m } from '$lib/paraglide/messages';

export function toApi(a: CurrentAct): z.input<typeof schemas.Act> {
	const v = a.attributes;
	return {
		id: a.id,
		instrument: a.instrument,
		participant: a.participant,
		kind: a.kind,
		seq: a.seq,
		version: a.version,
		retracted: a.retracted,
		reason: a.reason,
		recordedAt: a.recordedAt,
		event: v.event,
		date: v.date,
		precision: v.precision,
		earliest: v.earliest,
		latest: v.latest,
		declarations: v.declarations,
		territorialApplication: v.territorial_application,
		recordedEntryIntoForce: v.recorded_entry_into_force,
		note: v.note,
		qualityFlag: v.quality_flag,
		sourceId: v.source_id,
		sourceLine: v.source_line
	};
}

type Attributes = Partial<z.output<typeof schemas.CorrectActRequest>['changes']>;

/** The attributes of a request, as the record names them; absent ones stay absent. */
export function fromApi(a: Attributes): Partial<Values> {
	const names: [keyof Attributes, keyof Values][] = [
		['event', 'event'],
		['date', 'date'],
		['precision', 'precision'],
		['earliest', 'earliest'],
		['latest', 'latest'],
		['declarations', 'declarations'],
		['territorialApplication', 'territorial_application'],
		['recordedEntryIntoForce', 'recorded_entry_into_force'],
		['note', 'note'],
		['qualityFlag', 'quality_flag']
	];
	const out: Record<string, unknown> = {};
	for (const [from, to] of names) if (a[from] !== undefined) out[to] = a[from];
	return out as Partial<Values>;
}

export function respond(outcome: Outcome): Response {
	if (outcome.ok) {
		return written(schemas.ActWritten, { act: toApi(outcome.act), warnings: outcome.warnings, source: outcome.source }, 201);
	}
	const error = [...outcome.errors, ...(outcome.needsConfirmation ? outcome.warnings : [])].map((f) => `${f.field}: ${f.message}`).join(' ');
	if (outcome.status === 404) return apiError(404, error);
	if (outcome.conflict) {
		const c = outcome.conflict;
		return written(
			schemas.ActConflict,
			{
				error,
				basedOn: c.basedOn,
				current: toApi(c.current),
				changes: c.changes.map((v) => ({
					version: v.version,
					action: v.by?.action ?? null,
					by: v.by?.actor ?? null,
					role: v.by?.role ?? null,
					at: v.by?.at ?? null,
					reason: v.reason,
					sourceId: v.attributes.source_id,
					retracted: v.retracted,
					event: v.attributes.event,
					date: v.attributes.date,
					latest: v.attributes.latest
				}))
			},
			409
		);
	}
	const message = outcome.needsConfirmation ? m.api_needs_confirmation({ error }) : error;
	return written(
		schemas.ValidationError,
		{ error: message, fields: byField(outcome.errors) as Record<string, string>, warnings: outcome.warnings, needsConfirmation: outcome.needsConfirmation },
		400
	);
}
