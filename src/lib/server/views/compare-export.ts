// The compare matrix as tidy rows (one per participant × instrument), for CSV and JSON.
import type { Db } from '../db';
import * as compare from './compare';
import * as records from '../record/record';

export const COLUMNS = [
	'code',
	'name',
	'instrument',
	'status',
	'open',
	'signature',
	'consent_date',
	'consent_kind',
	'consent_known_by',
	'entry_into_force',
	'denunciation',
	'source',
	'source_recorded_on'
] as const;

/** The rows of a selection (codes, a group) on a date, and what it named that does not exist. */
export async function rows(db: Db, selection: { codes: string[]; group: string | null }, asOf: string) {
	const result = await compare.build(db, { ...selection, names: [] }, asOf);
	const record = await records.get(db);
	const names = new Map(result.participants.map((p) => [p.code, p.name]));
	const out = result.cells.map((c) => {
		const source = record.instruments.get(c.slug)?.source;
		return {
			code: c.code,
			name: names.get(c.code) ?? c.code,
			instrument: c.slug,
			status: c.status,
			// false: the instrument was not open to it on the date (and it had done nothing)
			open: c.open,
			signature: c.signature,
			consent_date: c.consent?.date ?? null,
			consent_kind: c.consent?.kind ?? null,
			consent_known_by: c.consent?.knownBy ?? null,
			entry_into_force: c.entryIntoForce,
			denunciation: c.denunciation,
			source: source?.id ?? null,
			source_recorded_on: source?.recorded_on ?? null
		};
	});
	return { asOf, group: result.group, notFound: result.notFound, rows: out };
}
