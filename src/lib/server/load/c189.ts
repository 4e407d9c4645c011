import type { NewParticipationEvent } from '../db/schema';
import type { EventContext } from './context';
import { isoDate } from './dates';
import { LoadError } from './errors';
import { newEvent } from './events';
import { readTable, requireColumns } from './table';

/**
 * The transcribed Swiss "Geltungsbereich" table of C189 (ratification and entry into force per
 * State). The German name is what the source says, the English one the transcriber's: both must
 * name the same State. Rows flagged INCONSISTENT keep their flag and their dates as transcribed.
 */
export function read(ctx: EventContext): NewParticipationEvent[] {
	const { file } = ctx.source;
	const table = readTable(ctx.dataDir, file);
	requireColumns(table, ['state_en', 'state_de_as_in_source', 'action', 'ratification_date', 'entry_into_force_date', 'quality_flag', 'corroboration']);
	return table.rows.map(({ line, cells }) => {
		const where = { file, line };
		const code = ctx.names.resolve(cells.state_de_as_in_source, where);
		if (ctx.names.resolve(cells.state_en, where) !== code) {
			throw new LoadError(`"${cells.state_de_as_in_source}" and "${cells.state_en}" are different States`, where);
		}
		if (cells.action !== 'ratification') throw new LoadError(`unexpected action "${cells.action}"`, { ...where, value: cells.action });
		// The flag column also carries one explanation that is not a flag (Uruguay's EIF is the
		// Convention's own): that goes to the note.
		const flagged = /^INCONSISTENT/.test(cells.quality_flag);
		const note = [!flagged && cells.quality_flag, cells.corroboration && `corroboration: ${cells.corroboration}`]
			.filter(Boolean)
			.join('; ');
		return newEvent(ctx, line, {
			participant_code: code,
			kind: 'ratification',
			date: isoDate(cells.ratification_date, where),
			recorded_entry_into_force: cells.entry_into_force_date ? isoDate(cells.entry_into_force_date, where) : null,
			quality_flag: flagged ? cells.quality_flag : null,
			note: note || null
		});
	});
}
