// Who endorsed a regional plan: the members of the bodies that adopted it, on the day it was
// adopted (data/plan-adoptions.csv). A plan is not ratified: adopting it is every member's
// endorsement, so the record derives them from the memberships, each citing the decision.
import { isoDate } from '../../text/dates';
import { LoadError } from '../../text/errors';
import { parseTable, requireColumns } from '../../text/table';
import { act, result, type Reader, type SourceAct } from './types';

export const read: Reader = (text, ctx) => {
	const table = parseTable(text, ctx.file);
	requireColumns(table, ['instrument', 'adopted', 'adopted_by', 'decision', 'where']);
	const acts: SourceAct[] = [];
	for (const { line, cells } of table.rows) {
		const where = { file: ctx.file, line };
		// "2006-11-22..2006-11-23": a conference of two days; the members on both days endorsed it.
		const [from, to = from] = cells.adopted.split('..').map((d) => isoDate(d, where));
		if (to < from) throw new LoadError(`adopted: ${to} is before ${from}`, { ...where, value: cells.adopted });
		if (!ctx.membersOf) throw new LoadError('deriving endorsements needs the memberships, which this reading was not given', where);
		const groups = cells.adopted_by.split(';').map((g) => g.trim()).filter(Boolean);
		if (!groups.length) throw new LoadError('adopted_by: name the groups whose members adopted it', where);
		const codes = new Map<string, string>();
		for (const group of groups) {
			const members = ctx.membersOf(group, from, to);
			if (!members.length) throw new LoadError(`adopted_by: no member of "${group}" on ${cells.adopted}`, { ...where, value: group });
			for (const code of members) if (!codes.has(code)) codes.set(code, group);
		}
		const date = from === to ? { date: from, precision: 'day' as const, earliest: null, latest: null } : { date: null, precision: 'unknown' as const, earliest: from, latest: to };
		for (const [code, group] of [...codes].sort()) {
			acts.push(
				act(line, code, 'endorsement', date.date, {
					...date,
					code,
					instrument: cells.instrument,
					note: `Endorsed as a member of the ${ctx.groupName?.(group) ?? group} when the plan was ${cells.decision} (${cells.where}).`
				})
			);
		}
	}
	return result(acts);
};
