// The stages of a country review: which moves they allow, what each stage needs, and the
// deadlines on real calendar days (who may move a review: tests/unit/authorization.test.ts). Expected answers come from tables written here and from the
// mechanism's settings in data/review-mechanisms.json, never from the module under test.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as stages from '../../src/lib/review/stages';
import type { ReviewFacts, Stage, StageSettings } from '../../src/lib/review/stages';

// The stages in order, as the brief and the facts file (lines 36–47) name them.
const ORDER = ['launched', 'focal-point-named', 'experts-named', 'self-assessment', 'feedback', 'observations', 'agreed', 'published'] as const;

const mechanism = JSON.parse(readFileSync(resolve(__dirname, '../../data/review-mechanisms.json'), 'utf8')).mechanisms.find(
	(m: { id: string }) => m.id === 'untoc'
);
/** The UNTOC mechanism's settings as the data file gives them. */
const SETTINGS: StageSettings = Object.fromEntries(Object.entries(mechanism.settings).map(([k, s]) => [k, (s as { value: number | null }).value]));

/** A review at `stage` with everything the next stage needs already there. */
function ready(stage: Stage, over: Partial<ReviewFacts> = {}): ReviewFacts {
	const days = ['2020-10-12', '2020-10-20', '2020-11-02', '2021-03-01', '2021-08-02', '2021-11-15', '2022-01-10', '2022-02-01'];
	const reached: Partial<Record<Stage, string>> = {};
	for (let i = 0; i <= ORDER.indexOf(stage); i++) reached[ORDER[i]] = days[i];
	return {
		stage,
		launchedOn: '2020-10-12',
		reached,
		focalPointNamed: true,
		expertsNamed: true,
		itemsTotal: 12,
		itemsAnswered: 12,
		openQuestions: 0,
		reviewersCommentedAll: true,
		observationsDrafted: true,
		summaryDrafted: true,
		agreedBy: { underReview: true, reviewers: true },
		...over
	};
}

describe('the stages', () => {
	it('are the eight stages, in order, each with a label', () => {
		expect(stages.STAGES).toEqual(ORDER);
		expect(stages.STAGE_LABELS['experts-named']).toBe('Governmental experts named');
		for (const s of ORDER) expect(stages.STAGE_LABELS[s]).toBeTruthy();
	});
	it('go on one at a time, and stop after publication', () => {
		expect(stages.next(ready('launched'))).toBe('focal-point-named');
		expect(stages.next(ready('self-assessment'))).toBe('feedback');
		expect(stages.next(ready('published'))).toBeNull();
		expect(stages.isStage('feedback')).toBe(true);
		expect(stages.isStage('drafting')).toBe(false);
	});
});

describe('which moves the stage rules allow: every stage × every stage', () => {
	const rows = ORDER.flatMap((from, i) => ORDER.map((to, j) => ({ from, to, allowed: j === i + 1 || j === i - 1, back: j === i - 1 })));

	it('covers the whole matrix', () => {
		expect(rows).toHaveLength(8 * 8);
		expect(rows.filter((r) => r.allowed)).toHaveLength(7 + 7);
	});

	it.each(rows)('$from → $to: allowed $allowed', ({ from, to, allowed, back }) => {
		const verdict = stages.canMove(ready(from), { to, reason: 'the answers on article 5 cite a repealed law' });
		if (allowed) expect(verdict).toEqual({ ok: true });
		else {
			expect(verdict.ok).toBe(false);
			if (!verdict.ok) expect(verdict.reason.length).toBeGreaterThan(10);
		}
		if (back) {
			// going back always needs a reason
			for (const reason of [undefined, '', '   ']) expect(stages.canMove(ready(from), { to, reason }).ok).toBe(false);
		}
	});
});

