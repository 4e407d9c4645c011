// What the depositary says of an instrument, beside what this record holds: the question a
// delegation asks first ("how many parties does the depositary list?") answered from the totals
// the depositary published (data/published-totals.csv), its UN Treaty Series reference and its
// status page, next to the record's own counts — never mixed with them.
import type { Db } from '../db';
import type { Instrument } from '../db/schema';
import * as records from '../record/record';
import * as status from '../record/status';
import type { PublishedComparison } from '../../published';

/** The United Nations Treaty Series reference: registration number, volume and page, with the source they were read from. */
export interface TreatySeries {
	/** The registration number as the Treaty Series writes it ("39574"). */
	number: string;
	volume: number;
	page: number;
	sourceId: string;
	sourceLine: number | null;
}

/** An instrument's UN Treaty Series reference, or null when the record has none (not registered, or not known). */
export function treatySeries(i: Instrument): TreatySeries | null {
	if (!i.unts_registration || i.unts_volume === null || i.unts_page === null || !i.unts_source_id) return null;
	return { number: i.unts_registration, volume: i.unts_volume, page: i.unts_page, sourceId: i.unts_source_id, sourceLine: i.unts_source_line };
}

export interface DepositarySays {
	depositary: string | null;
	/** The depositary's own page of signatures and ratifications, where the record knows it. */
	statusPage: string | null;
	/** The newest status the depositary published on or before the date asked about, beside the record's counts that day. */
	status: PublishedComparison | null;
	/** The newest total anyone else published (the UNODC, a secondary source), when the depositary's is unknown or older. */
	other: PublishedComparison | null;
	treatySeries: TreatySeries | null;
}

/** What the depositary says of the instrument as of `asOf`; null for an instrument the record does not cover. */
export async function says(db: Db, opts: { slug: string; asOf: string }): Promise<DepositarySays | null> {
	const record = await records.get(db);
	const ir = record.instruments.get(opts.slug);
	if (!ir) return null;
	const known = ir.published.filter((p) => p.as_of <= opts.asOf);
	const own = known.filter((p) => p.reported_by === 'depositary').at(-1) ?? null;
	const other = known.filter((p) => p.reported_by !== 'depositary').at(-1) ?? null;
	return {
		depositary: ir.instrument.depositary,
		statusPage: ir.instrument.status_page_url,
		status: own ? status.compare(ir, own) : null,
		other: other && (!own || other.as_of > own.as_of) ? status.compare(ir, other) : null,
		treatySeries: treatySeries(ir.instrument)
	};
}
