// Review mechanisms as configured (data/review-mechanisms.json, loaded as reference data):
// a mechanism with its settings, each saying whether it is confirmed; its cycles with their
// clusters in order and the articles of each instrument in each cluster.
import * as audit from '../audit/log';
import { inTransaction, type Db } from '../db';

/** The settings every mechanism has: what the drawing of lots and the stages read. */
export const SETTING_KEYS = [
	'reviewers_per_instrument',
	'one_from_own_group',
	'reviewer_party_to_instrument',
	'max_reviewers_per_state',
	'max_redraws',
	'mutual_reviews',
	'max_reviews_per_reviewer',
	'focal_point_weeks',
	'experts_weeks',
	'self_assessment_months',
	'feedback_months',
	'observations_months',
	'publish_summaries'
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export interface Setting {
	key: SettingKey;
	value: number | boolean | null;
	confirmed: boolean;
	text: string;
	sourceId: string;
	sourceLine: number | null;
	confirmedBy: string | null;
}

export interface Span {
	earliest: string;
	latest: string;
	text: string;
	line: number;
}

export interface Mechanism {
	id: string;
	title: string;
	shortTitle: string;
	instruments: string[];
	instrumentsNote: string | null;
	established: Span;
	launched: Span | null;
	secretariat: { text: string; line: number } | null;
	progress: { as_of: string; under_way: number; not_started: number; line: number; note?: string | null }[];
	settings: Record<SettingKey, Setting>;
	sourceId: string;
}

export interface ClusterArticle {
	instrument: string;
	number: string;
	title: string | null;
	confirmed: boolean;
}

export interface Cluster {
	n: number;
	title: string;
	titleConfirmed: boolean;
	sourceLine: number | null;
	articles: ClusterArticle[];
}

export interface Cycle {
	id: string;
	mechanismId: string;
	title: string;
	draft: boolean;
	draftNote: string | null;
	starts: string;
	ends: string;
	phaseMonths: number;
	startGroups: { n: number; year: number; size: number; line: number }[];
	clusters: Cluster[];
}

export async function mechanisms(db: Db): Promise<Mechanism[]> {
	const [rows, settings] = await Promise.all([
		db.selectFrom('review_mechanisms').selectAll().orderBy('id').execute(),
		db.selectFrom('review_settings').selectAll().execute()
	]);
	return rows.map((m) => {
		const facts = JSON.parse(m.facts);
		const own = settings.filter((s) => s.mechanism_id === m.id);
		return {
			id: m.id,
			title: m.title,
			shortTitle: m.short_title,
			instruments: JSON.parse(m.instruments),
			instrumentsNote: m.instruments_note,
			established: facts.established,
			launched: facts.launched,
			secretariat: facts.secretariat,
			progress: facts.progress,
			sourceId: m.source_id,
			settings: Object.fromEntries(
				own.map((s) => [
					s.key,
					{
						key: s.key as SettingKey, value: s.value === null ? null : JSON.parse(s.value), confirmed: s.confirmed === 1, text: s.text,
						sourceId: s.source_id, sourceLine: s.source_line, confirmedBy: s.confirmed_by
					}
				])
			) as Record<SettingKey, Setting>
		};
	});
}

export async function mechanism(db: Db, id: string): Promise<Mechanism | null> {
	return (await mechanisms(db)).find((m) => m.id === id) ?? null;
}

export async function cycles(db: Db): Promise<Cycle[]> {
	const [rows, clusters, articles, titles] = await Promise.all([
		db.selectFrom('review_cycles').selectAll().orderBy('starts').execute(),
		db.selectFrom('review_clusters').selectAll().orderBy('n').execute(),
		db.selectFrom('review_cluster_articles').selectAll().orderBy('sort_order').execute(),
		db.selectFrom('articles').select(['instrument_slug', 'number', 'title']).execute()
	]);
	const title = new Map(titles.map((a) => [`${a.instrument_slug}|${a.number}`, a.title]));
	return rows.map((c) => ({
		id: c.id,
		mechanismId: c.mechanism_id,
		title: c.title,
		draft: c.draft === 1,
		draftNote: c.draft_note,
		starts: c.starts,
		ends: c.ends,
		phaseMonths: c.phase_months,
		startGroups: JSON.parse(c.start_groups),
		clusters: clusters
			.filter((k) => k.cycle_id === c.id)
			.map((k) => ({
				n: k.n,
				title: k.title,
				titleConfirmed: k.title_confirmed === 1,
				sourceLine: k.source_line,
				articles: articles
					.filter((a) => a.cycle_id === c.id && a.cluster_n === k.n)
					.map((a) => ({ instrument: a.instrument_slug, number: a.article_number, title: title.get(`${a.instrument_slug}|${a.article_number}`) ?? null, confirmed: a.confirmed === 1 }))
			}))
	}));
}

export async function cycle(db: Db, id: string): Promise<Cycle | null> {
	return (await cycles(db)).find((c) => c.id === id) ?? null;
}

/**
 * Whether a mechanism existed on a date: before the resolution that established it, there was
 * none ("the debate of 3 June 2008 only asked for one"); during the session that adopted it,
 * the day is not known.
 */
export function existedOn(m: Mechanism, date: string): 'before' | 'uncertain' | 'yes' {
	if (date < m.established.earliest) return 'before';
	if (date <= m.established.latest) return 'uncertain';
	return 'yes';
}

/** The secretariat confirms a setting as the mechanism's rule: kept when the configuration file is brought in again. Audited. */
export async function confirmSetting(db: Db, opts: { mechanismId: string; key: string; actor: audit.Actor }): Promise<void> {
	await inTransaction(db, async (trx) => {
		const row = await trx.selectFrom('review_settings').selectAll().where('mechanism_id', '=', opts.mechanismId).where('key', '=', opts.key).executeTakeFirst();
		if (!row) throw new Error(`mechanism ${opts.mechanismId} has no setting ${opts.key}`);
		if (row.confirmed === 1) return;
		const after = { confirmed: 1, confirmed_by: opts.actor.label, confirmed_at: new Date().toISOString() };
		await trx.updateTable('review_settings').set(after).where('mechanism_id', '=', opts.mechanismId).where('key', '=', opts.key).execute();
		await audit.write(trx, [
			{ actor: opts.actor, action: 'confirm', entity: 'review-setting', entityId: `${opts.mechanismId}/${opts.key}`, summary: `${opts.mechanismId}: setting ${opts.key} = ${row.value} confirmed`, before: row, after: { ...row, ...after }, sourceId: null, reason: null }
		]);
	});
}