describe('what is refused says why', () => {
	const move = (facts: ReviewFacts, to: Stage, reason?: string) => stages.canMove(facts, { to, reason });

	it('names the items not answered before the self-assessment can be cleared', () => {
		expect(move(ready('experts-named', { itemsAnswered: 9 }), 'self-assessment')).toEqual({
			ok: false,
			reason: '3 of 12 items are not answered.'
		});
		expect(move(ready('experts-named', { itemsAnswered: 11 }), 'self-assessment')).toEqual({
			ok: false,
			reason: '1 of 12 items is not answered.'
		});
		expect(move(ready('experts-named', { itemsTotal: 0, itemsAnswered: 0 }), 'self-assessment')).toEqual({
			ok: false,
			reason: 'The questionnaire has no items.'
		});
	});
	it('waits for the focal point and the experts to be named', () => {
		expect(move(ready('launched', { focalPointNamed: false }), 'focal-point-named')).toEqual({ ok: false, reason: 'No focal point is named yet.' });
		expect(move(ready('focal-point-named', { expertsNamed: false }), 'experts-named')).toEqual({
			ok: false,
			reason: 'The governmental experts are not named yet.'
		});
	});
	it('closes the feedback only when every item has comments and no question is open', () => {
		expect(move(ready('self-assessment', { reviewersCommentedAll: false, openQuestions: 2 }), 'feedback')).toEqual({
			ok: false,
			reason: 'The reviewers have not commented on every item and 2 clarification questions are still open.'
		});
		expect(move(ready('self-assessment', { openQuestions: 1 }), 'feedback')).toEqual({ ok: false, reason: '1 clarification question is still open.' });
	});
	it('needs the list of observations and its summary drafted, then both sides agreeing', () => {
		expect(move(ready('feedback', { summaryDrafted: false }), 'observations')).toEqual({ ok: false, reason: 'Its summary is not drafted.' });
		expect(move(ready('feedback', { observationsDrafted: false, summaryDrafted: false }), 'observations')).toEqual({
			ok: false,
			reason: 'The list of observations is not drafted and its summary is not drafted.'
		});
		expect(move(ready('observations', { agreedBy: { underReview: true, reviewers: false } }), 'agreed')).toEqual({
			ok: false,
			reason: 'The reviewing States have not agreed.'
		});
		expect(move(ready('observations', { agreedBy: { underReview: false, reviewers: true } }), 'agreed')).toEqual({
			ok: false,
			reason: 'The State under review has not agreed.'
		});
	});
	it('moves one stage at a time, and back only with a reason', () => {
		expect(move(ready('launched'), 'experts-named')).toEqual({
			ok: false,
			reason: 'The review is at “Launched”: its next stage is “Focal point named”; a review moves one stage at a time.'
		});
		expect(move(ready('feedback'), 'feedback')).toEqual({ ok: false, reason: expect.stringContaining('already') });
		expect(move(ready('feedback'), 'experts-named', 'reopen')).toEqual({ ok: false, reason: expect.stringContaining('one at a time') });
		expect(move(ready('feedback'), 'self-assessment')).toEqual({
			ok: false,
			reason: 'Say why the review goes back to “Self-assessment answered and cleared by the focal point”.'
		});
		expect(move(ready('feedback'), 'self-assessment', 'we found a mistake')).toEqual({ ok: true });
	});
	it('refuses every move before the review is launched', () => {
		const facts = ready('launched', { launchedOn: null, reached: {} });
		expect(move(facts, 'focal-point-named')).toEqual({ ok: false, reason: 'The review has not been launched yet.' });
	});
	it('holds to the guards whoever asks: nobody skips what is missing', () => {
		for (const [stage, over] of [
			['launched', { focalPointNamed: false }],
			['focal-point-named', { expertsNamed: false }],
			['self-assessment', { openQuestions: 3 }],
			['feedback', { observationsDrafted: false }],
			['observations', { agreedBy: { underReview: false, reviewers: false } }]
		] as [Stage, Partial<ReviewFacts>][]) {
			expect(move(ready(stage, over), stages.next({ stage })!).ok).toBe(false);
		}
	});
});

describe('deadlines, on real calendar days', () => {
	it('uses the settings of the data file: 2 and 4 weeks, 6 and 6 months, none for the observations', () => {
		expect(SETTINGS).toMatchObject({ focal_point_weeks: 2, experts_weeks: 4, self_assessment_months: 6, feedback_months: 6, observations_months: null });
	});
	it('counts from the launch of 12 October 2020', () => {
		const due = stages.deadlines({ launchedOn: '2020-10-12', reached: { launched: '2020-10-12' } }, SETTINGS);
		expect(due).toEqual({
			launched: null,
			'focal-point-named': '2020-10-26',
			'experts-named': '2020-11-09',
			'self-assessment': '2021-04-12',
			feedback: null, // waits for the self-assessment
			observations: null,
			agreed: null,
			published: null
		});
	});
	it('clamps at a month’s end: 31 August 2021 + 6 months is 28 February 2022', () => {
		expect(stages.deadlines({ launchedOn: '2021-08-31', reached: {} }, SETTINGS)['self-assessment']).toBe('2022-02-28');
	});
	it('knows leap years: 31 August 2023 + 6 months is 29 February 2024', () => {
		expect(stages.deadlines({ launchedOn: '2023-08-31', reached: {} }, SETTINGS)['self-assessment']).toBe('2024-02-29');
	});
	it('gives the feedback 6 months from the clearing: cleared 29 February 2024, due 29 August 2024', () => {
		const due = stages.deadlines({ launchedOn: '2023-08-31', reached: { 'self-assessment': '2024-02-29' } }, SETTINGS);
		expect(due.feedback).toBe('2024-08-29');
	});
	it('gives no deadline for a null setting, and one once a setting gives a number', () => {
		const facts = { launchedOn: '2020-10-12', reached: { 'self-assessment': '2021-03-01', feedback: '2021-08-02' } };
		expect(stages.deadlines(facts, SETTINGS).observations).toBeNull();
		expect(stages.deadlines(facts, { ...SETTINGS, observations_months: 3 }).observations).toBe('2021-11-02');
		expect(stages.deadlines(facts, { ...SETTINGS, focal_point_weeks: null })['focal-point-named']).toBeNull();
	});
	it('gives none before the launch', () => {
		expect(Object.values(stages.deadlines({ launchedOn: null, reached: {} }, SETTINGS)).every((d) => d === null)).toBe(true);
	});
	it('says the rule in words', () => {
		expect(stages.deadlineText('focal-point-named', SETTINGS)).toBe('within 2 weeks of the launch');
		expect(stages.deadlineText('feedback', SETTINGS)).toBe('within 6 months of the day the self-assessment was cleared');
		expect(stages.deadlineText('observations', SETTINGS)).toBe('no deadline');
		expect(stages.deadlineText('observations', { observations_months: 1 })).toBe('within 1 month of the day the feedback ended');
	});
});

