import { sourceFile, type LoadContext } from './context';
import { isoDate } from '../../text/dates';
import { LoadError } from '../../text/errors';
import type { GroupDef } from './groups';
import type { NewParticipant } from './participants';
import { readTable, requireColumns } from '../../text/table';
import type { NewMembership } from './write';

/**
 * data/membership-corrections.csv: known errors and later changes. The rows for a participant in
 * a group are its whole history there: they replace whatever an automatic source says, so the
 * app never shows COW's "Greece 1949–2014" next to the corrected "1949–1969, 1974–". A row may
 * name a source of its own (`source`, optional) where one says it: the State of Palestine in the
 * Asia-Pacific Group.
 */
export function read(ctx: LoadContext, groups: GroupDef[], participants: Map<string, NewParticipant>) {
	const { id, file } = sourceFile(ctx, 'treaty-tracker-membership-corrections');
	const table = readTable(ctx.dataDir, file);
	requireColumns(table, ['group', 'participant', 'joined', 'left', 'precision', 'note']);
	const slugs = new Set(groups.map((g) => g.slug));
	const rows: NewMembership[] = table.rows.map(({ line, cells }) => {
		const where = { file, line };
		if (!slugs.has(cells.group)) throw new LoadError(`unknown group "${cells.group}"`, { ...where, value: cells.group });
		if (!participants.has(cells.participant)) {
			throw new LoadError(`${cells.participant} is not a participant`, { ...where, value: cells.participant });
		}
		if (cells.precision !== 'day' && cells.precision !== 'year') {
			throw new LoadError(`precision must be "day" or "year", not "${cells.precision}"`, where);
		}
		if (!cells.note) throw new LoadError('every correction needs a note saying where it comes from', where);
		// a row that cites a source of its own (a transcribed page) takes it; the others are the file's
		const source = cells.source || id;
		if (!ctx.sources.has(source)) throw new LoadError(`no source "${cells.source}"`, { ...where, value: cells.source });
		const joined = cells.joined ? isoDate(cells.joined, where) : null;
		const left = cells.left ? isoDate(cells.left, where) : null;
		if (joined && left && left < joined) throw new LoadError('left before joined', where);
		// year precision keeps COW's convention: 1 January of the first year, 31 December of the last
		if (cells.precision === 'year' && (!(joined ?? '-01-01').endsWith('-01-01') || !(left ?? '-12-31').endsWith('-12-31'))) {
			throw new LoadError('with year precision, joined is YYYY-01-01 and left is YYYY-12-31', where);
		}
		return {
			group_slug: cells.group, participant_code: cells.participant, joined, left,
			precision: cells.precision, source_id: source, note: cells.note
		};
	});
	const replaced = new Set(rows.map((r) => `${r.group_slug}|${r.participant_code}`));
	return { sourceId: id, rows, replaces: (m: NewMembership) => replaced.has(`${m.group_slug}|${m.participant_code}`) };
}
