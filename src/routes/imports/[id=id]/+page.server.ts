import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as flash from '$lib/server/http/flash';
import { require } from '$lib/server/accounts/permissions';
import * as records from '$lib/server/record/record';

interface Summary {
	acts: { act: string; op: 'record' | 'correct' | 'retract' }[];
	left: { absent: string[]; notTicked: string[]; olderThanRecord: string[] };
}

// One import as it was applied: who brought which file into which instrument, and the acts it wrote.
export const load = (async ({ params, locals, url, cookies }) => {
	const user = require(locals, url, 'audit.read');
	const db = locals.db;
	const row = await db
		.selectFrom('imports')
		.leftJoin('import_files', 'import_files.id', 'imports.file_id')
		.innerJoin('sources', 'sources.id', 'imports.source_id')
		.select([
			'imports.id', 'imports.instrument_slug', 'imports.source_id', 'imports.format', 'imports.actor', 'imports.at', 'imports.revision',
			'imports.written', 'imports.summary', 'import_files.name as file_name', 'import_files.size as file_size',
			'sources.title as source_title', 'sources.recorded_on'
		])
		.where('imports.id', '=', Number(params.id))
		.executeTakeFirst();
	if (!row) error(404, `There is no import ${params.id}.`);
	const record = await records.get(db);
	const summary = JSON.parse(row.summary) as Summary;
	// Each key is instrument|participant|kind|seq: the act's page, by its identity.
	const keys = [...summary.acts.map((a) => a.act), ...summary.left.absent, ...summary.left.notTicked, ...summary.left.olderThanRecord];
	const ids = new Map<string, number>();
	if (keys.length) {
		const acts = await db.selectFrom('acts').select(['id', 'instrument_slug', 'participant_code', 'kind', 'seq']).where('instrument_slug', '=', row.instrument_slug).execute();
		for (const a of acts) ids.set(`${a.instrument_slug}|${a.participant_code}|${a.kind}|${a.seq}`, a.id);
	}
	const described = (key: string) => {
		const [, code, kind, seq] = key.split('|');
		return { key, id: ids.get(key) ?? null, name: record.participants.get(code)?.name ?? code, kind, seq: Number(seq) };
	};
	return {
		flash: flash.take(cookies, url.pathname, user.id),
		run: {
			id: row.id,
			instrument: { slug: row.instrument_slug, title: record.instruments.get(row.instrument_slug)?.instrument.short_title ?? row.instrument_slug },
			source: { id: row.source_id, title: row.source_title, recordedOn: row.recorded_on },
			file: row.file_name ? { name: row.file_name, size: row.file_size ?? 0 } : null,
			format: row.format,
			actor: row.actor,
			at: row.at,
			revision: row.revision,
			written: row.written
		},
		acts: summary.acts.map((a) => ({ ...described(a.act), op: a.op })),
		absent: summary.left.absent.map(described),
		notTicked: summary.left.notTicked.map(described),
		olderThanRecord: summary.left.olderThanRecord.map(described)
	};
}) satisfies PageServerLoad;
