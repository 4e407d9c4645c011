import { sourceFile, type LoadContext } from './context';
import { isoDate } from '../../text/dates';
import { LoadError } from '../../text/errors';
import type { GroupDef } from './groups';
import type { NameIndex } from '../../text/names';
import { readTable, requireColumns } from '../../text/table';
import type { NewMembership } from './write';

const SOURCE = 'un-member-states-org-1469';

/**
 * UN Member States from the transcription of press release ORG/1469: one row per spell of
 * membership, from the day of admission (precision day) to the day it ended, if it did (Syria
 * inside the United Arab Republic, 1958–61). A member whose admission date was not read has an
 * empty date: it is a member with precision `unknown` on every date, like a classification,
 * rather than a member from a day nobody read. Names go through the shared alias index, with the
 * document's footnote markers ("Syria[1]") taken off; a former State (the SFRY) is skipped with a
 * warning, as the COW loaders do. Every UN member of the reference list must have a row.
 */
export function memberships(ctx: LoadContext, groups: GroupDef[], names: NameIndex, unMembers: Set<string>): NewMembership[] {
	const { id, file } = sourceFile(ctx, SOURCE);
	const group = groups.find((g) => g.source_id === id);
	if (!group) throw new LoadError('no group in groups.csv takes its members from this file', { file });
	const table = readTable(ctx.dataDir, file);
	requireColumns(table, ['member', 'date_as_written', 'date_iso', 'ended_iso', 'page_url', 'note']);

	const rows: NewMembership[] = [];
	const skipped: string[] = [];
	const undated: string[] = [];
	for (const { line, cells } of table.rows) {
		const where = { file, line };
		if (!cells.page_url) throw new LoadError('every row needs the page it was read on', where);
		const name = cells.member.replace(/\[\d+\]/g, '').trim();
		const entry = names.lookup(name);
		if (!entry) throw new LoadError(`unknown participant "${name}"`, { ...where, value: name });
		if (!entry.code || !names.isParticipant(entry.code)) {
			skipped.push(name);
			continue;
		}
		if (!unMembers.has(entry.code)) {
			throw new LoadError(`"${name}" is ${entry.code}, which the UN regional groups do not list as a member`, { ...where, value: name });
		}
		const joined = cells.date_iso ? isoDate(cells.date_iso, where) : null;
		const left = cells.ended_iso ? isoDate(cells.ended_iso, where) : null;
		if (!joined && left) throw new LoadError('an end without an admission date', where);
		if (joined && left && left < joined) throw new LoadError('ended before admitted', where);
		if (!joined) undated.push(entry.code);
		rows.push({
			group_slug: group.slug,
			participant_code: entry.code,
			joined,
			left,
			precision: joined ? 'day' : 'unknown',
			source_id: id,
			note: cells.note || null
		});
	}

	const listed = new Set(rows.map((r) => r.participant_code));
	const missing = [...unMembers].filter((code) => !listed.has(code));
	if (missing.length) throw new LoadError(`UN members with no row: ${missing.sort().join(', ')}`, { file });
	if (skipped.length) ctx.warn(`${file}: skipped memberships of former States and non-participants: ${skipped.join('; ')}`);
	if (undated.length) {
		ctx.warn(`${file}: ${undated.length} admission dates not read, members on every date: ${undated.sort().join(', ')}`);
	}
	return rows;
}
