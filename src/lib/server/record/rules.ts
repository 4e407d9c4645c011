// Entry-into-force rules, stored as data on each instrument (instruments.eif_rule) and
// applied to the event log. Nothing here touches the database.
import { z } from 'zod';
import { addDays, addMonths, firstOfNextMonth, maxDate } from '../../dates';
import { m } from '$lib/paraglide/messages';
import { locale, number } from '$lib/i18n';

const delay = z.union([z.object({ days: z.number().int() }), z.object({ months: z.number().int() })]);

export const eifRule = z.discriminatedUnion('kind', [
	// UN model: the Nth instrument starts the clock; later States count from their own deposit.
	z.object({
		kind: z.literal('deposit-count'),
		threshold: z.number().int().positive(),
		general: delay,
		later: delay.nullable(),
		// UNTOC art. 38(1): instruments of a regional economic integration organisation do not count.
		countStatesOnly: z.boolean().default(true),
		// A Protocol never enters into force before its Convention (UNTOC art. 37).
		notBeforeParent: z.boolean().default(false),
		article: z.string().optional()
	}),
	// CETS 197 art. 42: ten signatories, at least eight of them Council of Europe members, then
	// the first day of the month after three months.
	z.object({
		kind: z.literal('first-of-month'),
		threshold: z.number().int().positive(),
		minMembers: z.number().int().nonnegative(),
		memberGroup: z.string(),
		months: z.number().int(),
		article: z.string().optional()
	}),
	// ILO constitution model: twelve months after the registration of two ratifications, then
	// twelve months after each registration.
	z.object({
		kind: z.literal('ilo'),
		threshold: z.number().int().positive(),
		months: z.number().int(),
		article: z.string().optional()
	}),
	// Plans and declarations are endorsed, never in force.
	z.object({ kind: z.literal('non-binding') })
]);
export type EifRule = z.infer<typeof eifRule>;

export function parseRule(json: string): EifRule {
	return eifRule.parse(JSON.parse(json));
}

function apply(date: string, d: z.infer<typeof delay>): string {
	return 'days' in d ? addDays(date, d.days) : addMonths(date, d.months);
}

/** A consent to be bound, as far as the log knows its date. */
export interface Consent {
	participant: string;
	isState: boolean;
	/** Exact date, or null when the source gives only bounds. */
	date: string | null;
	/** The date by which it had certainly happened (equals `date` when exact). */
	latest: string | null;
}

/** Date on which the Nth qualifying consent was deposited, or null if the log cannot tell. */
function thresholdDate(
	consents: Consent[],
	threshold: number,
	qualifies: (c: Consent) => boolean,
	extra?: { min: number; counts: (c: Consent) => boolean }
): string | null {
	const ordered = consents
		.filter((c) => qualifies(c) && c.latest !== null)
		.sort((a, b) => (a.latest! < b.latest! ? -1 : a.latest! > b.latest! ? 1 : 0));
	let n = 0;
	let members = 0;
	for (const c of ordered) {
		n++;
		if (extra?.counts(c)) members++;
		if (n >= threshold && (!extra || members >= extra.min)) {
			// Only an exact date can start the clock; an undated consent leaves it unknown.
			return c.date;
		}
	}
	return null;
}

export interface RuleContext {
	/** Is this participant a member of the named group on that date? (CETS 197 art. 42) */
	isMember?: (group: string, participant: string, date: string) => boolean;
}

/** The instrument's own entry into force computed from the consents, or null if not (yet) known. */
export function generalEntryIntoForce(rule: EifRule, consents: Consent[], ctx: RuleContext = {}): string | null {
	switch (rule.kind) {
		case 'deposit-count': {
			const t = thresholdDate(consents, rule.threshold, (c) => !rule.countStatesOnly || c.isState);
			return t && apply(t, rule.general);
		}
		case 'first-of-month': {
			const t = thresholdDate(consents, rule.threshold, (c) => c.isState, {
				min: rule.minMembers,
				counts: (c) => ctx.isMember?.(rule.memberGroup, c.participant, c.latest!) ?? false
			});
			return t && firstOfNextMonth(addMonths(t, rule.months));
		}
		case 'ilo': {
			const t = thresholdDate(consents, rule.threshold, () => true);
			return t && addMonths(t, rule.months);
		}
		case 'non-binding':
			return null;
	}
}

/**
 * Entry into force for one participant whose consent is deposited on `date`, given the
 * instrument's general date. Every rule here has the same shape: the later of the general
 * date and the participant's own delay (an early consent simply waits for the general date).
 */
export function participantEntryIntoForce(rule: EifRule, general: string | null, date: string): string | null {
	if (general === null) return null;
	switch (rule.kind) {
		case 'deposit-count':
			return maxDate(general, rule.later ? apply(date, rule.later) : date);
		case 'first-of-month':
			return maxDate(general, firstOfNextMonth(addMonths(date, rule.months)));
		case 'ilo':
			return maxDate(general, addMonths(date, rule.months));
		case 'non-binding':
			return null;
	}
}

/** The rule in words, in the request's language ("In force 90 days after the 40th instrument…"). */
export function describeRule(rule: EifRule): string {
	const d = (x: z.infer<typeof delay>) =>
		'days' in x ? m.api_rule_days({ count: x.days, shown: number(x.days) }) : m.api_rule_months({ count: x.months, shown: number(x.months) });
	const cited = (said: string) => (rule.kind !== 'non-binding' && rule.article ? m.api_rule_article({ rule: said, article: rule.article }) : said);
	switch (rule.kind) {
		case 'deposit-count': {
			const first = { delay: d(rule.general), nth: nth(rule.threshold) };
			let said = rule.countStatesOnly ? m.api_rule_deposit_by_state(first) : m.api_rule_deposit(first);
			if (rule.later) said = m.api_rule_then({ first: said, then: m.api_rule_later({ delay: d(rule.later) }) });
			if (rule.notBeforeParent) said = m.api_rule_then({ first: said, then: m.api_rule_not_before_parent() });
			return cited(said);
		}
		case 'first-of-month':
			return cited(m.api_rule_first_of_month({ delay: d({ months: rule.months }), nth: nth(rule.threshold), members: number(rule.minMembers) }));
		case 'ilo':
			return cited(m.api_rule_ilo({ delay: d({ months: rule.months }), count: rule.threshold, shown: number(rule.threshold) }));
		case 'non-binding':
			return m.api_rule_non_binding();
	}
}

/** "40th", "40e", "40.º", "40-го", "第40", "40": the rule's threshold as its sentence in each language counts it. */
function nth(n: number): string {
	switch (locale()) {
		case 'fr':
			return n === 1 ? '1er' : `${n}e`;
		case 'es':
			return `${n}.º`;
		case 'ru':
			return `${n}-го`;
		case 'zh':
			return `第${n}`;
		case 'ar':
			return number(n);
		default:
			return ordinal(n);
	}
}

export function ordinal(n: number): string {
	const s = ['th', 'st', 'nd', 'rd'];
	const v = n % 100;
	return n + (s[(v - 20) % 10] || s[v] || s[0]);
}
