// The freshness board: for every instrument, when its record was last brought in and from
// what, and how far it is behind the depositary's latest known totals — the instruments to
// refresh first at the top: no record, a partial one, one older than a year, one behind a
// published total.
import type { Db } from '../db';
import { publishedSentence } from '../../published';
import * as records from '../record/record';
import * as refresh from './refresh';
import { behind, compare, countsOn } from '../record/status';
import { yearsBetween } from '../../dates';

import { URGENCIES, type Urgency } from '../../freshness';
import { number } from '../../i18n';
import { m } from '$lib/paraglide/messages';

export interface FreshnessRow {
	slug: string;
	title: string;
	binding: boolean;
	urgency: Urgency;
	/** Why it is where it is, in words (the request's language: the board is made per request). */
	reasons: string[];
	dataStatus: string;
	recordedOn: string | null;
	/** Whole years between the record date and today. */
	ageYears: number | null;
	source: { id: string; title: string; format: string | null } | null;
	lastImport: { id: number; at: string; actor: string } | null;
	/** Parties, or for a plan its endorsements, today. */
	counts: { signatories: number; parties: number; endorsed: number } | null;
	published: { asOf: string; parties: number | null; signatories: number | null; missing: number; sentence: string } | null;
	/** The depositary's page, when the app can read it, and the newest check of it (`npm run refresh` or the schedule). */
	statusPage: { url: string; format: string } | null;
	lastCheck: {
		at: string;
		by: 'schedule' | 'command';
		outcome: 'changes' | 'no-change' | 'not-modified' | 'failed';
		message: string;
		counts: { added: number; changed: number; absent: number; unchanged: number } | null;
		/** The page kept, to preview and apply through the import page. */
		fileId: number | null;
		url: string;
	} | null;
}

export async function board(db: Db, today: string): Promise<FreshnessRow[]> {
	const record = await records.get(db);
	const runs = await db.selectFrom('imports').select(['id', 'instrument_slug', 'at', 'actor']).orderBy('id', 'desc').execute();
	const checks = await refresh.latest(db);
	const lastRun = new Map<string, (typeof runs)[number]>();
	for (const r of runs) if (!lastRun.has(r.instrument_slug)) lastRun.set(r.instrument_slug, r);

	const rows: FreshnessRow[] = [];
	for (const ir of record.instruments.values()) {
		const i = ir.instrument;
		const recordedOn = ir.source?.recorded_on ?? null;
		const ageYears = recordedOn ? yearsBetween(recordedOn, today) : null;
		const late = behind(ir);
		const newest = ir.published.at(-1);
		const reasons: string[] = [];
		if (ir.dataStatus === 'none') reasons.push(m.admin_freshness_nothing_recorded());
		if (ir.dataStatus === 'partial') reasons.push(m.admin_freshness_partial());
		if (ageYears !== null && ageYears >= 1) reasons.push(m.admin_freshness_years_ago({ count: ageYears, shown: number(ageYears) }));
		if (late) reasons.push(m.admin_freshness_behind({ count: late.missing, shown: number(late.missing) }));
		const urgency: Urgency =
			ir.dataStatus === 'none' ? 'missing' : ir.dataStatus === 'partial' ? 'partial' : ageYears !== null && ageYears >= 1 ? 'old' : late ? 'behind' : 'current';
		const counts = ir.dataStatus === 'none' ? null : countsOn(ir, today);
		const run = lastRun.get(i.slug);
		const check = checks.get(i.slug);
		rows.push({
			slug: i.slug,
			title: i.short_title,
			binding: i.binding === 1,
			urgency,
			reasons,
			dataStatus: ir.dataStatus,
			recordedOn,
			ageYears,
			source: ir.source ? { id: ir.source.id, title: ir.source.title, format: ir.source.format } : null,
			lastImport: run ? { id: run.id, at: run.at, actor: run.actor } : null,
			counts: counts ? { signatories: counts.signatories, parties: counts.parties, endorsed: counts.endorsed } : null,
			published: newest
				? (() => {
						const c = compare(ir, newest);
						return { asOf: c.asOf, parties: c.parties, signatories: c.signatories, missing: c.missing, sentence: publishedSentence(c) };
					})()
				: null,
			statusPage: i.status_page_url && i.status_page_format ? { url: i.status_page_url, format: i.status_page_format } : null,
			lastCheck: check
				? { at: check.checked_at, by: check.by, outcome: check.outcome, message: check.message, counts: check.counts ? JSON.parse(check.counts) : null, fileId: check.file_id, url: check.url }
				: null
		});
	}
	const rank = (r: FreshnessRow) => URGENCIES.indexOf(r.urgency);
	return rows.sort(
		(a, b) =>
			rank(a) - rank(b) ||
			Number(b.binding) - Number(a.binding) ||
			(a.recordedOn ?? '').localeCompare(b.recordedOn ?? '') ||
			(record.instruments.get(a.slug)!.instrument.sort_order - record.instruments.get(b.slug)!.instrument.sort_order)
	);
}
