import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { actorOf, type SignedIn } from '$lib/server/accounts/identity';
import * as flash from '$lib/server/http/flash';
import * as files from '$lib/server/sources/import-files';
import { view } from '$lib/server/sources/import-view';
import * as imports from '$lib/server/sources/imports';
import { LoadError } from '$lib/server/text/errors';
import { WriteError } from '$lib/server/record/participation';
import { can, require } from '$lib/server/accounts/permissions';
import * as records from '$lib/server/record/record';
import { COLUMN_ROLES, type ColumnMapping } from '$lib/server/sources/readers/paste';
import { isFormat, type Format } from '$lib/server/sources/readers';
import { isIsoDate, today } from '$lib/dates';
import { collate, l, number, stateName } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

/** The formats a person picks from: the depositaries' pages and the tracker's own file (not the transcriptions). */
const PICKABLE: Format[] = ['untc-html', 'untc-csv', 'coe-chart-html', 'normlex-html', 'normlex-csv', 'ohchr-xls', 'tracker-csv'];

export const load = (async ({ url, locals }) => {
	require(locals, url, 'imports.run');
	const record = await records.get(locals.db);
	const instrument = url.searchParams.get('instrument') ?? '';
	return {
		instruments: [...record.instruments.values()]
			.sort((a, b) => a.instrument.sort_order - b.instrument.sort_order)
			.map((i) => ({ slug: i.instrument.slug, shortTitle: i.instrument.short_title, dataStatus: i.dataStatus, recordedOn: i.source?.recorded_on ?? null })),
		chosen: record.instruments.has(instrument) ? instrument : '',
		formats: PICKABLE.map((f) => ({ value: f, label: imports.FORMAT_NAMES[f] })),
		origins: Object.entries(files.ORIGINS).map(([value, label]) => ({ value, label })),
		roles: COLUMN_ROLES.map((r) => ({ value: r, label: files.COLUMN_ROLE_LABELS[r] })),
		limits: { fileBytes: files.MAX_FILE_BYTES, types: files.FILE_TYPES.join(', ') },
		canMapNames: can(locals.user, 'aliases.map')
	};
}) satisfies PageServerLoad;

/** What a form carries from step to step: the kept file and how to read it. */
interface Carried {
	instrument: string;
	fileId: number | null;
	format: string;
	asOf: string;
	origin: string;
	pastedFrom: string;
}

function text(form: FormData, name: string, max = 2000): string {
	const v = form.get(name);
	return typeof v === 'string' ? v.slice(0, max).trim() : '';
}

function carried(form: FormData): Carried {
	const id = Number(text(form, 'file_id'));
	return {
		instrument: text(form, 'instrument', 100),
		fileId: Number.isSafeInteger(id) && id > 0 ? id : null,
		format: text(form, 'format', 40),
		asOf: text(form, 'as_of', 20),
		origin: text(form, 'origin', 1000),
		pastedFrom: text(form, 'pasted_from', 20)
	};
}

/** The format a form names: a pasted table, a reader's format, or none (recognised from the file). */
function formatOf(c: Carried): Format | null {
	return c.format === 'paste' ? 'paste' : c.format && isFormat(c.format) ? c.format : null;
}

/** The column mapping posted with a pasted table: a select per column, and whether the first row is a header. */
function postedMapping(form: FormData): ColumnMapping | null {
	const width = Number(text(form, 'columns', 5));
	if (!Number.isSafeInteger(width) || width < 1 || width > 100) return null;
	const columns = Array.from({ length: width }, (_, i) => text(form, `column_${i + 1}`, 40));
	return files.parseMapping({ header: form.get('has_header') === 'on', columns });
}

type Failure = { errors: Record<string, string>; carried: Carried };

function refused(status: number, field: string, message: string, c: Carried, paste = '') {
	return fail(status, { step: 'start' as const, errors: { [field]: message }, carried: c, paste } satisfies Failure & { step: 'start'; paste: string });
}

