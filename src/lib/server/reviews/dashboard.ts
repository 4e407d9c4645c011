// The reviews dashboard: every country review by cycle, stage and start group, the overdue
// ones first, with counts per stage — the progress observers ask for ("81 under way, 108 not
// started"). What it shows of a review (its State, stage and dates) is public; what is said in
// a review is not, and stays on the review's own page.
import type { Db } from '../db';
import { can, type ReviewParties, type Someone } from '../accounts/permissions';
import * as groups from '../record/groups';
import * as stages from '../../review/stages';
import * as config from './config';
import * as reviews from './reviews';
import { m } from '$lib/paraglide/messages';
import { collate, stateName } from '$lib/i18n';

export interface DashboardRow {
	id: number;
	state: string;
	name: string;
	group: { slug: string; name: string } | null;
	instruments: string[];
	cluster: number;
	startGroup: number | null;
	launchedOn: string | null;
	stage: stages.Stage;
	next: { stage: stages.Stage; due: string | null } | null;
	overdue: stages.OverdueStage[];
	/** The person may open its work. */
	open: boolean;
	/** Its public page, once published (anyone may read it). */
	publicPage: string | null;
}

export interface CycleBoard {
	cycle: config.Cycle;
	mechanism: { id: string; shortTitle: string };
	/** States with reviewers drawn and no review launched yet in this cycle. */
	notStarted: { code: string; name: string }[];
	/** Launched and not yet published. */
	underWay: number;
	published: number;
	byStage: Record<stages.Stage, number>;
	rows: DashboardRow[];
}

export interface Filters {
	group?: string;
	instrument?: string;
	stage?: string;
}

export async function board(db: Db, opts: { today: string; person: Someone | null; filters: Filters }): Promise<CycleBoard[]> {
	const [cycles, mechanisms, rows, drawn, people, groups] = await Promise.all([
		config.cycles(db),
		config.mechanisms(db),
		reviews.list(db),
		db.selectFrom('review_reviewers').select(['cycle_id', 'state_code', 'instrument_slug', 'reviewer_code']).where('replaced_at', 'is', null).execute(),
		db.selectFrom('review_people').select(['review_id', 'user_id', 'role', 'participant_code']).execute(),
		db
			.selectFrom('memberships as ms')
			.innerJoin('groups as g', 'g.slug', 'ms.group_slug')
			.where('g.kind', '=', 'un-regional-group')
			.where('ms.left', 'is', null)
			.select(['ms.participant_code', 'g.slug', 'g.name'])
			.execute()
	]);
	const groupOf = new Map(groups.map((g) => [g.participant_code, { slug: g.slug, name: g.name }]));
	// names in the request's language
	const names = new Map((await db.selectFrom('participants').select(['code', 'name']).execute()).map((p) => [p.code, stateName(p.code, p.name)]));
	return cycles.map((cycle) => {
		const mechanism = mechanisms.find((x) => x.id === cycle.mechanismId)!;
		const settings = Object.fromEntries(Object.values(mechanism.settings).map((s) => [s.key, s.value]));
		const own = rows.filter((r) => r.cycle_id === cycle.id);
		const ownDrawn = drawn.filter((d) => d.cycle_id === cycle.id);
		const launched = new Set(own.map((r) => r.state_code));
		const notStarted = [...new Set(ownDrawn.map((d) => d.state_code))]
			.filter((c) => !launched.has(c))
			.sort()
			.map((code) => ({ code, name: names.get(code) ?? code }));
		const byStage = Object.fromEntries(stages.STAGES.map((s) => [s, 0])) as Record<stages.Stage, number>;
		const board: DashboardRow[] = [];
		for (const r of own) {
			const stage = r.stage;
			byStage[stage]++;
			const reached = JSON.parse(r.reached);
			const facts = { stage, launchedOn: r.launched_on, reached };
			const due = stages.deadlines(facts, settings);
			const nextStage = stages.next(facts);
			const instruments = [...new Set(ownDrawn.filter((d) => d.state_code === r.state_code).map((d) => d.instrument_slug))];
			const parties: ReviewParties = {
				state: r.state_code,
				reviewers: [...new Set(ownDrawn.filter((d) => d.state_code === r.state_code).map((d) => d.reviewer_code))],
				...reviews.expertsBySide(
					r.state_code,
					[...new Set(ownDrawn.filter((d) => d.state_code === r.state_code).map((d) => d.reviewer_code))],
					people.filter((p) => p.review_id === r.id).map((p) => ({ role: p.role, participant: p.participant_code, userId: p.user_id }))
				)
			};
			const row: DashboardRow = {
				id: r.id, state: r.state_code, name: names.get(r.state_code) ?? r.name, group: groupOf.get(r.state_code) ?? null, instruments, cluster: r.cluster_n,
				startGroup: r.start_group, launchedOn: r.launched_on, stage,
				next: nextStage ? { stage: nextStage, due: due[nextStage] } : null,
				overdue: stages.overdue(facts, settings, opts.today),
				open: can(opts.person, 'review.read', parties),
				publicPage: can(opts.person, 'review.read-published', { stage }) ? `/reviews/${r.id}/published` : null
			};
			if (opts.filters.group && row.group?.slug !== opts.filters.group) continue;
			if (opts.filters.instrument && !row.instruments.includes(opts.filters.instrument)) continue;
			if (opts.filters.stage && row.stage !== opts.filters.stage) continue;
			board.push(row);
		}
		board.sort(
			(a, b) =>
				Number(b.overdue.length > 0) - Number(a.overdue.length > 0) ||
				(a.next?.due ?? '9999').localeCompare(b.next?.due ?? '9999') ||
				collate(a.name, b.name)
		);
		// what the public may see: no summary (the participant page shows those it may), no setting's confirmer
		const published = byStage.published;
		return { cycle, mechanism: { id: mechanism.id, shortTitle: mechanism.shortTitle }, notStarted, underWay: own.length - published, published, byStage, rows: board };
	});
}

/** The UN regional groups, by name: the board's filter. */
export async function regionalGroups(db: Db) {
	return (await groups.list(db)).filter((g) => g.kind === 'un-regional-group').map((g) => ({ slug: g.slug, name: g.name }));
}

/** The published summaries of a State's reviews, where its mechanism publishes them. */
export async function publishedFor(db: Db, code: string) {
	const mechanisms = await config.mechanisms(db);
	const cycles = await config.cycles(db);
	const rows = (await reviews.list(db)).filter((r) => r.state_code === code && r.stage === 'published' && r.summary);
	return rows
		.map((r) => {
			const cycle = cycles.find((c) => c.id === r.cycle_id)!;
			const mechanism = mechanisms.find((x) => x.id === cycle.mechanismId)!;
			return {
				id: r.id,
				mechanism: mechanism.shortTitle,
				cycle: cycle.title,
				draft: cycle.draft,
				cluster: cycle.clusters.find((k) => k.n === r.cluster_n)?.title ?? m.reviews_cluster_n({ n: String(r.cluster_n) }),
				published: (JSON.parse(r.reached) as Record<string, string>).published ?? null,
				summary: r.summary!,
				shown: mechanism.settings.publish_summaries?.value === true
			};
		})
		.filter((r) => r.shown);
}
