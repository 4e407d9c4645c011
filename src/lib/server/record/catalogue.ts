// The catalogue of sources, as the record grows it: a file brought in by an import joins the
// catalogue in the transaction that applies it, with an audit entry. (The shipped catalogue,
// data/sources.json, is reference data: see load/sources.ts.)
import { createHash } from 'node:crypto';
import * as audit from '../audit/log';
import type { Db, Trx } from '../db';
import type { Insertable } from 'kysely';
import type { SourcesTable } from '../db/schema';

export type NewSource = Insertable<SourcesTable> & { added_by: string };

/** Adds a source, audited as its `added_by` (or as `actor`, a person with role and address); returns the revision of the change. */
export async function add(trx: Trx, source: NewSource, actor: audit.Actor | string = source.added_by): Promise<number> {
	await trx.insertInto('sources').values(source).execute();
	return audit.write(trx, [
		{
			actor,
			action: 'add',
			entity: 'source',
			entityId: source.id,
			summary: `source ${source.id}${source.table_of ? `: a status table of ${source.table_of}` : ''}${source.recorded_on ? `, as recorded on ${source.recorded_on}` : ''}`,
			before: null,
			after: source,
			sourceId: source.id,
			reason: null
		}
	]);
}

// ——— a source given by a person editing the record ———

/**
 * What a person may give as the source of an act: a source already in the catalogue (its id),
 * a UN depositary notification (C.N.123.2024.TREATIES-XVIII.12.a: number, year, then the
 * treaty's chapter, number and letter as UNTC numbers it), or the address of a web page.
 */
export type Reference =
	| { kind: 'id'; id: string }
	| { kind: 'notification'; reference: string; id: string; year: number; treaty: string }
	| { kind: 'url'; url: string; id: string };

const NOTIFICATION = /^C\.N\.(\d{1,5})\.(\d{4})\.TREATIES-([IVXL]+)\.(\d{1,3})(?:\.([a-z]))?$/;

/** Reads a source as typed; null when it is none of the three (empty, or a malformed address). */
export function parseReference(text: string): Reference | null {
	const given = text.trim();
	if (!given) return null;
	const cn = NOTIFICATION.exec(given);
	if (cn) {
		const [, n, year, chapter, number, letter] = cn;
		const treaty = [chapter, number, letter].filter(Boolean).join('-');
		return { kind: 'notification', reference: given, id: `cn-${n}-${year}-${treaty.toLowerCase()}`, year: Number(year), treaty };
	}
	if (/^https?:\/\//i.test(given)) {
		let url: URL;
		try {
			url = new URL(given);
		} catch {
			return null;
		}
		if (!url.hostname.includes('.')) return null;
		// The same address is the same source, whoever gives it: the id is derived from it.
		const host = url.hostname.replace(/^www\./, '').replace(/[^a-z0-9]+/g, '-');
		const hash = createHash('sha256').update(url.href).digest('hex').slice(0, 8);
		return { kind: 'url', url: url.href, id: `web-${host}-${hash}` };
	}
	if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(given)) return { kind: 'id', id: given };
	return null;
}

/** Every source of the catalogue, by id. */
export async function list(db: Db) {
	return db.selectFrom('sources').selectAll().orderBy('id').execute();
}

/** The id of the catalogued source a reference names, if there is one: by its id, or by the address it came from. */
export async function known(db: Db, ref: Reference): Promise<string | null> {
	const byId = await db.selectFrom('sources').select('id').where('id', '=', ref.id).executeTakeFirst();
	if (byId) return byId.id;
	if (ref.kind !== 'url') return null;
	const byOrigin = await db.selectFrom('sources').select('id').where('origin', '=', ref.url).orderBy('id').executeTakeFirst();
	return byOrigin?.id ?? null;
}

/**
 * The source an edit rests on, inside the edit's transaction: the catalogued one it names, or a
 * new row made from a notification reference or an address, added by the person (audited) so
 * that it is written, or not, with the edit itself. An unknown id is refused by the write path.
 */
export async function fromReference(trx: Trx, ref: Reference, actor: audit.Actor, today: string): Promise<{ id: string; added: boolean }> {
	const id = await known(trx, ref);
	if (id || ref.kind === 'id') return { id: id ?? ref.id, added: false };
	const common = { file: null, partial: 0, licence: null, table_of: null, format: null, sha256: null, added_by: actor.label };
	if (ref.kind === 'notification') {
		await add(
			trx,
			{
				...common,
				id: ref.id,
				title: `UN depositary notification ${ref.reference}`,
				origin: `${ref.reference}, a depositary notification of the Secretary-General of the United Nations (treaty ${ref.treaty}), given as a source in the app`,
				recorded_on: null,
				recorded_on_note: `issued in ${ref.year}; the day is not recorded`,
				note: null
			},
			actor
		);
	} else {
		await add(
			trx,
			{
				...common,
				id: ref.id,
				title: `Web page ${ref.url.replace(/^https?:\/\//, '').slice(0, 120)}`,
				origin: ref.url,
				recorded_on: today,
				recorded_on_note: 'the day it was given as a source in the app',
				note: null
			},
			actor
		);
	}
	return { id: ref.id, added: true };
}
