import { sourceFile, type LoadContext } from './context';
import { LoadError } from '../../text/errors';
import type { GroupDef } from './groups';
import type { NameIndex } from '../../text/names';
import { readTable, requireColumns } from '../../text/table';
import type { NewMembership } from './write';

/** COW ccode → COW state name (the file repeats rows; a code with two names is an error). */
export function readCountryNames(ctx: LoadContext): Map<string, string> {
	const { file } = sourceFile(ctx, 'cow-country-codes');
	const table = readTable(ctx.dataDir, file);
	requireColumns(table, ['CCode', 'StateNme']);
	const names = new Map<string, string>();
	for (const { line, cells } of table.rows) {
		const had = names.get(cells.CCode);
		if (had && had !== cells.StateNme) {
			throw new LoadError(`ccode ${cells.CCode} is both "${had}" and "${cells.StateNme}"`, { file, line });
		}
		names.set(cells.CCode, cells.StateNme);
	}
	return names;
}

interface Spell {
	group: string;
	code: string;
	first: number;
	last: number;
}

/**
 * Organisation memberships from the Correlates of War IGO data: runs of years as a full member.
 * Year precision: `joined` is 1 January of the first year, `left` 31 December of the last one,
 * and no `left` when the run reaches the end of the data (still a member then). COW names go
 * through the same alias table as treaty files; former States (the GDR, Czechoslovakia…) are
 * named there without a code and skipped here, since they are not participants.
 */
export function memberships(ctx: LoadContext, groups: GroupDef[], names: NameIndex): NewMembership[] {
	const { id, file } = sourceFile(ctx, 'cow-igo-v3');
	const byKey = new Map(groups.filter((g) => g.source_id === id).map((g) => [g.key, g.slug]));
	const countryNames = readCountryNames(ctx);
	const table = readTable(ctx.dataDir, file);
	requireColumns(table, ['igo', 'ccode', 'first_year_full_member', 'last_year_full_member']);

	const spells: Spell[] = [];
	const firstYear = new Map<string, number>(); // the organisation's first year in the data
	const skipped = new Map<string, string[]>();
	for (const { line, cells } of table.rows) {
		const where = { file, line };
		const group = byKey.get(cells.igo);
		if (!group) throw new LoadError(`organisation "${cells.igo}" is not in groups.csv`, { ...where, value: cells.igo });
		const name = countryNames.get(cells.ccode);
		if (!name) throw new LoadError(`ccode ${cells.ccode} is not in the COW country codes`, { ...where, value: cells.ccode });
		const first = Number(cells.first_year_full_member);
		const last = Number(cells.last_year_full_member);
		if (!Number.isInteger(first) || !Number.isInteger(last) || first > last) {
			throw new LoadError('first and last years are not a run of years', where);
		}
		firstYear.set(group, Math.min(first, firstYear.get(group) ?? first));
		const entry = names.lookup(name);
		if (!entry) throw new LoadError(`unknown participant "${name}" (ccode ${cells.ccode})`, { ...where, value: name });
		if (!entry.code || !names.isParticipant(entry.code)) {
			skipped.set(name, [...(skipped.get(name) ?? []), `${cells.igo} ${first}–${last}`]);
			continue;
		}
		spells.push({ group, code: entry.code, first, last });
	}
	if (skipped.size) {
		const list = [...skipped].map(([name, runs]) => `${name} (${runs.join(', ')})`).join('; ');
		ctx.warn(`${file}: skipped memberships of former States and non-participants: ${list}`);
	}

	const end = Math.max(...spells.map((s) => s.last));
	return merge(spells).map((s) => ({
		group_slug: s.group,
		participant_code: s.code,
		joined: `${s.first}-01-01`,
		left: s.last === end ? null : `${s.last}-12-31`,
		precision: 'year' as const,
		source_id: id,
		note:
			`COW IGO v3: member in these years (year precision); data ends ${end}` +
			(s.first < 1965 && s.first > firstYear.get(s.group)!
				? '. Before 1965 COW records every fifth year, so membership may have begun up to four years earlier'
				: '')
	}));
}

/** Joins runs that touch: West Germany 1955–1989 and Germany 1990–2014 are one membership of DEU. */
function merge(spells: Spell[]): Spell[] {
	const sorted = [...spells].sort((a, b) => a.group.localeCompare(b.group) || a.code.localeCompare(b.code) || a.first - b.first);
	const out: Spell[] = [];
	for (const s of sorted) {
		const prev = out.at(-1);
		if (prev && prev.group === s.group && prev.code === s.code && s.first <= prev.last + 1) {
			prev.last = Math.max(prev.last, s.last);
		} else {
			out.push({ ...s });
		}
	}
	return out;
}
