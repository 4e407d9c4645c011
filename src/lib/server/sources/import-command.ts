// `npm run import`: a source file read, compared with the record and, with --apply, written.
// Prints the counts per kind of change and each change, or "no change"; a dry run unless
// --apply. Returns the exit code: 0 done, 1 the file or the record refused it, 2 bad arguments.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../db';
import { LoadError } from '../text/errors';
import * as imports from './imports';
import { WriteError, describe } from '../record/participation';
import { FORMATS, isFormat } from './readers';
import type { ActAttributes } from '../record/participation';

export const USAGE =
	'npm run import -- --instrument <slug> --file <path> [--format ' + FORMATS.join('|') + '] ' +
	'[--as-of YYYY-MM-DD] [--source-id ID] [--origin URL] [--title TEXT] [--apply]';

/** "2025-11-25", "accession 2004-08-04": the form only where it is not the act itself. */
function when(v: ActAttributes, kind: string): string {
	const date = v.date ?? (v.earliest && v.latest ? `between ${v.earliest} and ${v.latest}` : v.latest ? `by ${v.latest}` : 'date unknown');
	return v.event === kind ? date : `${v.event} ${date}`;
}

/** The lines the command prints for a preview. */
export function summary(p: imports.Preview): string[] {
	const d = p.diff;
	const out: string[] = [];
	const s = p.source;
	out.push(`${p.instrument} ← ${s.file} (${s.format}), as recorded on ${s.recorded_on ?? 'an unknown date'}${s.recorded_on_note ? ` (${s.recorded_on_note})` : ''}`);
	out.push(`source: ${s.id}${p.sourceKnown ? ' (already in the catalogue)' : ' (new)'}`);
	if (p.stated) {
		const stated = [p.stated.signatories !== null && `${p.stated.signatories} signatories`, p.stated.parties !== null && `${p.stated.parties} parties`].filter(Boolean).join(' and ');
		out.push(`the file states ${stated}; its rows hold ${p.read.signatories} signatories and ${p.read.consents} consents`);
	}
	const c = p.completeness;
	out.push(
		c.complete
			? `a complete table: ${c.why}; it dates the record of ${p.instrument}${s.recorded_on ? ` (${s.recorded_on})` : ''}`
			: `a partial table: ${c.why}; it dates its own rows only and leaves the record date of ${p.instrument} as it is`
	);
	for (const w of p.warnings) out.push(`warning: ${w}`);
	const older = d.changed.filter((c) => c.olderThanRecord);
	const changes = d.added.length + d.changed.length - older.length;
	out.push(
		`new: ${d.added.length}, changed: ${d.changed.length - older.length}, unchanged: ${d.unchanged}, ` +
			`in the record but not in the file: ${d.absent.length}, retracted in the record: ${d.retracted.length}` +
			(older.length ? `, older than the record (kept): ${older.length}` : '')
	);
	for (const a of d.added) out.push(`  new       ${describe(a)}: ${when(a.values, a.kind)} (line ${a.line})`);
	for (const c of d.changed) {
		const label = c.olderThanRecord ? 'kept     ' : 'changed  ';
		out.push(`  ${label} ${describe(c.incoming)}: ${when(c.current.attributes, c.incoming.kind)} → ${when(c.incoming.values, c.incoming.kind)} [${c.fields.join(', ')}] (line ${c.incoming.line})`);
	}
	for (const a of d.absent) out.push(`  absent    ${describe(a)}: ${when(a.attributes, a.kind)} — not in this file; kept, for a person to decide`);
	for (const r of d.retracted) out.push(`  retracted ${describe(r.current)}: in this file, retracted in the record (${r.current.reason ?? 'no reason given'}); not restored`);
	if (changes === 0) out.push(p.sourceKnown ? 'no change' : 'no change to any act');
	return out;
}

/**
 * Runs the command on `db`. A file inside `dataDir` is named by its path there (as data/sources.json
 * names files), any other by the path given.
 */
export async function run(db: Db, argv: string[], opts: { dataDir?: string; print?: (line: string) => void } = {}): Promise<number> {
	const print = opts.print ?? console.log;
	let args;
	try {
		args = parseArgs({
			args: argv,
			options: {
				instrument: { type: 'string' },
				file: { type: 'string' },
				format: { type: 'string' },
				'as-of': { type: 'string' },
				'source-id': { type: 'string' },
				origin: { type: 'string' },
				title: { type: 'string' },
				apply: { type: 'boolean', default: false }
			},
			strict: true
		}).values;
	} catch (e) {
		print(`import: ${(e as Error).message}\nusage: ${USAGE}`);
		return 2;
	}
	const missing = (['instrument', 'file'] as const).filter((k) => !args[k]);
	if (missing.length) {
		print(`import: --${missing.join(' and --')} ${missing.length === 1 ? 'is' : 'are'} required\nusage: ${USAGE}`);
		return 2;
	}
	if (args.format && !isFormat(args.format)) {
		print(`import: --format "${args.format}" is not one of ${FORMATS.join(', ')}`);
		return 2;
	}
	let text: string;
	try {
		text = readFileSync(args.file!, 'utf8');
	} catch (e) {
		print(`import: cannot read ${args.file}: ${(e as Error).message}`);
		return 1;
	}
	try {
		const inData = opts.dataDir && relative(opts.dataDir, resolve(args.file!));
		const p = await imports.preview(db, {
			instrument: args.instrument!,
			file: inData && !inData.startsWith('..') && !isAbsolute(inData) ? inData : args.file!,
			text,
			format: args.format as imports.SourceInfo['format'] | undefined,
			sourceId: args['source-id'],
			asOf: args['as-of'],
			origin: args.origin,
			title: args.title
		});
		for (const line of summary(p)) print(line);
		const planned = imports.writes(p.diff).length;
		if (!args.apply) {
			if (planned) print(`dry run: nothing written. Run again with --apply to write ${planned} change${planned === 1 ? '' : 's'}.`);
			else if (!p.sourceKnown) print('dry run: nothing written. Run again with --apply to add the file to the sources (the record date moves to its date).');
			return 0;
		}
		const { revision, written, sourceAdded } = await imports.apply(db, p);
		if (written || sourceAdded) {
			const what = [written && `${written} change${written === 1 ? '' : 's'}`, sourceAdded && `source ${p.source.id}`].filter(Boolean).join(' and ');
			print(`applied: ${what} written as revision ${revision}, by "import: ${p.source.id}"`);
		}
		return 0;
	} catch (e) {
		if (e instanceof imports.UnmatchedNames || e instanceof imports.ImportError || e instanceof LoadError || e instanceof WriteError) {
			print(`import: ${e.message}`);
			return 1;
		}
		throw e;
	}
}
