import type { Insertable } from 'kysely';
import type { ParticipantsTable } from '../../db/schema';
import { insertMany } from '../../db';
import { sourceFile, type LoadContext } from './context';
import * as existence from './existence';
import { LoadError } from '../../text/errors';
import { NameIndex } from '../../text/names';
import { readTable, requireColumns, type Row } from '../../text/table';

export type NewParticipant = Insertable<ParticipantsTable>;

/** The names in country-codes.csv that sources use for a State (UNTC uses the UNTERM ones). */
const NAME_COLUMNS = ['UNTERM English Short', 'UNTERM English Formal', 'official_name_en', 'CLDR display name'];

/** "United Kingdom of … Ireland (the)" → "United Kingdom of … Ireland"; "Holy See (the) *" → "Holy See". */
export function cleanUntermName(name: string): string {
	return name.replace(/\*+/g, '').replace(/\s*\(the\)\s*$/, '').replace(/\s+/g, ' ').trim();
}

/** M49 codes are three digits ("002" Africa, "419" Latin America and the Caribbean). */
function m49(code: string): string | null {
	return code ? code.padStart(3, '0') : null;
}

function stateRow(row: Row, sourceId: string): NewParticipant {
	const c = row.cells;
	// country-codes.csv has no UNTERM name for Côte d'Ivoire and Türkiye: fall back to CLDR.
	const name = cleanUntermName(c['UNTERM English Short'] || c['CLDR display name'].replace(/\u2019/g, "'"));
	return {
		code: c['ISO3166-1-Alpha-3'],
		name,
		kind: 'state',
		iso2: c['ISO3166-1-Alpha-2'] || null,
		numeric: c['ISO3166-1-numeric'] ? c['ISO3166-1-numeric'].padStart(3, '0') : null,
		region_code: m49(c['Region Code']),
		region: c['Region Name'] || null,
		subregion_code: m49(c['Sub-region Code']),
		subregion: c['Sub-region Name'] || null,
		sids: c['Small Island Developing States (SIDS)'] ? 1 : 0,
		source_id: sourceId
	};
}

/**
 * Participants are the 193 UN members plus the curated extras (non-member States that take part
 * in UN treaties, and the EU). Returns them with the name index every other loader uses.
 */
export async function load(ctx: LoadContext): Promise<{ names: NameIndex; participants: Map<string, NewParticipant> }> {
	const people = read(ctx);
	// Each with since when it exists as a State (existence.ts), in the same row.
	const since = existence.read(ctx, people.names, people.participants);
	const rows = [...people.participants.values()].map((p) => ({ ...p, ...since.get(p.code) }));
	await insertMany(ctx.trx, 'participants', rows, { upsertOn: ['code'] });
	await insertMany(ctx.trx, 'participant_aliases', people.names.participantAliases(), { upsertOn: ['alias'] });
	return people;
}

/** The participants and the index of their names, from the reference files. */
function read(ctx: LoadContext): { names: NameIndex; participants: Map<string, NewParticipant> } {
	const codesSource = sourceFile(ctx, 'country-codes');
	const countries = readTable(ctx.dataDir, codesSource.file);
	requireColumns(countries, ['ISO3166-1-Alpha-3', 'ISO3166-1-Alpha-2', 'ISO3166-1-numeric', ...NAME_COLUMNS]);
	const byCode = new Map<string, Row>();
	for (const row of countries.rows) {
		const code = row.cells['ISO3166-1-Alpha-3'];
		if (code) byCode.set(code, row);
	}

	const participants = new Map<string, NewParticipant>();

	const un = sourceFile(ctx, 'un-regional-groups');
	const groups = readTable(ctx.dataDir, un.file);
	requireColumns(groups, ['Code']);
	for (const row of groups.rows) {
		const country = byCode.get(row.cells.Code);
		if (!country) {
			throw new LoadError(`"${row.cells.Code}" is not in ${codesSource.file}`, { file: un.file, line: row.line, value: row.cells.Code });
		}
		participants.set(row.cells.Code, stateRow(country, un.id)); // Türkiye is listed twice: a Map keeps one
	}

	const extra = sourceFile(ctx, 'treaty-tracker-participants');
	const extras = readTable(ctx.dataDir, extra.file);
	requireColumns(extras, ['code', 'name', 'kind', 'reason']);
	for (const { line, cells } of extras.rows) {
		const where = { file: extra.file, line, value: cells.code };
		if (participants.has(cells.code)) throw new LoadError(`${cells.code} is already a participant`, where);
		if (cells.kind === 'state') {
			const country = byCode.get(cells.code);
			if (!country) throw new LoadError(`"${cells.code}" is not in ${codesSource.file}`, where);
			participants.set(cells.code, { ...stateRow(country, extra.id), ...(cells.name ? { name: cells.name } : {}) });
		} else if (cells.kind === 'organisation') {
			if (!cells.name) throw new LoadError('an organisation needs a name', where);
			participants.set(cells.code, {
				code: cells.code, name: cells.name, kind: 'organisation', iso2: null, numeric: null,
				region_code: null, region: null, subregion_code: null, subregion: null, sids: 0, source_id: extra.id
			});
		} else {
			throw new LoadError(`kind must be "state" or "organisation", not "${cells.kind}"`, where);
		}
	}

	// Every name in the reference is indexed, territories included, so that a file naming a
	// territory fails with "is HKG, which is not a participant" rather than "unknown".
	const names = new NameIndex(new Set(participants.keys()));
	for (const [code, row] of byCode) {
		for (const column of NAME_COLUMNS) {
			names.add(row.cells[column], code, `${column} (country-codes.csv)`, { file: codesSource.file, line: row.line });
		}
	}
	for (const p of participants.values()) {
		if (p.kind === 'organisation') names.add(p.name, p.code, 'participant name', { file: extra.file });
	}

	const aliasFile = sourceFile(ctx, 'treaty-tracker-aliases').file;
	const aliases = readTable(ctx.dataDir, aliasFile);
	requireColumns(aliases, ['alias', 'code', 'note']);
	for (const { line, cells } of aliases.rows) {
		const where = { file: aliasFile, line };
		if (cells.code && !byCode.has(cells.code) && !participants.has(cells.code)) {
			throw new LoadError(`"${cells.code}" is not a known code`, { ...where, value: cells.code });
		}
		names.add(cells.alias, cells.code || null, cells.note || null, where);
	}

	return { names, participants };
}