describe('overdue: the stages not reached whose deadline is before today', () => {
	// Launched 12 October 2020, self-assessment cleared 1 March 2021 (as in `ready`).
	const DUE: Partial<Record<Stage, string>> = {
		'focal-point-named': '2020-10-26',
		'experts-named': '2020-11-09',
		'self-assessment': '2021-04-12',
		feedback: '2021-09-01'
	};
	const TODAYS = ['2020-10-12', '2020-10-26', '2020-10-27', '2020-11-09', '2020-11-10', '2021-04-12', '2021-04-13', '2021-09-01', '2021-09-02', '2030-01-01'];

	const rows = ORDER.flatMap((stage, i) =>
		TODAYS.map((today) => {
			// the feedback's deadline exists only once the self-assessment is cleared
			const known = i >= ORDER.indexOf('self-assessment') ? DUE : { ...DUE, feedback: undefined };
			const expected = ORDER.filter((s, j) => j > i && known[s] !== undefined && known[s]! < today).map((s) => ({ stage: s, due: known[s] }));
			return { stage, today, expected };
		})
	);

	it.each(rows)('at $stage on $today', ({ stage, today, expected }) => {
		expect(stages.overdue(ready(stage), SETTINGS, today)).toEqual(expected);
	});

	it('is nothing on the deadline day itself, the next stage the day after', () => {
		expect(stages.overdue(ready('launched'), SETTINGS, '2020-10-26')).toEqual([]);
		expect(stages.overdue(ready('launched'), SETTINGS, '2020-10-27')).toEqual([{ stage: 'focal-point-named', due: '2020-10-26' }]);
	});
	it('is nothing for a review not launched', () => {
		expect(stages.overdue(ready('launched', { launchedOn: null, reached: {} }), SETTINGS, '2030-01-01')).toEqual([]);
	});
});

describe('moving', () => {
	it('records the day a stage is reached, and leaves the facts it was given alone', () => {
		const before = ready('experts-named');
		const after = stages.move(before, { to: 'self-assessment', today: '2021-03-15' });
		expect(after.stage).toBe('self-assessment');
		expect(after.reached['self-assessment']).toBe('2021-03-15');
		expect(after.reached.launched).toBe('2020-10-12');
		expect(before.stage).toBe('experts-named');
		expect(before.reached['self-assessment']).toBeUndefined();
	});
	it('going back forgets the day of the stage left, so its deadline runs again from the new day', () => {
		const cleared = ready('self-assessment'); // cleared 1 March 2021
		const reopened = stages.move(cleared, { to: 'experts-named', today: '2021-05-01' });
		expect(reopened.stage).toBe('experts-named');
		expect(reopened.reached['self-assessment']).toBeUndefined();
		expect(stages.deadlines(reopened, SETTINGS).feedback).toBeNull();
		const again = stages.move(reopened, { to: 'self-assessment', today: '2021-05-20' });
		expect(stages.deadlines(again, SETTINGS).feedback).toBe('2021-11-20');
	});
	it('refuses to jump stages', () => {
		expect(() => stages.move(ready('launched'), { to: 'experts-named', today: '2020-11-01' })).toThrow(RangeError);
		expect(() => stages.move(ready('published'), { to: 'published', today: '2022-03-01' })).toThrow(RangeError);
	});
});
