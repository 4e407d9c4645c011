import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { LoadError } from '../../text/errors';
import type { NameIndex } from '../../text/names';

/** One entry of data/sources.json. */
export interface SourceEntry {
	id: string;
	title: string;
	file: string | null;
	/** a status table of this instrument (the record was brought in from it) */
	table_of?: string | null;
	/** the reader of its participation acts (untc-csv, normlex-csv…); absent for reference files */
	format?: string | null;
	sha256?: string | null;
	/** who added it in the app; absent for the shipped catalogue */
	added_by?: string | null;
	origin: string;
	recorded_on: string | null;
	recorded_on_note: string | null;
	partial: boolean;
	licence: string | null;
	note: string | null;
}

export interface LoadContext {
	trx: Transaction<Database>;
	dataDir: string;
	sources: Map<string, SourceEntry>;
	warn(message: string): void;
}

/** Everything an event reader needs: the context, the name index and the source it reads. */
export interface EventContext extends LoadContext {
	names: NameIndex;
	source: SourceEntry & { file: string };
	instrument: string;
}

/** The source entry for an id that the loader relies on; its absence is a data error. */
export function sourceFile(ctx: LoadContext, id: string): { id: string; file: string } {
	const source = ctx.sources.get(id);
	if (!source?.file) throw new LoadError(`no source "${id}" with a file`, { file: 'sources.json', value: id });
	return { id, file: source.file };
}
