// The transcribed Swiss "Geltungsbereich" table of ILO C189 (ratification and entry into force
// per State). The German name is what the source says, the English one the transcriber's: both
// must name the same State. Rows flagged INCONSISTENT keep their flag and their dates as
// transcribed.
import { isoDate } from '../../text/dates';
import { LoadError } from '../../text/errors';
import { parseTable, requireColumns } from '../../text/table';
import { act, result, type Reader } from './types';

export const read: Reader = (text, ctx) => {
	const table = parseTable(text, ctx.file);
	requireColumns(table, ['state_en', 'state_de_as_in_source', 'action', 'ratification_date', 'entry_into_force_date', 'quality_flag', 'corroboration']);
	const acts = table.rows.map(({ line, cells }) => {
		const where = { file: ctx.file, line };
		const de = ctx.codeOf(cells.state_de_as_in_source);
		const en = ctx.codeOf(cells.state_en);
		if (!cells.state_de_as_in_source) throw new LoadError('state_de_as_in_source: missing', where);
		if (de && en && de !== en) throw new LoadError(`"${cells.state_de_as_in_source}" and "${cells.state_en}" are different States`, where);
		if (cells.action !== 'ratification') throw new LoadError(`unexpected action "${cells.action}"`, { ...where, value: cells.action });
		// The flag column also carries one explanation that is not a flag (Uruguay's EIF is the
		// Convention's own): that goes to the note.
		const flagged = /^INCONSISTENT/.test(cells.quality_flag);
		const note = [!flagged && cells.quality_flag, cells.corroboration && `corroboration: ${cells.corroboration}`].filter(Boolean).join('; ');
		return act(line, cells.state_de_as_in_source, 'ratification', isoDate(cells.ratification_date, where), {
			recorded_entry_into_force: cells.entry_into_force_date ? isoDate(cells.entry_into_force_date, where) : null,
			quality_flag: flagged ? cells.quality_flag : null,
			note: note || null
		});
	});
	return result(acts);
};
