// What a draw of lots is drawn from, read from the database: the mechanism's instruments and
// settings, the States parties to each instrument on a date with their UN regional groups, and
// warnings wherever the record may be behind the real mechanism (it counts the parties it holds;
// a source may count more).
import type { Db } from '../db';
import { quote } from '../text/query';
import * as records from '../record/record';
import * as status from '../record/status';
import { NO_GROUP_RULE, type DrawInput, type DrawParty, type DrawRules } from './draw/types';

export class DrawInputError extends Error {}

/**
 * A State the source of the UN regional groups lists in two: the group it is taken in. Türkiye
 * takes part in the Asia-Pacific Group and in WEOG, and counts in WEOG for elections (the note
 * of asia-pacific-group in data/groups.csv).
 */
const ONE_GROUP: Record<string, string> = { TUR: 'weog' };

export interface DrawContext extends DrawInput {
	cycleId: string;
	mechanismId: string;
	/** The date the parties were taken on. */
	on: string;
	instruments: string[];
	/** max_redraws: how many times a State may ask for a reviewer to be drawn again (null: no limit). */
	maxRedraws: number | null;
	warnings: string[];
	/** States under review with no UN regional group recorded on the date, and the rule they are drawn under. */
	placements: { code: string; name: string; rule: string }[];
}

/** The settings the draw reads, by their keys in review_settings. */
const KEYS = ['reviewers_per_instrument', 'one_from_own_group', 'max_reviewers_per_state', 'mutual_reviews', 'max_reviews_per_reviewer', 'max_redraws', 'reviewer_party_to_instrument'] as const;

function orNull(v: unknown, key: string): number | null {
	if (v === null) return null;
	if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
	throw new DrawInputError(`the setting ${key} is ${JSON.stringify(v)}: a whole number or null was expected`);
}