/** What every step carries, checked again at each (a form's hidden fields are sent back as they are): the instrument, the day, the address, the format. */
async function checkCarried(event: RequestEvent, c: Carried): Promise<void> {
	const record = await records.get(event.locals.db);
	if (!c.instrument) throw new files.InputError('instrument', m.admin_import_instrument_missing());
	if (!record.instruments.has(c.instrument)) throw new files.InputError('instrument', m.admin_import_no_instrument({ instrument: c.instrument.slice(0, 40) }));
	if (c.asOf && !isIsoDate(c.asOf)) throw new files.InputError('as_of', m.admin_import_not_a_date({ date: c.asOf }));
	if (c.asOf && c.asOf > today()) throw new files.InputError('as_of', m.admin_import_future({ date: c.asOf }));
	if (c.origin && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(c.origin)) throw new files.InputError('origin', m.admin_import_origin_invalid());
	if (c.format && c.format !== 'paste' && !isFormat(c.format)) throw new files.InputError('format', m.admin_import_format_unknown({ format: c.format.slice(0, 40) }));
}

/** Checks what the form carries, and keeps the uploaded or pasted file (once). */
async function keepInput(event: RequestEvent, user: SignedIn, form: FormData, c: Carried): Promise<Carried> {
	await checkCarried(event, c);
	if (c.fileId) return c;
	const actor = actorOf(user, event.locals.address);
	const raw = form.get('paste');
	const pasted = typeof raw === 'string' ? raw : '';
	const upload = form.get('file');
	const uploaded = upload instanceof File && (upload.size > 0 || upload.name !== '');
	// The radio says which, but a person who pasted rows and left "upload" chosen meant the rows.
	const mode = text(form, 'mode', 10) === 'paste' ? (pasted.trim() || !uploaded ? 'paste' : 'file') : uploaded || !pasted.trim() ? 'file' : 'paste';
	if (mode === 'paste') {
		if (!pasted.trim()) throw new files.InputError('paste', m.admin_import_paste_missing());
		if (pasted.length > files.MAX_PASTE_CHARS) throw new files.InputError('paste', m.admin_import_paste_too_long({ length: number(pasted.length), max: number(files.MAX_PASTE_CHARS) }));
		if (!files.isOrigin(c.pastedFrom)) throw new files.InputError('pasted_from', m.admin_import_pasted_from_missing());
		const kept = await files.keep(event.locals.db, { name: `pasted-${c.pastedFrom}-${today()}.tsv`, text: pasted.replace(/^\uFEFF/, ''), actor });
		return { ...c, fileId: kept.id, format: 'paste' };
	}
	if (!uploaded) throw new files.InputError('file', m.admin_import_file_missing());
	const bytes = new Uint8Array(await upload.arrayBuffer());
	const body = files.fileText(upload.name, bytes);
	const kept = await files.keep(event.locals.db, { name: upload.name, text: body, actor });
	return { ...c, fileId: kept.id };
}

/** The step after the file is kept: the column mapping for a pasted table, else the preview (or the names to map). */
async function next(event: RequestEvent, c: Carried, mapping: ColumnMapping | null, notice: string | null = null) {
	const db = event.locals.db;
	if (c.format === 'paste' && !mapping) {
		const file = await files.kept(db, c.fileId!);
		const proposed = await files.proposedMapping(db, files.isOrigin(c.pastedFrom) ? c.pastedFrom : 'other', file!.text);
		return { step: 'mapping' as const, carried: c, mapping: proposed.mapping, remembered: proposed.remembered, sample: proposed.rows.slice(0, 6), rowCount: proposed.rows.length };
	}
	try {
		const { preview, revision, file } = await files.preview(db, {
			instrument: c.instrument,
			fileId: c.fileId!,
			format: formatOf(c),
			asOf: c.asOf || null,
			origin: c.origin || null,
			mapping
		});
		return {
			step: 'preview' as const,
			carried: c,
			mapping,
			revision,
			file: { id: file.id, name: file.name, size: file.size },
			preview: await view(db, preview, today()),
			notice
		};
	} catch (e) {
		if (e instanceof imports.UnmatchedNames) {
			const record = await records.get(db);
			return fail(422, {
				step: 'unmatched' as const,
				carried: c,
				mapping,
				names: e.names.map((n) => ({ name: n.name, lines: n.lines.slice(0, 12), more: Math.max(0, n.lines.length - 12) })),
				participants: [...record.participants.values()].map((p) => ({ code: p.code, name: stateName(p.code, p.name) })).sort((a, b) => collate(a.name, b.name)),
				notice
			});
		}
		throw e;
	}
}

