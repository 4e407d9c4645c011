import { describe, expect, it } from 'vitest';
import { generalEntryIntoForce, participantEntryIntoForce, parseRule, type Consent } from '../../src/lib/server/record/rules';
import { addMonths, firstOfNextMonth, isIsoDate } from '../../src/lib/dates';

const state = (participant: string, date: string): Consent => ({ participant, isState: true, date, latest: date });

describe('dates', () => {
	it('rejects impossible and malformed dates', () => {
		expect(isIsoDate('2008-06-03')).toBe(true);
		expect(isIsoDate('2023-02-30')).toBe(false);
		expect(isIsoDate('2008-6-3')).toBe(false);
		expect(isIsoDate('03/06/2008')).toBe(false);
	});
	it('adds calendar months, clamping at the month end', () => {
		expect(addMonths('2001-10-18', 3)).toBe('2002-01-18');
		expect(addMonths('2007-11-30', 3)).toBe('2008-02-29');
		expect(firstOfNextMonth(addMonths('2007-10-24', 3))).toBe('2008-02-01');
	});
});

describe('deposit-count rule (UNTOC art. 38)', () => {
	const rule = parseRule(JSON.stringify({ kind: 'deposit-count', threshold: 3, general: { days: 90 }, later: { days: 30 }, countStatesOnly: true }));
	it('starts the clock at the Nth State instrument, ignoring a regional organisation', () => {
		const consents = [
			state('ALB', '2002-08-21'),
			{ participant: 'EUU', isState: false, date: '2002-09-01', latest: '2002-09-01' },
			state('ARG', '2002-11-19'),
			state('AUT', '2003-07-01')
		];
		expect(generalEntryIntoForce(rule, consents)).toBe('2003-09-29');
	});
	it('a later State waits 30 days, an early one waits for the general date', () => {
		expect(participantEntryIntoForce(rule, '2003-09-29', '2002-08-21')).toBe('2003-09-29');
		expect(participantEntryIntoForce(rule, '2003-09-29', '2004-08-04')).toBe('2004-09-03');
	});
	it('does not guess when the Nth consent has no exact date', () => {
		const consents = [state('ALB', '2002-08-21'), state('ARG', '2002-11-19'), { participant: 'AUT', isState: true, date: null, latest: '2003-07-01' }];
		expect(generalEntryIntoForce(rule, consents)).toBeNull();
	});
	it('is not in force with fewer consents than the threshold', () => {
		expect(generalEntryIntoForce(rule, [state('ALB', '2002-08-21')])).toBeNull();
	});
});

describe('ILO rule', () => {
	const rule = parseRule(JSON.stringify({ kind: 'ilo', threshold: 2, months: 12 }));
	it('P029: twelve months after the second registration (Niger, then Norway 9 Nov 2015)', () => {
		const general = generalEntryIntoForce(rule, [state('NER', '2015-05-14'), state('NOR', '2015-11-09')]);
		expect(general).toBe('2016-11-09');
		expect(participantEntryIntoForce(rule, general, '2023-06-11')).toBe('2024-06-11');
	});
});

describe('first-of-month rule (CETS 197 art. 42)', () => {
	const rule = parseRule(JSON.stringify({ kind: 'first-of-month', threshold: 3, minMembers: 2, memberGroup: 'council-of-europe', months: 3 }));
	it('needs enough members among the first consents', () => {
		const consents = [state('AUT', '2006-10-12'), state('BLR', '2007-01-10'), state('ALB', '2007-02-06'), state('DNK', '2007-09-19')];
		const members = new Set(['AUT', 'ALB', 'DNK']);
		const isMember = (_g: string, code: string) => members.has(code);
		expect(generalEntryIntoForce(rule, consents, { isMember })).toBe('2007-06-01');
		members.delete('ALB');
		expect(generalEntryIntoForce(rule, consents, { isMember })).toBe('2008-01-01');
	});
	it('Bosnia and Herzegovina, consent 11 Jan 2008: in force 1 May 2008', () => {
		expect(participantEntryIntoForce(rule, '2008-02-01', '2008-01-11')).toBe('2008-05-01');
	});
});

it('rejects a malformed rule', () => {
	expect(() => parseRule('{"kind":"deposit-count","threshold":"forty"}')).toThrow();
});