/** The cycle's draw input: parties on `on` (default: the day the cycle starts). */
export async function drawInput(db: Db, opts: { cycleId: string; on?: string; seed: number }): Promise<DrawContext> {
	const cycle = await db.selectFrom('review_cycles').selectAll().where('id', '=', opts.cycleId).executeTakeFirst();
	if (!cycle) {
		const known = (await db.selectFrom('review_cycles').select('id').orderBy('id').execute()).map((c) => c.id);
		throw new DrawInputError(`there is no review cycle "${quote(opts.cycleId)}"${known.length ? ` (known: ${known.join(', ')})` : ''}`);
	}
	const mechanism = await db.selectFrom('review_mechanisms').selectAll().where('id', '=', cycle.mechanism_id).executeTakeFirstOrThrow();
	const instruments = JSON.parse(mechanism.instruments) as string[];
	const on = opts.on ?? cycle.starts;
	const warnings: string[] = [];

	const rows = await db.selectFrom('review_settings').selectAll().where('mechanism_id', '=', mechanism.id).where('key', 'in', KEYS).execute();
	const settings = new Map(rows.map((r) => [r.key, { value: r.value === null ? null : (JSON.parse(r.value) as unknown), confirmed: r.confirmed === 1 }]));
	for (const key of KEYS) if (!settings.has(key)) throw new DrawInputError(`mechanism "${mechanism.id}" has no setting ${key}`);
	const value = (key: (typeof KEYS)[number]) => settings.get(key)!.value;
	const rules: DrawRules = {
		reviewersPerInstrument: orNull(value('reviewers_per_instrument'), 'reviewers_per_instrument') ?? 2,
		oneFromOwnGroup: value('one_from_own_group') !== false,
		maxReviewersPerState: orNull(value('max_reviewers_per_state'), 'max_reviewers_per_state'),
		mutualReviews: value('mutual_reviews') === true,
		maxReviewsPerReviewer: orNull(value('max_reviews_per_reviewer'), 'max_reviews_per_reviewer')
	};
	const maxRedraws = orNull(value('max_redraws'), 'max_redraws');
	const unconfirmed = KEYS.filter((k) => !settings.get(k)!.confirmed);
	if (unconfirmed.length) {
		warnings.push(`settings not confirmed by the secretariat, used as configured: ${unconfirmed.map((k) => `${k} = ${JSON.stringify(value(k))}`).join(', ')}`);
	}
	if (value('reviewer_party_to_instrument') === false) warnings.push('reviewer_party_to_instrument is false, but the draw still only draws reviewers party to the instrument they review');

	// The UN regional groups on the date.
	const regional = new Set((await db.selectFrom('groups').select('slug').where('kind', '=', 'un-regional-group').execute()).map((g) => g.slug));
	const record = await records.get(db);
	const groupsOf = new Map<string, string[]>();
	for (const slug of [...regional].sort()) {
		for (const code of new Set((record.memberships.get(slug) ?? []).map((m) => m.code))) {
			if (records.memberOn(record, slug, code, on)) groupsOf.set(code, [...(groupsOf.get(code) ?? []), slug]);
		}
	}
	const twice = new Set<string>();
	const groupOf = (code: string): string | null => {
		const gs = groupsOf.get(code) ?? [];
		if (gs.length <= 1) return gs[0] ?? null;
		twice.add(code);
		return gs.includes(ONE_GROUP[code]) ? ONE_GROUP[code] : gs[0];
	};

	const parties: Record<string, DrawParty[]> = {};
	const stateInstruments = new Map<string, string[]>();
	const organisations = new Map<string, string[]>();
	for (const slug of instruments) {
		const ir = record.instruments.get(slug);
		if (!ir) throw new DrawInputError(`mechanism "${mechanism.id}" covers "${slug}", which is not in the record`);
		const list: DrawParty[] = [];
		let pending = 0;
		const unknown: string[] = [];
		for (const [code, t] of ir.timelines) {
			const st = status.statusOn(ir, t, on).status;
			if (st === 'pending') pending++;
			// the record cannot say whether it was party on the date: not drawn, and said so
			if (st === 'unknown' && record.participants.get(code)?.kind === 'state') unknown.push(code);
			// Party means in force for it on the date: a consent not yet in force is not a review yet.
			if (st !== 'party') continue;
			if (record.participants.get(code)?.kind !== 'state') {
				organisations.set(code, [...(organisations.get(code) ?? []), slug]);
				continue;
			}
			list.push({ code, group: groupOf(code) });
			stateInstruments.set(code, [...(stateInstruments.get(code) ?? []), slug]);
		}
		list.sort((a, b) => (a.code < b.code ? -1 : 1));
		parties[slug] = list;

		const held = list.length + [...organisations.values()].filter((s) => s.includes(slug)).length;
		const published = status.publishedOn(ir, on);
		const { dataAsOf, stale } = status.recordDate(ir, on);
		let line = `${slug}: the record holds ${list.length} States parties on ${on}`;
		if (pending) line += ` (and ${pending} whose consent was not yet in force: not counted)`;
		if (published?.parties != null) {
			line += `; ${published.reportedBy} reported ${published.parties} parties on ${published.asOf}`;
			if (published.parties > held) line += ` — the record may lack ${published.parties - held}`;
		}
		if (stale) line += `; the record of ${slug} was taken on ${dataAsOf}, before that date`;
		if (ir.dataStatus !== 'complete') line += `; its record is ${ir.dataStatus}`;
		warnings.push(line);
		if (unknown.length) warnings.push(`${slug}: not drawn, because the record cannot say whether they were party on ${on}: ${unknown.sort().join(', ')}`);
	}
	for (const [code, slugs] of organisations) {
		warnings.push(`${record.participants.get(code)?.name ?? code} (${code}) is party to ${slugs.join(' and ')} but is not a State: it is neither reviewed nor a reviewer`);
	}
	const underReview = [...stateInstruments].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, list]) => ({ code, group: groupOf(code), instruments: list }));
	// States with no group recorded are drawn under NO_GROUP_RULE, said in the output for each
	const placements = underReview.filter((s) => s.group === null).map((s) => ({ code: s.code, name: record.participants.get(s.code)?.name ?? s.code, rule: NO_GROUP_RULE }));
	for (const code of [...twice].sort()) {
		warnings.push(`${code} is in ${groupsOf.get(code)!.join(' and ')} on ${on}; the draw takes it in ${groupOf(code)}`);
	}
	warnings.unshift(`${underReview.length} States under review on ${on}, parties to ${instruments.join(' and/or ')}`);
	return { cycleId: cycle.id, mechanismId: mechanism.id, on, instruments, seed: opts.seed, underReview, parties, rules, maxRedraws, warnings, placements };
}