/** A refused input, file or reading as a form failure naming the field; anything else is a bug and rethrown. */
function asFailure(e: unknown, c: Carried, paste = '') {
	// A pasted table that was not kept is given back to the form, not lost.
	const back = c.fileId ? '' : paste.slice(0, files.MAX_PASTE_CHARS);
	if (e instanceof files.InputError || e instanceof imports.ImportError) return refused(400, e.field, e.message, { ...c, fileId: null }, back);
	if (e instanceof LoadError) return refused(400, c.format === 'paste' ? 'paste' : 'file', m.admin_import_unreadable({ problem: e.message }), { ...c, fileId: null }, back);
	if (e instanceof WriteError) return refused(409, 'act', e.message, c);
	throw e;
}

export const actions = {
	preview: async (event) => {
		const user = require(event.locals, event.url, 'imports.run');
		const form = await event.request.formData();
		let c = carried(form);
		try {
			c = await keepInput(event, user, form, c);
			return await next(event, c, c.format === 'paste' && form.has('columns') ? postedMapping(form) : null);
		} catch (e) {
			const pasted = form.get('paste');
			return asFailure(e, c, typeof pasted === 'string' ? pasted : '');
		}
	},

	/** Maps a name of the file to a participant (secretariat), then previews again. */
	alias: async (event) => {
		const user = require(event.locals, event.url, 'aliases.map');
		const form = await event.request.formData();
		const c = carried(form);
		try {
			if (!c.fileId) throw new files.InputError('file', m.admin_import_file_lost());
			await checkCarried(event, c);
			const file = await files.kept(event.locals.db, c.fileId);
			if (!file) throw new files.InputError('file', m.admin_import_file_gone());
			const name = text(form, 'name', 300);
			const code = text(form, 'code', 20);
			if (!code) throw new files.InputError('code', m.admin_import_code_missing({ name }));
			await files.mapName(event.locals.db, { name, code, actor: actorOf(user, event.locals.address), file: file.name });
			const mapping = c.format === 'paste' && form.has('columns') ? postedMapping(form) : null;
			const participant = stateName(code, (await records.get(event.locals.db)).participants.get(code)?.name ?? code);
			return await next(event, c, mapping, m.admin_import_mapped({ name, participant, code }));
		} catch (e) {
			return asFailure(e, c);
		}
	},

	apply: async (event) => {
		const user = require(event.locals, event.url, 'imports.run');
		const form = await event.request.formData();
		const c = carried(form);
		let mapping: ColumnMapping | null = null;
		try {
			if (!c.fileId) throw new files.InputError('file', m.admin_import_file_lost());
			await checkCarried(event, c);
			mapping = formatOf(c) === 'paste' ? postedMapping(form) : null;
			const basedOn = Number(text(form, 'revision', 20));
			const ticked = form.getAll('act').filter((v): v is string => typeof v === 'string').slice(0, 5000);
			const result = await files.apply(event.locals.db, {
				instrument: c.instrument,
				fileId: c.fileId,
				format: formatOf(c),
				asOf: c.asOf || null,
				origin: c.origin || null,
				mapping,
				basedOn,
				ticked,
				actor: actorOf(user, event.locals.address),
				pastedFrom: files.isOrigin(c.pastedFrom) ? c.pastedFrom : null
			});
			if (result.importId === null) {
				return await next(event, c, mapping, m.admin_import_nothing_written());
			}
			const page = `/imports/${result.importId}`;
			flash.put(event.cookies, event.url, page, {
				for: user.id,
				notice: (result.sourceAdded ? m.admin_import_applied_source : m.admin_import_applied)({ count: result.written, shown: number(result.written), source: result.preview.source.id })
			});
			redirect(303, l(page));
		} catch (e) {
			if (e instanceof files.StalePreview) {
				const again = await next(event, c, mapping, e.message);
				return 'step' in again && again.step === 'preview' ? fail(409, again) : again;
			}
			return asFailure(e, c);
		}
	}
} satisfies Actions;
