// Bad input everywhere: every form action, every API endpoint and every page or file that reads
// its address is sent hostile values in each of its fields — empty, 9,000 characters, impossible
// dates, unknown codes, SQL and HTML, invalid UTF-8, malformed percent-encoding, and, in JSON,
// the wrong types — one field at a time, the others valid; a form both as a browser without
// JavaScript posts it (the page, at 4xx, must show the message) and as use:enhance does (JSON).
//
// Every answer: never a 5xx or "Internal error"; never more of the 9,000 characters than the
// field itself holds (a message quotes 40, a form shows what was typed up to its field's length;
// a page may show its own address, its og:url); never the script unescaped in a page; and a
// refused request leaves the database as it was. A value the field cannot take is a 4xx naming
// the field. A value it can (SQL or HTML is text a note may hold) is sent with another field that
// the same pass refuses, or without confirming the warnings a person must confirm: the answer
// names only that, so the value passed and nothing is written. Only an API token's name has
// nothing to hold it back: those tokens are made, and /account must show their names escaped.
//
// The routes come from the files under src/routes (tests/routes.ts): one found there without a
// case here fails the test, so a new route cannot be forgotten. The walk runs against a second
// server of the built app on a database of its own (as crash.test.ts does): what it sends does
// not meet the other tests' data, and its database can be read between two requests.
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import * as devalue from 'devalue';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommands, scratchDatabase, startServer } from '../../scripts/server-process.js';
import { handlers, label } from '../routes';
import { PASSWORD } from './users';

const root = fileURLToPath(new URL('../..', import.meta.url));

// ---- The hostile values -------------------------------------------------------------------

const HUGE = 'x'.repeat(9000);
const SCRIPT = '<script>alert(1)</script>';

/**
 * A value as each kind of request carries it. `text` is percent-encoded in a form or an address
 * and a string in JSON; `bytes` go into a body raw (and percent-encoded into an address);
 * `literal` goes into a form body or an address as it is, as a malformed encoding would.
 */
interface Hostile {
	label: string;
	text?: string;
	bytes?: Buffer;
	literal?: string;
	/** The field's own unknown code (an instrument, a participant, a row that does not exist). */
	unknown?: true;
}

const HOSTILE: Hostile[] = [
	{ label: 'empty', text: '' },
	{ label: '9,000 characters', text: HUGE },
	{ label: '2023-02-30', text: '2023-02-30' },
	{ label: '2023-13-01', text: '2023-13-01' },
	{ label: '30/02/2023', text: '30/02/2023' },
	{ label: 'unknown', unknown: true },
	{ label: 'SQL', text: "'; drop table acts; --" },
	{ label: 'HTML', text: SCRIPT },
	{ label: 'invalid UTF-8', bytes: Buffer.from([0xc3, 0x28, 0xff]) },
	{ label: '%E0%A4%A', literal: '%E0%A4%A' },
	{ label: '%zz', literal: '%zz' }
];

/** In a JSON body: where a string (or a number) is expected, anything else. */
const WRONG_TYPES: { label: string; json: unknown }[] = [
	{ label: 'number', json: 42 },
	{ label: 'negative', json: -1 },
	{ label: 'fraction', json: 1.5 },
	{ label: 'boolean', json: true },
	{ label: 'null', json: null },
	{ label: 'array', json: ['2020-01-01'] },
	{ label: 'object', json: { value: 'x' } }
];

/** What any free text may legitimately say: a date-like string, a code, SQL, HTML, a stray %… */
const ANY_TEXT = ['2023-02-30', '2023-13-01', '30/02/2023', 'unknown', 'SQL', 'HTML', 'invalid UTF-8', '%E0%A4%A', '%zz'];
/** Invalid UTF-8 and a malformed escape in the address: the app's one answer (hooks.server.ts). */
const MALFORMED_IN_PATH = ['invalid UTF-8', '%E0%A4%A', '%zz'];
const MALFORMED_ADDRESS = /The address is malformed/;

// ---- The cases ----------------------------------------------------------------------------

type Who = 'secretariat' | 'editor' | 'reviewer' | 'focal-point';
type Values = Record<string, string>;
type Json = Record<string, unknown>;

interface World {
	base: string;
	db: Database.Database;
	cookies: Record<Who, string>;
	invitation: string;
	invitee: number;
	token: number;
	record: { participant: string; source: string };
	correction: { act: number; date: string; source: string };
	reviews: { launched: number; assessing: number; feedback: number; observations: number; published: number };
	item: { instrument: string; article: string };
	question: number;
	recommendation: number;
	reviewer: string;
	unlaunched: string;
	file: number;
}

/**
 * What stops a request whose field under test is legitimately accepted, so that nothing is
 * written: another field refused in the same pass (`key`), or the warnings a person must confirm
 * (WARNINGS). An answer that names only the hold says the value under test passed.
 */
interface Hold {
	values: Values;
	key: string;
	/** What the answer says when it has no field-by-field object. */
	named?: RegExp;
}

const WARNINGS = '(the warnings to confirm)';

interface Field {
	name: string;
	/** Where it is sent; a form's or a JSON body's field by default, or the query string of a GET. */
	in?: 'path' | 'query' | 'body';
	/** The key the app names it by in `errors` / `fields`, or in its message (any of several); `name` by default. */
	key?: string | string[];
	/** What a message without a field-by-field object says when it names this field. */
	named?: RegExp;
	/** The hostile values (labels) legitimately accepted here: each is stopped by the hold, or (a GET, a token's name) answered 2xx/3xx. */
	accepts?: string[];
	/** How much of a value the answer may hold: a form shows what was typed, up to the field's length. */
	echo?: number;
	unknown?: string;
	/** Sent as a file of a multipart form: the value is its content. */
	file?: string;
	/** For this field, another hold than the case's (null: none). */
	hold?: Hold | null;
	/** Other values for this field's requests. */
	with?: (w: World) => Values;
	/** Legitimate values not sent: they would write, which the journey tests do. */
	skip?: string[];
	/** Tables a refused request may still add to (an upload is kept before it is read). */
	stores?: string[];
	/** Its message changes from one request to the next (failures are counted): the page need not repeat the JSON answer's. */
	varies?: boolean;
}

interface Case {
	/** As tests/routes.ts names the handler: route, then action, method or `load`. */
	id: string;
	kind: 'form' | 'api' | 'get';
	/** The address, `{name}` for each path field. */
	path: string;
	as?: Who;
	valid: (w: World) => Values | Json;
	fields: Field[];
	hold?: (w: World) => Hold;
	multipart?: boolean;
	/** Requests from rotating loopback addresses: sign-in failures are throttled per address. */
	rotate?: boolean;
	/** For a field sent with a JSON body: the wrong types too. */
	json?: boolean;
}

const n = { count: 0 };
const unique = (what: string) => `${what}.${++n.count}@bad-input.example.org`;

const version = (w: World, table: string, id: number) => String((w.db.prepare(`select version from ${table} where id = ?`).get(id) as { version: number }).version);
const revision = (w: World) => String((w.db.prepare('select revision from record_meta').get() as { revision: number }).revision);
const actVersion = (w: World, id: number) => (w.db.prepare('select max(version) as v from act_versions where act_id = ?').get(id) as { v: number }).v;
/** A review's version far from its own: the change is refused as a conflict, after its fields were checked. */
const staleReview = (w: World, id: number): Hold => ({ values: { version: String(Number(version(w, 'reviews', id)) + 1000) }, key: 'version' });

const ID = { unknown: '999999', echo: 100 };
const asOf: Field = { name: 'asOf', in: 'query', accepts: ['empty'] };
const slugPath = (named: RegExp): Field => ({ name: 'slug', in: 'path', unknown: 'no-such-instrument', named });
const NOT_FOUND = /Not found/;
const matched = (name: string): Field => ({ name, in: 'path', unknown: ID.unknown, named: NOT_FOUND });

const CASES: Case[] = [
	// ——— signing in, invitations, accounts ———
	{
		id: '/login default',
		kind: 'form',
		path: '/login',
		rotate: true,
		// an account that does not exist: every request is a failed sign-in, whichever field is bad
		valid: () => ({ email: unique('nobody'), password: 'not the password of anyone' }),
		hold: () => ({ values: {}, key: 'password' }),
		fields: [
			// a wrong email reads as a wrong password ("That email and password do not match an account"): no account is told apart
			{ name: 'email', accepts: ANY_TEXT, echo: 254 },
			{ name: 'password', accepts: ['9,000 characters', ...ANY_TEXT] }
		]
	},
	// signing out reads no field: whatever the form says, a signed-out reader is sent home
	{ id: '/logout default', kind: 'form', path: '/logout', valid: () => ({}), fields: [{ name: 'anything', accepts: HOSTILE.map((h) => h.label) }] },
	{
		id: '/invitation/[token] default',
		kind: 'form',
		path: '/invitation/{token}',
		valid: (w) => ({ token: w.invitation, password: 'a password of my own', confirm: 'a password of my own' }),
		hold: () => ({ values: { confirm: 'not the same password at all' }, key: 'confirm' }),
		fields: [
			{ name: 'token', in: 'path', unknown: 'no-such-token', hold: null },
			{ name: 'password', accepts: ['9,000 characters', 'unknown', 'SQL', 'HTML'] },
			{ name: 'confirm', hold: null }
		]
	},
	{
		id: '/users invite',
		kind: 'form',
		path: '/users',
		as: 'secretariat',
		valid: () => ({ email: unique('invited'), name: 'A new focal point', role: 'focal-point', participant: 'IND' }),
		fields: [
			{ name: 'email', echo: 254 },
			{ name: 'name', accepts: ['empty', ...ANY_TEXT], echo: 200, hold: { values: { role: '' }, key: 'role' } },
			{ name: 'role' },
			{ name: 'participant', unknown: 'ZZZ' }
		]
	},
	{
		id: '/users/[id=id] update',
		kind: 'form',
		path: '/users/{id}',
		as: 'secretariat',
		valid: (w) => ({ id: String(w.invitee), role: 'focal-point', participant: 'IND', name: 'Still invited', version: version(w, 'users', w.invitee) }),
		fields: [
			{ ...matched('id'), named: /There is no account 999999|Not found/ },
			{ name: 'role' },
			{ name: 'participant', unknown: 'ZZZ' },
			{ name: 'name', accepts: ['empty', ...ANY_TEXT], echo: 200, hold: { values: { role: '' }, key: 'role' } },
			{ name: 'disabled', accepts: HOSTILE.map((h) => h.label), hold: { values: { role: '' }, key: 'role' } },
			{ name: 'version', unknown: '999999' }
		]
	},
	{
		id: '/users/[id=id] reinvite',
		kind: 'form',
		path: '/users/{id}',
		as: 'secretariat',
		// an account that has set its password: never invited again
		valid: (w) => ({ id: String((w.db.prepare("select id from users where email = 'editor@bad-input.example.org'").get() as { id: number }).id) }),
		hold: () => ({ values: {}, key: 'reinvite' }),
		fields: [{ ...matched('id'), named: /There is no account 999999|Not found/ }]
	},
	{
		id: '/account password',
		kind: 'form',
		path: '/account',
		as: 'editor',
		valid: () => ({ current: 'not my password, surely', password: 'another long passphrase', confirm: 'another long passphrase' }),
		fields: [
			// five wrong current passwords make the account wait: then the message says so, still about this field
			{ name: 'current', varies: true },
			{ name: 'password', accepts: ['9,000 characters', 'unknown', 'SQL', 'HTML'], hold: { values: { confirm: 'not the same password at all' }, key: 'confirm' } },
			{ name: 'confirm' }
		]
	},
	{
		id: '/account createToken',
		kind: 'form',
		path: '/account',
		as: 'editor',
		valid: () => ({ name: 'nightly import' }),
		// a token's name is free text: a legitimate one makes a token, whose page must show it escaped (checked at the end)
		fields: [{ name: 'name', accepts: ANY_TEXT, echo: 100 }]
	},
	{
		id: '/account revokeToken',
		kind: 'form',
		path: '/account',
		as: 'editor',
		valid: (w) => ({ id: String(w.token) }),
		fields: [{ name: 'id', key: 'revoke', unknown: ID.unknown, named: /You have no API token/ }]
	},

	// ——— the record ———
	{
		id: '/record/new default',
		kind: 'form',
		path: '/record/new',
		as: 'editor',
		// an accession to the Trafficking Protocol by a State not party to UNTOC: written only once its warning is confirmed
		valid: (w) => ({ instrument: 'trafficking-protocol', participant: w.record.participant, event: 'accession', date: '2020-01-02', declarations: '', note: '', source: w.record.source, reason: '' }),
		hold: () => ({ values: {}, key: WARNINGS }),
		fields: [
			{ name: 'instrument', unknown: 'no-such-instrument' },
			{ name: 'participant', unknown: 'ZZZ' },
			{ name: 'event' },
			{ name: 'date' },
			{ name: 'declarations', accepts: ['empty', ...ANY_TEXT], echo: 5000 },
			{ name: 'note', accepts: ['empty', ...ANY_TEXT], echo: 2000 },
			{ name: 'source', unknown: 'no-such-source', echo: 2000 },
			{ name: 'reason', accepts: ['empty', ...ANY_TEXT], echo: 2000 }
		]
	},
	{
		id: '/record/acts/[id=id] correct',
		kind: 'form',
		path: '/record/acts/{id}?/correct',
		as: 'editor',
		// a Protocol accession re-dated to before the State's UNTOC consent: written only once its warning is confirmed
		valid: (w) => ({
			id: String(w.correction.act), basedOn: String(actVersion(w, w.correction.act)), event: 'accession', date: w.correction.date, declarations: '', note: '', qualityFlag: '',
			source: w.correction.source, reason: 'the depositary’s table gives this day'
		}),
		hold: () => ({ values: {}, key: WARNINGS }),
		fields: [
			{ ...matched('id'), named: /There is no act 999999|Not found/ },
			{ name: 'basedOn', unknown: ID.unknown },
			{ name: 'event' },
			{ name: 'date' },
			{ name: 'declarations', accepts: ['empty', ...ANY_TEXT], echo: 5000 },
			{ name: 'note', accepts: ['empty', ...ANY_TEXT], echo: 2000 },
			{ name: 'qualityFlag', accepts: ['empty', ...ANY_TEXT], echo: 500 },
			{ name: 'source', unknown: 'no-such-source', echo: 2000 },
			{ name: 'reason', accepts: ANY_TEXT, echo: 2000 }
		]
	},
	{
		id: '/record/acts/[id=id] retract',
		kind: 'form',
		path: '/record/acts/{id}?/retract',
		as: 'editor',
		valid: (w) => ({ id: String(w.correction.act), basedOn: String(actVersion(w, w.correction.act)), source: w.correction.source, reason: 'withdrawn by the depositary' }),
		hold: () => ({ values: { source: 'no-such-source' }, key: 'source' }),
		fields: [
			{ ...matched('id'), key: 'act', named: /There is no act 999999|Not found/ },
			{ name: 'basedOn', unknown: ID.unknown },
			{ name: 'source', unknown: 'no-such-source', echo: 2000, hold: { values: { reason: '   ' }, key: 'reason' } },
			{ name: 'reason', accepts: ANY_TEXT, echo: 2000 }
		]
	},
	{
		id: '/api/v1/instruments/[slug]/events POST',
		kind: 'api',
		path: '/api/v1/instruments/{slug}/events',
		as: 'editor',
		json: true,
		valid: (w) => ({ slug: 'trafficking-protocol', participant: w.record.participant, event: 'accession', date: '2020-01-02', source: w.record.source }),
		hold: () => ({ values: {}, key: WARNINGS }),
		fields: [
			{ ...slugPath(/no instrument with slug/), named: /no instrument with slug|no API endpoint/ },
			{ name: 'participant', unknown: 'ZZZ' },
			{ name: 'event' },
			{ name: 'date', accepts: [] },
			{ name: 'precision' },
			{ name: 'earliest', accepts: ['null'] },
			{ name: 'latest', accepts: ['null'] },
			{ name: 'declarations', accepts: ['empty', 'null', ...ANY_TEXT] },
			{ name: 'territorialApplication', accepts: ['empty', 'null', ...ANY_TEXT] },
			{ name: 'recordedEntryIntoForce', accepts: ['null'] },
			{ name: 'note', accepts: ['empty', 'null', ...ANY_TEXT] },
			{ name: 'qualityFlag', accepts: ['empty', 'null', ...ANY_TEXT] },
			{ name: 'source', unknown: 'no-such-source' },
			{ name: 'reason', accepts: ['empty', ...ANY_TEXT] },
			{ name: 'confirm', hold: null, skip: ['boolean'] }
		]
	},
	{
		id: '/api/v1/acts/[id=id]/corrections POST',
		kind: 'api',
		path: '/api/v1/acts/{id}/corrections',
		as: 'editor',
		json: true,
		valid: (w) => ({ id: String(w.correction.act), basedOn: actVersion(w, w.correction.act), changes: { date: w.correction.date }, source: w.correction.source, reason: 'the depositary’s table gives this day' }),
		hold: () => ({ values: {}, key: WARNINGS }),
		fields: [
			{ name: 'id', in: 'path', unknown: ID.unknown, named: /act: There is no act 999999|no API endpoint/ },
			{ name: 'basedOn', unknown: ID.unknown },
			{ name: 'changes.event' },
			// null is a date left out: then the act has none (“Give the date”)
			{ name: 'changes.date', key: ['changes.date', 'date'] },
			{ name: 'changes.note', accepts: ['empty', 'null', ...ANY_TEXT] },
			{ name: 'changes.qualityFlag', accepts: ['empty', 'null', ...ANY_TEXT] },
			{ name: 'source', unknown: 'no-such-source' },
			{ name: 'reason', accepts: ANY_TEXT }
		]
	},
	{
		id: '/api/v1/acts/[id=id]/retractions POST',
		kind: 'api',
		path: '/api/v1/acts/{id}/retractions',
		as: 'editor',
		json: true,
		valid: (w) => ({ id: String(w.correction.act), basedOn: actVersion(w, w.correction.act), source: w.correction.source, reason: 'withdrawn by the depositary' }),
		hold: () => ({ values: { source: 'no-such-source' }, key: 'source' }),
		fields: [
			{ name: 'id', in: 'path', unknown: ID.unknown, named: /act: There is no act 999999|no API endpoint/ },
			{ name: 'basedOn', unknown: ID.unknown },
			{ name: 'source', unknown: 'no-such-source', hold: { values: { reason: '   ' }, key: 'reason' } },
			{ name: 'reason', accepts: ANY_TEXT }
		]
	},
	{
		id: '/api/[...rest] fallback',
		kind: 'api',
		path: '/api/{rest}',
		as: 'editor',
		valid: () => ({ rest: 'v1/nothing-here' }),
		fields: [{ name: 'rest', in: 'path', named: /no API endpoint/, accepts: [] }]
	},

	// ——— imports ———
	{
		id: '/import preview',
		kind: 'form',
		path: '/import?/preview',
		as: 'editor',
		multipart: true,
		valid: () => ({ instrument: 'trafficking-protocol', format: '', as_of: '', origin: '', mode: 'file', pasted_from: '', paste: '' }),
		fields: [
			{ name: 'instrument', unknown: 'no-such-instrument' },
			{ name: 'as_of', accepts: ['empty'], hold: { values: { format: 'no-such-format' }, key: 'format' } },
			{ name: 'origin', accepts: ['empty'], echo: 1000, hold: { values: { format: 'no-such-format' }, key: 'format' } },
			{ name: 'format', accepts: ['empty'], hold: { values: { mode: 'paste', paste: '' }, key: 'paste' } },
			{ name: 'mode', accepts: HOSTILE.map((h) => h.label), hold: { values: { format: 'no-such-format' }, key: 'format' } },
			{ name: 'pasted_from', with: () => ({ mode: 'paste', paste: 'Afghanistan\t15 Aug 2014 a' }) },
			// a pasted table is given back to the form (up to the 1 MB a paste may be), not lost
			{ name: 'paste', accepts: ['9,000 characters', ...ANY_TEXT], echo: 1_048_576, with: () => ({ mode: 'paste' }), hold: { values: { pasted_from: 'nowhere' }, key: 'pasted_from' } },
			// an upload is kept before it is read (import-files.ts, once by its content, with its audit entry); one it cannot read names its format
			{ name: 'file', file: 'table.csv', key: ['file', 'format'], stores: ['import_files', 'audit_log'] }
		]
	},
	{
		id: '/import alias',
		kind: 'form',
		path: '/import?/alias',
		as: 'secretariat',
		valid: (w) => ({ file_id: String(w.file), instrument: 'trafficking-protocol', format: '', as_of: '', origin: '', name: 'Republic of Nowhere', code: 'AFG' }),
		fields: [
			{ name: 'file_id', key: 'file', unknown: ID.unknown },
			{ name: 'name', accepts: ['9,000 characters', ...ANY_TEXT], echo: 300, hold: { values: { code: '' }, key: 'code' } },
			{ name: 'code', unknown: 'ZZZ' }
		]
	},
	{
		id: '/import apply',
		kind: 'form',
		path: '/import?/apply',
		as: 'editor',
		valid: (w) => ({ file_id: String(w.file), instrument: 'trafficking-protocol', format: '', as_of: '', origin: '', revision: revision(w) }),
		// a preview made at another revision: the preview is shown again, nothing applied
		hold: (w) => ({ values: { revision: String(Number(revision(w)) + 1000) }, key: 'revision', named: /changed since this preview/ }),
		fields: [
			{ name: 'file_id', key: 'file', unknown: ID.unknown },
			{ name: 'instrument', unknown: 'no-such-instrument' },
			{ name: 'format', accepts: ['empty'] },
			{ name: 'as_of', accepts: ['empty'] },
			{ name: 'origin', accepts: ['empty'], echo: 1000 },
			{ name: 'revision', hold: null, named: /changed since this preview/ },
			{ name: 'act', hold: null }
		]
	},

	// ——— review cycles ———
	{
		id: '/reviews/cycles/[id] draw',
		kind: 'form',
		path: '/reviews/cycles/{id}?/draw',
		as: 'secretariat',
		// a preview of the draw: nothing is written unless apply=yes
		valid: () => ({ id: 'untoc-1', seed: '2008', on: '', apply: '' }),
		fields: [
			{ name: 'id', in: 'path', unknown: 'no-such-cycle', key: 'seed', named: /cycle/ },
			{ name: 'seed', unknown: '99999999999' },
			{ name: 'on', accepts: ['empty'] },
			{ name: 'apply', accepts: HOSTILE.map((h) => h.label) }
		]
	},
	{
		id: '/reviews/cycles/[id] confirm',
		kind: 'form',
		path: '/reviews/cycles/{id}?/confirm',
		as: 'secretariat',
		valid: () => ({ id: 'untoc-1', key: 'no-mutual-review' }),
		fields: [
			{ name: 'id', in: 'path', unknown: 'no-such-cycle', named: /There is no review cycle/ },
			{ name: 'key' }
		]
	},
	{
		id: '/reviews/cycles/[id] launch',
		kind: 'form',
		path: '/reviews/cycles/{id}?/launch',
		as: 'secretariat',
		valid: (w) => ({ id: 'untoc-1', cluster: '1', start_group: '', on: '2020-10-12', state: w.unlaunched, whole_group: '' }),
		// a day before the cycle starts, checked after the cluster and the start group
		hold: () => ({ values: { on: '2019-01-01' }, key: 'on' }),
		fields: [
			{ name: 'id', in: 'path', unknown: 'no-such-cycle', key: 'cycle', named: /cycle/, hold: null },
			{ name: 'cluster' },
			{ name: 'start_group', accepts: ['empty'] },
			{ name: 'on', hold: null },
			{ name: 'state', key: 'states', unknown: 'ZZZ', hold: null },
			{ name: 'whole_group', accepts: HOSTILE.map((h) => h.label) }
		]
	},

	// ——— a country review ———
	...reviewCases(),

	// ——— what is read: pages, files and the API, by their address ———
	...readCases()
];

function readCases(): Case[] {
	const get = (id: string, path: string, fields: Field[], extra: Partial<Case> = {}): Case => ({ id, kind: 'get', path, valid: () => ({}), fields, ...extra });
	const ALL = HOSTILE.map((h) => h.label);
	const instrument = (named = /There is no instrument|Not found/) => slugPath(named);
	const tp = { valid: () => ({ slug: 'trafficking-protocol' }) };
	const api = (named: RegExp): Field => ({ ...slugPath(named), named });
	const region: Field = { name: 'region', in: 'query', accepts: ['empty'], unknown: 'no-such-region' };
	const group: Field = { name: 'group', in: 'query', accepts: ['empty'], unknown: 'no-such-group' };
	const highlight: Field = { name: 'highlight', in: 'query', accepts: ['empty'] };
	const codes: Field = { name: 'codes', in: 'query', unknown: 'ZZZ', named: /codes|not found/i };
	const review = (named = /There is no review 999999|Not found/): Field => ({ ...matched('id'), named });
	const r1 = { as: 'secretariat' as Who, valid: (w: World) => ({ id: String(w.reviews.launched) }) };
	const auditFilters: Field[] = [
		{ name: 'participant', in: 'query', accepts: ['empty'], unknown: 'ZZZ' },
		{ name: 'instrument', in: 'query', accepts: ['empty'], unknown: 'no-such-instrument' },
		{ name: 'user', in: 'query', accepts: ['empty'], unknown: 'nobody@nowhere.example.org' },
		{ name: 'entity', in: 'query', accepts: ['empty'] },
		{ name: 'action', in: 'query', accepts: ['empty'] },
		{ name: 'from', in: 'query', accepts: ['empty'] },
		{ name: 'to', in: 'query', accepts: ['empty'] },
		// an entry number beyond the last is a page with nothing on it
		{ name: 'before', in: 'query', accepts: ['empty', 'unknown'], unknown: '999999999' },
		{ name: 'after', in: 'query', accepts: ['empty', 'unknown'], unknown: '999999999' }
	];
	return [
		get('/ load', '/', [asOf]),
		get('/instruments/[slug=slug] load', '/instruments/{slug}', [instrument(), asOf, { name: 'sort', in: 'query', accepts: ALL }, { name: 'dir', in: 'query', accepts: ALL }], tp),
		get('/instruments/[slug=slug]/non-parties load', '/instruments/{slug}/non-parties', [instrument(), asOf, { ...region, accepts: ALL }, { ...group, accepts: ALL }], tp),
		get('/instruments/[slug=slug]/articles/[n] load', '/instruments/{slug}/articles/{n}', [instrument(), { name: 'n', in: 'path', unknown: '999', named: /article/ }, asOf], {
			valid: () => ({ slug: 'trafficking-protocol', n: '6' })
		}),
		get('/instruments/[slug=slug]/export.csv GET', '/instruments/{slug}/export.csv', [instrument(/no instrument with slug|Not found/), asOf], tp),
		get('/instruments/[slug=slug]/export.json GET', '/instruments/{slug}/export.json', [instrument(/no instrument with slug|Not found/), asOf], tp),
		get('/instruments/[slug=slug]/feed.atom GET', '/instruments/{slug}/feed.atom', [instrument()], tp),
		get('/instruments/[slug=slug]/non-parties.csv GET', '/instruments/{slug}/non-parties.csv', [instrument(/no instrument with slug|Not found/), asOf, region, group], tp),
		get('/participants load', '/participants', [asOf, { name: 'q', in: 'query', accepts: ALL }]),
		get('/policy load', '/policy', [asOf]),
		get('/participants/[code=code] load', '/participants/{code}', [{ name: 'code', in: 'path', unknown: 'ZZZ', named: /There is no participant|Not found/ }, asOf, { name: 'peers', in: 'query', accepts: ALL }], {
			valid: () => ({ code: 'IND' })
		}),
		get('/participants/[code=code]/briefing load', '/participants/{code}/briefing', [{ name: 'code', in: 'path', unknown: 'ZZZ', named: /There is no participant|Not found/ }, asOf], { valid: () => ({ code: 'THA' }) }),
		get('/participants/[code=code]/briefing.docx GET', '/participants/{code}/briefing.docx', [{ name: 'code', in: 'path', unknown: 'ZZZ', named: /There is no participant|Not found/ }, asOf], { valid: () => ({ code: 'THA' }) }),
		get('/compare load', '/compare', [asOf, { ...codes, accepts: ALL }, { ...group, accepts: ALL }, { name: 'add', in: 'query', accepts: ALL }, { name: 'sort', in: 'query', accepts: ALL }, { name: 'notFound', in: 'query', accepts: ALL }, { name: 'highlight', in: 'query', accepts: ALL }], {
			valid: () => ({ codes: 'FRA,IND' })
		}),
		// nothing chosen: the table of nothing, as the page without codes shows it
		get('/compare/export.csv GET', '/compare/export.csv', [asOf, { ...codes, accepts: ['empty'] }, group], { valid: () => ({ codes: 'FRA,IND' }) }),
		get('/compare/export.json GET', '/compare/export.json', [asOf, { ...codes, accepts: ['empty'] }, group], { valid: () => ({ codes: 'FRA,IND' }) }),
		get('/map load', '/map', [asOf, { name: 'instrument', in: 'query', accepts: ALL }]),
		get('/map/[slug=slug] load', '/map/{slug}', [instrument(), asOf, group, highlight], tp),
		get('/map/[slug=slug].svg GET', '/map/{slug}.svg', [instrument(/There is no instrument|Not found/), asOf, group, highlight], tp),
		get('/map/[slug=slug].png GET', '/map/{slug}.png', [instrument(/There is no instrument|Not found/), asOf, group, highlight], tp),
		get('/participants/[code=code].png GET', '/participants/{code}.png', [{ name: 'code', in: 'path', unknown: 'ZZZ', named: /There is no participant|Not found/ }, asOf], {
			valid: () => ({ code: 'IND' })
		}),
		get('/embed/map/[slug=slug] load', '/embed/map/{slug}', [instrument(), asOf, group, highlight, { name: 'list', in: 'query', accepts: ['empty'] }, { name: 'height', in: 'query', accepts: ['empty'] }], tp),
		get('/sources load', '/sources', [asOf]),
		get('/sources/[id]/file GET', '/sources/{id}/file', [{ name: 'id', in: 'path', unknown: 'no-such-source', named: /No file is kept/ }], { valid: () => ({ id: 'untc-xviii-12-a-2023' }) }),
		get('/reviews load', '/reviews', [asOf, { name: 'group', in: 'query', accepts: ALL }, { name: 'instrument', in: 'query', accepts: ALL }, { name: 'stage', in: 'query', accepts: ALL }]),
		get('/reviews/[id=id] load', '/reviews/{id}', [review()], r1),
		get('/reviews/[id=id]/report load', '/reviews/{id}/report', [review()], r1),
		get('/reviews/[id=id]/report.docx GET', '/reviews/{id}/report.docx', [review()], r1),
		get('/reviews/[id=id]/feed.atom GET', '/reviews/{id}/feed.atom', [review()], r1),
		get('/reviews/[id=id]/evidence/[file=id] GET', '/reviews/{id}/evidence/{file}', [review(/There is no review 999999|has no file|Not found/), { ...matched('file'), named: /has no file|Not found/ }], {
			as: 'secretariat',
			valid: (w) => ({ id: String(w.reviews.launched), file: '1' })
		}),
		get('/reviews/[id=id]/published load', '/reviews/{id}/published', [review(/There is no published review 999999|Not found/), asOf], { valid: (w) => ({ id: String(w.reviews.published) }) }),
		get(
			'/reviews/cycles/[id] load',
			'/reviews/cycles/{id}',
			[{ name: 'id', in: 'path', unknown: 'no-such-cycle', named: /There is no review cycle/ }, { name: 'q', in: 'query', accepts: ALL }, { name: 'group', in: 'query', accepts: ALL }],
			{ valid: () => ({ id: 'untoc-1' }) }
		),
		get('/api/v1/reviews GET', '/api/v1/reviews', []),
		get('/api/v1/review-mechanisms/[id] GET', '/api/v1/review-mechanisms/{id}', [{ name: 'id', in: 'path', unknown: 'no-such-mechanism', named: /no review mechanism with id/ }], { valid: () => ({ id: 'untoc' }) }),
		get('/audit load', '/audit', auditFilters, { as: 'editor' }),
		get('/audit/export.csv GET', '/audit/export.csv', auditFilters, { as: 'editor' }),
		get('/import load', '/import', [{ name: 'instrument', in: 'query', accepts: ALL }], { as: 'editor' }),
		get('/imports/[id=id] load', '/imports/{id}', [{ ...matched('id'), named: /There is no import|Not found/ }], { as: 'editor', valid: () => ({ id: '1' }) }),
		get('/record/new load', '/record/new', [{ name: 'instrument', in: 'query', accepts: ALL }, { name: 'participant', in: 'query', accepts: ALL }], { as: 'editor' }),
		get('/record/acts/[id=id] load', '/record/acts/{id}', [{ ...matched('id'), named: /There is no act|Not found/ }], { as: 'editor', valid: (w) => ({ id: String(w.correction.act) }) }),
		get('/users/[id=id] load', '/users/{id}', [{ ...matched('id'), named: /There is no account|Not found/ }], { as: 'secretariat', valid: (w) => ({ id: String(w.invitee) }) }),
		get('/login load', '/login', [{ name: 'next', in: 'query', accepts: ALL }]),
		// a link that is not (or no longer) an invitation: a page that says so, as for an expired one
		get('/invitation/[token] load', '/invitation/{token}', [{ name: 'token', in: 'path', unknown: 'no-such-token', accepts: ALL.filter((l) => !MALFORMED_IN_PATH.includes(l)) }], {
			valid: (w) => ({ token: w.invitation })
		}),
		get('/api/v1/instruments GET', '/api/v1/instruments', [asOf]),
		get('/api/v1/instruments/[slug] GET', '/api/v1/instruments/{slug}', [api(/no instrument with slug/), asOf], tp),
		get('/api/v1/instruments/[slug]/events GET', '/api/v1/instruments/{slug}/events', [api(/no instrument with slug/), { name: 'participant', in: 'query', accepts: ['empty'], unknown: 'ZZZ' }], tp),
		get('/api/v1/instruments/[slug]/non-parties GET', '/api/v1/instruments/{slug}/non-parties', [api(/no instrument with slug/), asOf, region, group], tp),
		get('/api/v1/participants/[code] GET', '/api/v1/participants/{code}', [{ name: 'code', in: 'path', unknown: 'ZZZ', named: /no participant with code/ }, asOf], { valid: () => ({ code: 'IND' }) }),
		get('/api/v1/compare GET', '/api/v1/compare', [asOf, codes, group], { valid: () => ({ codes: 'FRA,IND' }) })
	];
}

function reviewCases(): Case[] {
	const review = (id: string, which: keyof World['reviews'], fields: Field[], extra: Partial<Case> = {}): Case => ({
		id: `/reviews/[id=id] ${id}`,
		kind: 'form',
		path: `/reviews/{id}?/${id}`,
		as: 'secretariat',
		valid: (w) => ({ id: String(w.reviews[which]), version: version(w, 'reviews', w.reviews[which]), ...w.item }),
		hold: (w) => staleReview(w, w.reviews[which]),
		...extra,
		fields: [{ ...matched('id'), named: /There is no review 999999|Not found/, hold: null }, ...fields]
	});
	const item: Field[] = [
		{ name: 'instrument', key: 'item', unknown: 'no-such-instrument' },
		{ name: 'article', key: 'item', unknown: '999' }
	];
	const versionField: Field = { name: 'version', unknown: '999999', hold: null };
	return [
		{
			...review('name', 'launched', [
				{ name: 'participant', unknown: 'ZZZ' },
				{ name: 'role', accepts: HOSTILE.map((h) => h.label), hold: { values: { name: '' }, key: 'name' } },
				{ name: 'name', accepts: ANY_TEXT, hold: { values: { user: '999999' }, key: 'user' } },
				// none (empty) is legitimate: a person named without an account, written — not sent
				{ name: 'user', unknown: '999999', skip: ['empty'] },
				versionField
			]),
			valid: (w) => ({ id: String(w.reviews.launched), version: version(w, 'reviews', w.reviews.launched), participant: w.reviewer, role: 'expert', name: 'An expert', user: '' })
		},
		{
			...review('answer', 'launched', [
				...item,
				{ name: 'text', accepts: ['empty', '9,000 characters', ...ANY_TEXT] },
				{ name: 'status', accepts: ['empty'] },
				{ name: 'legislation_1_title', accepts: ANY_TEXT },
				{ name: 'legislation_1_article', accepts: ['empty', '9,000 characters', ...ANY_TEXT] },
				{ name: 'legislation_1_link', accepts: ['empty'] },
				{ name: 'evidence', file: 'law.pdf', accepts: ['empty'] },
				versionField
			], { multipart: true }),
			valid: (w) => ({
				id: String(w.reviews.launched), version: version(w, 'reviews', w.reviews.launched), ...w.item, text: 'Article 370 of the Penal Code.', status: 'implemented',
				legislation_1_title: 'Penal Code', legislation_1_article: '370', legislation_1_link: 'https://example.org/penal-code'
			})
		},
		{
			...review('comment', 'assessing', [...item, { name: 'kind', accepts: HOSTILE.map((h) => h.label) }, { name: 'body', accepts: ['9,000 characters', ...ANY_TEXT] }, versionField]),
			valid: (w) => ({ id: String(w.reviews.assessing), version: version(w, 'reviews', w.reviews.assessing), ...w.item, kind: 'comment', body: 'Is the law in force?' })
		},
		{
			...review('reply', 'assessing', [
				...item,
				{ name: 'parent', unknown: '999999' },
				{ name: 'body', accepts: ['9,000 characters', ...ANY_TEXT], hold: { values: { parent: '999999' }, key: 'parent' } },
				versionField
			]),
			valid: (w) => ({ id: String(w.reviews.assessing), version: version(w, 'reviews', w.reviews.assessing), ...w.item, parent: String(w.question), body: 'It is, since 2013.' })
		},
		{
			...review('observe', 'feedback', [...item, { name: 'kind' }, { name: 'text', accepts: ['9,000 characters', ...ANY_TEXT] }, versionField]),
			valid: (w) => ({ id: String(w.reviews.feedback), version: version(w, 'reviews', w.reviews.feedback), ...w.item, kind: 'good-practice', text: 'A dedicated unit.' })
		},
		{
			...review('summary', 'feedback', [{ name: 'summary', accepts: ['9,000 characters', ...ANY_TEXT] }, versionField]),
			valid: (w) => ({ id: String(w.reviews.feedback), version: version(w, 'reviews', w.reviews.feedback), summary: 'The State has criminalised trafficking.' })
		},
		{ ...review('agree', 'observations', [versionField], { as: 'focal-point' }), hold: undefined },
		{
			// the review's working language: one of the six, or refused naming the field
			...review('language', 'launched', [{ name: 'language' }, versionField]),
			valid: (w) => ({ id: String(w.reviews.launched), version: version(w, 'reviews', w.reviews.launched), language: 'fr' })
		},
		{
			...review('followUp', 'published', [
				{ name: 'observation', unknown: '999999' },
				{ name: 'status' },
				{ name: 'evidence', accepts: ['empty', ...ANY_TEXT] },
				{ name: 'on' },
				versionField
			]),
			valid: (w) => ({ id: String(w.reviews.published), version: version(w, 'reviews', w.reviews.published), ...w.item, observation: String(w.recommendation), status: 'in-progress', evidence: 'A bill is before parliament.', on: '2024-01-01' })
		},
		{
			...review('redraw', 'launched', [
				{ name: 'reason', accepts: ['9,000 characters', ...ANY_TEXT], hold: { values: { reviewer: 'ZZZ' }, key: 'reviewer' } },
				{ name: 'reviewer', unknown: 'ZZZ' }
			]),
			valid: (w) => ({ id: String(w.reviews.launched), version: version(w, 'reviews', w.reviews.launched), reason: 'A conflict of interest.', reviewer: w.reviewer })
		},
		{
			...review('move', 'launched', [
				{ name: 'to' },
				// a reason is read once the move is allowed: from "launched" no move is, without a focal point named
				{ name: 'reason', accepts: ['empty', '9,000 characters', ...ANY_TEXT], hold: { values: {}, key: 'stage' } },
				// a version of the right shape but not the review's: the move is refused first (409 stage)
				{ ...versionField, key: ['version', 'stage'] }
			]),
			hold: undefined,
			valid: (w) => ({ id: String(w.reviews.launched), version: version(w, 'reviews', w.reviews.launched), to: 'focal-point-named', reason: '' })
		}
	];
}

/** Handlers that read nothing from the request: no field to make bad. */
const NO_INPUT: Record<string, string> = {
	'/logout load': 'sends to the home page',
	'/account load': 'reads only whether ?welcome is there',
	'/users load': 'the list of accounts',
	'/freshness load': 'the instruments to refresh, as of today',
	'/reviews/mine load': 'the signed-in person’s tasks',
	'/reviews/feed.atom GET': 'the published reviews',
	'/outbox load': 'the e-mail written, newest first',
	'/api/v1/me GET': 'who the caller is',
	'/api/v1/openapi.json GET': 'the API’s description',
	'/feed.atom GET': 'the newest events',
	'/healthz GET': 'whether the database answers'
};

// ---- Sending ------------------------------------------------------------------------------

interface Answer {
	status: number;
	type: string;
	text: string;
	location: string | null;
	cookies: string[];
}

const agent = new http.Agent({ keepAlive: true });
let address = 1;

function send(base: string, opts: { method: string; path: string; headers: Record<string, string>; body?: Buffer; rotate?: boolean }): Promise<Answer> {
	const url = new URL(base);
	return new Promise((resolve, reject) => {
		const headers = { ...opts.headers, ...(opts.body ? { 'content-length': String(opts.body.length) } : {}) };
		// each sign-in failure from its own loopback address (127.0.0.2…): the per-address throttle is not what is tested here
		const from = opts.rotate ? { agent: false as const, localAddress: `127.0.0.${(address = (address % 250) + 2)}` } : { agent };
		const req = http.request({ host: url.hostname, port: url.port, method: opts.method, path: opts.path, headers, ...from }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode!, type: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8'), location: (res.headers.location as string) ?? null, cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]) })
			);
		});
		req.on('error', reject);
		req.end(opts.body);
	});
}

/** A value as it goes into an address. */
function inAddress(v: Hostile, unknown: string): string {
	if (v.unknown) return encodeURIComponent(unknown);
	if (v.bytes) return [...v.bytes].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
	if (v.literal !== undefined) return v.literal;
	return encodeURIComponent(v.text!);
}

/** A value as it goes into a form body: raw bytes and malformed escapes as they are. */
function inForm(v: Hostile, unknown: string): Buffer {
	if (v.unknown) return Buffer.from(encodeURIComponent(unknown));
	if (v.bytes) return v.bytes;
	if (v.literal !== undefined) return Buffer.from(v.literal);
	return Buffer.from(encodeURIComponent(v.text!));
}

function rawOf(v: Hostile, unknown: string): Buffer {
	if (v.unknown) return Buffer.from(unknown);
	return v.bytes ?? Buffer.from(v.literal ?? v.text!);
}

function urlencoded(values: Values, field?: Field, hostile?: Hostile): Buffer {
	const parts: Buffer[] = [];
	for (const [k, v] of Object.entries(values)) {
		if (field && k === field.name) continue;
		parts.push(Buffer.from(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`));
	}
	if (field && hostile) parts.push(Buffer.concat([Buffer.from(`${encodeURIComponent(field.name)}=`), inForm(hostile, field.unknown ?? 'no-such-thing')]));
	return Buffer.concat(parts.flatMap((p, i) => (i ? [Buffer.from('&'), p] : [p])));
}

const BOUNDARY = '----bad-input-walk';
function multipart(values: Values, files: Record<string, { name: string; content: Buffer }>): Buffer {
	const parts: Buffer[] = [];
	for (const [k, v] of Object.entries(values)) parts.push(Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n`), Buffer.from(v), Buffer.from('\r\n'));
	for (const [k, f] of Object.entries(files)) {
		parts.push(Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="${k}"; filename="${f.name}"\r\ncontent-type: application/octet-stream\r\n\r\n`), f.content, Buffer.from('\r\n'));
	}
	parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
	return Buffer.concat(parts);
}

/** A JSON body with `path` set to the hostile value: raw bytes spliced into the string. */
function jsonBody(valid: Json, path: string | null, value?: { hostile?: Hostile; json?: unknown; unknown: string }): Buffer {
	const body = structuredClone(valid);
	if (!path || !value) return Buffer.from(JSON.stringify(body));
	const keys = path.split('.');
	let at = body as Record<string, unknown>;
	for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
	const last = keys.at(-1)!;
	const h = value.hostile;
	if (!h) {
		at[last] = value.json;
		return Buffer.from(JSON.stringify(body));
	}
	if (h.bytes) {
		at[last] = '\u0000BYTES\u0000';
		const [before, after] = JSON.stringify(body).split('"\\u0000BYTES\\u0000"');
		return Buffer.concat([Buffer.from(before + '"'), h.bytes, Buffer.from('"' + after)]);
	}
	at[last] = h.unknown ? value.unknown : (h.literal ?? h.text);
	return Buffer.from(JSON.stringify(body));
}

// ---- Reading the answers ------------------------------------------------------------------

/** What an answer says, whichever its form. */
interface Said {
	/** The status the request was answered with (a form's failure inside its JSON). */
	status: number;
	/** One message per field, where the answer has them. */
	errors: Record<string, string> | null;
	message: string | null;
	needsConfirmation: boolean;
	location: string | null;
}

/** The `errors` object anywhere in a form's failure data (some forms nest it under their name). */
function errorsIn(data: unknown): Record<string, string> | null {
	if (!data || typeof data !== 'object') return null;
	const d = data as Record<string, unknown>;
	if (d.errors && typeof d.errors === 'object' && !Array.isArray(d.errors)) return d.errors as Record<string, string>;
	for (const v of Object.values(d)) {
		const found = errorsIn(v);
		if (found) return found;
	}
	return null;
}

function said(kind: Case['kind'], a: Answer): Said {
	const none = { errors: null, message: null, needsConfirmation: false, location: a.location };
	if (!a.type.includes('json')) return { status: a.status, ...none };
	const body = JSON.parse(a.text) as Record<string, unknown>;
	if (kind === 'form' && typeof body.type === 'string') {
		if (body.type === 'failure') {
			const data = devalue.parse(body.data as string) as Record<string, unknown>;
			return { status: body.status as number, errors: errorsIn(data) ?? {}, message: null, needsConfirmation: data?.needsConfirmation === true, location: null };
		}
		if (body.type === 'redirect') return { ...none, status: body.status as number, location: body.location as string };
		if (body.type === 'error') return { ...none, status: a.status, message: (body.error as { message: string }).message };
		return { ...none, status: body.status as number };
	}
	return {
		status: a.status,
		errors: (body.fields as Record<string, string>) ?? null,
		message: (body.error as string) ?? null,
		needsConfirmation: body.needsConfirmation === true,
		location: a.location
	};
}


// ---- The state of the database ------------------------------------------------------------

/** Everything a request could change, but the failed sign-ins (which the throttle counts, and which are not the record). */
function snapshot(db: Database.Database): string {
	const tables = (db.prepare("select name from sqlite_master where type = 'table' and name not in ('sign_in_attempts', 'sqlite_sequence')").all() as { name: string }[]).map((t) => t.name);
	const counts = tables.map((t) => db.prepare(`select '${t}' as t, count(*) as n, max(rowid) as last from "${t}"`).get());
	const versions = db
		.prepare(
			"select (select group_concat(version || coalesce(disabled_at, '') || coalesce(password_hash, '') || role || coalesce(participant_code, '') || coalesce(name, '')) from users) as users, " +
				"(select group_concat(coalesce(revoked_at, '')) from api_tokens) as tokens, (select group_concat(version || stage || coalesce(summary, '') || agreements) from reviews) as reviews, " +
				"(select group_concat(coalesce(used_at, '')) from invitations) as invitations, (select revision from record_meta) as revision, (select public_revision from record_meta) as public_revision, " +
				"(select group_concat(confirmed_at) from review_settings) as settings, (select group_concat(version || coalesce(follow_up, '')) from review_observations) as observations"
		)
		.get();
	return JSON.stringify({ counts, versions });
}

/** Two snapshots alike, but for the tables a request may add to. */
function same(before: string, after: string, except: string[] = []): boolean {
	const drop = (s: string) => {
		const o = JSON.parse(s) as { counts: { t: string }[] };
		return JSON.stringify({ ...o, counts: o.counts.filter((c) => !except.includes(c.t)) });
	};
	return except.length ? drop(before) === drop(after) : before === after;
}

// ---- The server and its world ---------------------------------------------------------------

interface Session {
	base: string;
	cookie: string;
}

async function form(s: Session, path: string, values: Values, files: Record<string, { name: string; content: Buffer }> = {}) {
	const multi = Object.keys(files).length > 0;
	const a = await send(s.base, {
		method: 'POST',
		path,
		headers: {
			origin: s.base,
			cookie: s.cookie,
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			'content-type': multi ? `multipart/form-data; boundary=${BOUNDARY}` : 'application/x-www-form-urlencoded'
		},
		body: multi ? multipart(values, files) : urlencoded(values)
	});
	return { answer: a, said: said('form', a) };
}

async function signIn(base: string, email: string): Promise<string> {
	const { answer, said: s } = await form({ base, cookie: '' }, '/login', { email, password: PASSWORD });
	expect(s.status, `sign-in of ${email}: ${answer.text.slice(0, 300)}`).toBe(303);
	return answer.cookies.find((c) => c.startsWith('session='))!;
}

const X4 = readFileSync(join(root, 'data/raw/crba_etl_2023_normlex_untc/untc_XVIII-12-a_X-4.csv'));

/** Accounts, a draw, reviews at each stage, an invitation, a token, a kept file: what the cases act on. */
async function makeWorld(base: string, file: string, env: NodeJS.ProcessEnv): Promise<World> {
	const user = (email: string, role: string, participant?: string) => ({ user: { email, role, participant }, password: PASSWORD });
	const out = await runCommands(env, [
		...['secretariat', 'editor'].map((role) => user(`${role}@bad-input.example.org`, role)),
		// a reviewer account is an expert of one State
		user('reviewer@bad-input.example.org', 'reviewer', 'FRA'),
		{ draw: ['--cycle', 'untoc-1', '--seed', '2008', '--json', '--apply'] }
	]);
	const drawn = JSON.parse(out.at(-1)!.stdout) as { state: string; reviewers: string[] }[];
	const states = [...new Set(drawn.map((a) => a.state))].sort();
	const [launched, assessing, feedback, observations, published, unlaunched] = states;
	await runCommands(env, [user('focal.point@bad-input.example.org', 'focal-point', observations)]);
	const cookies = {} as Record<Who, string>;
	for (const [who, email] of [
		['secretariat', 'secretariat@bad-input.example.org'],
		['editor', 'editor@bad-input.example.org'],
		['reviewer', 'reviewer@bad-input.example.org'],
		['focal-point', 'focal.point@bad-input.example.org']
	] as const) {
		cookies[who] = await signIn(base, email);
	}
	const sec = { base, cookie: cookies.secretariat };
	const ok = (r: { said: Said; answer: Answer }, what: string) => expect(r.said.status, `${what}: ${r.answer.text.slice(0, 500)}`).toBeLessThan(400);

	// five reviews of cluster I, moved by hand to the stages their actions need
	const launch = urlencoded({ cluster: '1', start_group: '', on: '2020-10-12' });
	const body = Buffer.concat([launch, ...[launched, assessing, feedback, observations, published].map((s) => Buffer.from(`&state=${s}`))]);
	const l = await send(base, { method: 'POST', path: '/reviews/cycles/untoc-1?/launch', headers: { origin: base, cookie: sec.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' }, body });
	expect(said('form', l).status, l.text).toBe(303);
	const write = new Database(file);
	const id = (state: string) => (write.prepare('select id from reviews where state_code = ?').get(state) as { id: number }).id;
	const reviews = { launched: id(launched), assessing: id(assessing), feedback: id(feedback), observations: id(observations), published: id(published) };
	const stage = (review: number, to: string) => write.prepare('update reviews set stage = ? where id = ?').run(to, review);
	stage(reviews.assessing, 'self-assessment');
	stage(reviews.feedback, 'feedback');
	stage(reviews.observations, 'observations');
	stage(reviews.published, 'feedback');
	const item = write.prepare("select instrument_slug as instrument, article_number as article from review_cluster_articles where cycle_id = 'untoc-1' and cluster_n = 1 order by sort_order limit 1").get() as { instrument: string; article: string };
	const v = (review: number) => String((write.prepare('select version from reviews where id = ?').get(review) as { version: number }).version);
	ok(await form(sec, `/reviews/${reviews.assessing}?/comment`, { ...item, kind: 'question', body: 'Which law?', version: v(reviews.assessing) }), 'a question');
	ok(await form(sec, `/reviews/${reviews.published}?/observe`, { ...item, kind: 'recommendation', text: 'Collect data.', version: v(reviews.published) }), 'a recommendation');
	stage(reviews.published, 'published');
	const question = (write.prepare("select id from review_comments where kind = 'question'").get() as { id: number }).id;
	const recommendation = (write.prepare("select id from review_observations where kind = 'recommendation'").get() as { id: number }).id;
	const reviewer = (write.prepare('select reviewer_code as code from review_reviewers where state_code = ? and replaced_at is null order by id limit 1').get(launched) as { code: string }).code;

	// an account invited and not yet in (its link), and a token of the editor's
	const invite = await form(sec, '/users?/invite', { email: 'invited@bad-input.example.org', role: 'editor', name: '', participant: '' });
	ok(invite, 'an invitation');
	const shown = await send(base, { method: 'GET', path: invite.said.location!, headers: { cookie: [sec.cookie, ...invite.answer.cookies].join('; ') } });
	const invitation = /\/invitation\/([\w-]+)/.exec(shown.text)![1];
	const invitee = (write.prepare("select id from users where email = 'invited@bad-input.example.org'").get() as { id: number }).id;
	ok(await form({ base, cookie: cookies.editor }, '/account?/createToken', { name: 'to be revoked' }), 'a token');
	const token = (write.prepare("select id from api_tokens where name = 'to be revoked'").get() as { id: number }).id;

	// the record: a State in neither UNTOC nor its Trafficking Protocol, and a Protocol accession that can be re-dated before its State's UNTOC consent
	const outsider = write
		.prepare("select code from participants where kind = 'state' and code not in (select participant_code from acts where instrument_slug in ('untoc', 'trafficking-protocol')) order by code limit 1")
		.get() as { code: string };
	const source = (write.prepare("select source_id as id from current_acts where instrument_slug = 'trafficking-protocol' and retracted = 0 limit 1").get() as { id: string }).id;
	const act = write
		.prepare(
			"select t.act_id as id, u.date as untoc from current_acts t join current_acts u on u.participant_code = t.participant_code and u.instrument_slug = 'untoc' and u.act = 'consent' and u.retracted = 0 " +
				"where t.instrument_slug = 'trafficking-protocol' and t.act = 'consent' and t.event = 'accession' and t.retracted = 0 and u.date > '2002-01-01' and t.date > u.date order by t.act_id limit 1"
		)
		.get() as { id: number; untoc: string };
	const dayBefore = new Date(Date.parse(`${act.untoc}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
	const actSource = (write.prepare('select source_id as id from current_acts where act_id = ?').get(act.id) as { id: string }).id;

	// a depositary's table, kept by a preview
	const kept = await form({ base, cookie: cookies.editor }, '/import?/preview', { instrument: 'trafficking-protocol', mode: 'file' }, { file: { name: 'untc_XVIII-12-a_X-4.csv', content: X4 } });
	ok(kept, 'a preview');
	const fileId = (write.prepare('select max(id) as id from import_files').get() as { id: number }).id;
	write.close();

	return {
		base,
		db: new Database(file, { readonly: true }),
		cookies,
		invitation,
		invitee,
		token,
		record: { participant: outsider.code, source },
		correction: { act: act.id, date: dayBefore, source: actSource },
		reviews,
		item,
		question,
		recommendation,
		reviewer,
		unlaunched,
		file: fileId
	};
}

// ---- The walk -----------------------------------------------------------------------------

type Expected = { kind: 'refused' } | { kind: 'held'; hold: Hold } | { kind: 'accepted' };

function holdOf(w: World, c: Case, f: Field): Hold | null {
	if (f.hold !== undefined) return f.hold;
	return c.hold ? c.hold(w) : null;
}

function expectedFor(w: World, c: Case, f: Field, valueLabel: string): Expected {
	if (!(f.accepts ?? []).includes(valueLabel)) return { kind: 'refused' };
	const hold = holdOf(w, c, f);
	return hold ? { kind: 'held', hold } : { kind: 'accepted' };
}

interface Sent {
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: Buffer;
}

/** The request of case `c` with field `f` set to the hostile value (`hostile`, or a JSON `json`). */
function requestFor(w: World, c: Case, f: Field | null, value: { hostile?: Hostile; json?: unknown; label: string }, variant: 'json' | 'html'): Sent {
	const where = f?.in ?? (c.kind === 'get' ? 'query' : 'body');
	const valid = c.valid(w) as Record<string, unknown>;
	const expected = f ? expectedFor(w, c, f, value.label) : { kind: 'accepted' as const };
	const held = expected.kind === 'held' ? expected.hold.values : {};
	const all: Record<string, unknown> = { ...valid, ...(f?.with?.(w) ?? {}), ...held };
	const unknown = f?.unknown ?? 'no-such-thing';
	// the path: its fields from the valid values, or the hostile one
	const pathFields = new Set([...c.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
	const action = c.kind === 'form' && !c.id.endsWith(' default') && !c.path.includes('?/') ? `?/${c.id.split(' ').at(-1)}` : '';
	let path = c.path.replace(/\{(\w+)\}/g, (_, name: string) => (f && where === 'path' && name === f.name ? inAddress(value.hostile!, unknown) : encodeURIComponent(String(all[name]))));
	path += action;
	for (const name of pathFields) delete all[name];
	const headers: Record<string, string> = { origin: w.base };
	if (c.as) headers.cookie = w.cookies[c.as];
	if (c.kind === 'get') {
		if (f && where === 'query') delete all[f.name];
		const query = Object.entries(all).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
		if (f && where === 'query') query.push(`${encodeURIComponent(f.name)}=${inAddress(value.hostile!, unknown)}`);
		if (query.length) path += `?${query.join('&')}`;
		return { method: 'GET', path, headers: { ...headers, accept: c.path.includes('/api/') ? 'application/json' : 'text/html' } };
	}
	if (c.kind === 'api') {
		const hostile = f && where === 'body' ? { hostile: value.hostile, json: value.json, unknown } : undefined;
		return { method: 'POST', path, headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' }, body: jsonBody(all as Json, hostile ? f!.name : null, hostile) };
	}
	const form: Record<string, string> = variant === 'json' ? { accept: 'application/json', 'x-sveltekit-action': 'true' } : { accept: 'text/html' };
	const values = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, String(v)]));
	if (c.multipart) {
		// in a multipart body every value goes as it is: raw bytes, a % that escapes nothing
		const files: Record<string, { name: string; content: Buffer }> = {};
		let raw: { name: string; content: Buffer } | null = null;
		if (f?.file) files[f.name] = { name: f.file, content: rawOf(value.hostile!, unknown) };
		else if (f && where === 'body') raw = { name: f.name, content: rawOf(value.hostile!, unknown) };
		return { method: 'POST', path, headers: { ...headers, ...form, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, body: multipartRaw(values, files, raw) };
	}
	return { method: 'POST', path, headers: { ...headers, ...form, 'content-type': 'application/x-www-form-urlencoded' }, body: urlencoded(values, where === 'body' ? (f ?? undefined) : undefined, value.hostile) };
}

/** A multipart body whose field `raw` carries its bytes as they are. */
function multipartRaw(values: Values, files: Record<string, { name: string; content: Buffer }>, raw: { name: string; content: Buffer } | null): Buffer {
	const rest = { ...values };
	if (raw) delete rest[raw.name];
	const body = multipart(rest, files);
	if (!raw) return body;
	const part = Buffer.concat([Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="${raw.name}"\r\n\r\n`), raw.content, Buffer.from('\r\n')]);
	return Buffer.concat([part, body]);
}

const keysOf = (f: Field) => [f.key ?? f.name].flat();

/** Whether the answer names one of `keys`: in its field-by-field object, or in its message (or page). */
function names(s: Said, a: Answer, keys: string[], named?: RegExp): boolean {
	if (s.errors && Object.keys(s.errors).length) return keys.some((k) => Boolean(s.errors![k]));
	const pattern = named ?? new RegExp(keys.map((k) => `\\b${k.replace(/[.[\]]/g, '\\$&')}\\b`).join('|'), 'i');
	return pattern.test(s.message ?? a.text);
}

/** A page's markup, without the data its scripts carry (which holds every message, shown or not). */
const markup = (html: string) => html.replace(/<script\b[^>]*>[^]*?<\/script>/g, '');

/** A message as a page shows it (Svelte escapes & and < in text). */
const inPage = (m: string) => m.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const PAGE_TYPES = /text\/html|image\/svg|xml/;

test('every action, endpoint and address answers bad input with a 4xx naming the field, and a refusal stores nothing', async () => {
	test.setTimeout(300_000);

	// every handler on disk is walked, or said to read nothing
	const walked = new Set([...CASES.map((c) => c.id), ...Object.keys(NO_INPUT)]);
	expect(handlers().map(label).filter((h) => !walked.has(h)), 'handlers under src/routes without a case in bad-input.test.ts').toEqual([]);
	const found = new Set(handlers().map(label));
	expect([...walked].filter((id) => !found.has(id)), 'cases of handlers that do not exist').toEqual([]);

	const scratch = scratchDatabase('bad-input');
	const file = scratch.file;
	// the server's log: its problems only (what a 5xx was), for the failure message
	// no daily mail round: nothing but the requests sent here writes to this database
	const server = await startServer({ database: file, env: { LOG_LEVEL: 'warn', MAIL_EVERY: 'off' }, stdio: 'pipe' });
	const { base, env } = server;
	let log = '';
	server.child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
	const problems: string[] = [];
	let requests = 0;
	try {
		const w = await makeWorld(base, file, env);
		const start = snapshot(w.db);
		const started = Date.now();

		for (const c of CASES) {
			const fields: (Field | null)[] = c.fields.length ? c.fields : [null];
			for (const f of fields) {
				const where = f?.in ?? (c.kind === 'get' ? 'query' : 'body');
				const values: { hostile?: Hostile; json?: unknown; label: string }[] = f
					? [
							...HOSTILE.filter((h) => !(where === 'path' && h.label === 'empty')).map((h) => ({ hostile: h, label: h.label })),
							...(c.json && where === 'body' ? WRONG_TYPES.map((t) => ({ json: t.json, label: t.label })) : [])
						].filter((v) => !f.skip?.includes(v.label))
					: HOSTILE.map((h) => ({ hostile: h, label: h.label }));
				for (const value of values) {
					let expected = f ? expectedFor(w, c, f, value.label) : ({ kind: 'accepted' } as Expected);
					const malformedPath = where === 'path' && MALFORMED_IN_PATH.includes(value.label);
					if (malformedPath) expected = { kind: 'refused' };
					let message: string | null = null;
					for (const variant of c.kind === 'form' ? (['json', 'html'] as const) : (['json'] as const)) {
						const what = `${c.id} · ${f?.name ?? '(no field)'}${f ? ` (${where})` : ''} = ${value.label}${c.kind === 'form' ? ` · ${variant === 'json' ? 'use:enhance' : 'no JavaScript'}` : ''}`;
						const req = requestFor(w, c, f, value, variant);
						const before = snapshot(w.db);
						const a = await send(base, { ...req, rotate: c.rotate });
						requests++;
						const after = snapshot(w.db);
						let s: Said;
						try {
							s = said(c.kind, a);
						} catch {
							problems.push(`${what}: an answer that cannot be read (${a.status} ${a.type}): ${a.text.slice(0, 200)}`);
							continue;
						}
						const fail = (why: string) => problems.push(`${what}: ${why} — ${a.status} ${(s.message ?? JSON.stringify(s.errors) ?? '').slice(0, 200)}${!s.message && !s.errors ? ' ' + a.text.replace(/\s+/g, ' ').slice(0, 160) : ''}`);
						if (a.status >= 500 || s.status >= 500) fail('a server error');
						if (a.text.includes('Internal error')) fail('"Internal error"');
						const echo = (f?.echo ?? ID.echo) + 1;
						// a page may name its own address (its og:url, the address printed with it): that is not a value echoed
						const own = c.kind === 'get' ? a.text.split(`${base}${req.path}`).join('').split(req.path.replace(/&/g, '&amp;')).join('') : a.text;
						if (echo <= HUGE.length && own.includes(HUGE.slice(0, echo))) fail(`echoes more than ${echo - 1} characters of the 9,000`);
						if (PAGE_TYPES.test(a.type) && a.text.includes(SCRIPT)) fail('the script, unescaped, in a page');
						if (expected.kind !== 'accepted' && !same(before, after, f?.stores)) fail('the database changed');
						if (expected.kind === 'refused') {
							if (!(s.status >= 400 && s.status < 500)) fail('not refused with a 4xx');
							else if (malformedPath) {
								if (!MALFORMED_ADDRESS.test(markup(a.text))) fail('not the malformed address answer');
								// a page's message, not its address nor its data
							} else if (variant === 'json' && !names(s, { ...a, text: markup(own) }, keysOf(f!), f!.named)) fail(`does not name ${keysOf(f!).join(' or ')}`);
							else if (variant === 'json') message = keysOf(f!).map((k) => s.errors?.[k]).find(Boolean) ?? s.message;
							else if (c.kind === 'form' && message && !f!.varies && !markup(a.text).includes(inPage(message)) && !(where === 'path' && names(s, { ...a, text: markup(a.text) }, keysOf(f!), f!.named)))
								fail(`the page does not show “${message.slice(0, 80)}”`);
						} else if (expected.kind === 'held') {
							const hold = expected.hold;
							if (!(s.status >= 400 && s.status < 500)) fail(`not stopped by ${hold.key} (a legitimate value, held back)`);
							else if (variant === 'json' && hold.key === WARNINGS) {
								if (!s.needsConfirmation || (s.errors && Object.keys(s.errors).length)) fail('not only the warnings to confirm');
							} else if (variant === 'json' && s.errors && Object.keys(s.errors).length && Object.keys(s.errors).join() !== hold.key) fail(`errors ${Object.keys(s.errors).join(', ')}, not only ${hold.key}`);
							else if (variant === 'json' && !names(s, { ...a, text: markup(own) }, [hold.key], hold.named)) fail(`not stopped by ${hold.key}`);
						} else if (!(s.status >= 200 && s.status < 400)) fail('a legitimate value refused');
					}
				}
			}
		}
		const walkSeconds = (Date.now() - started) / 1000;

		// nothing stored: the record, its revision and the audit log are as before the walk, but
		// for what a legitimately accepted request wrote (API tokens named with the hostile text)
		const end = JSON.parse(snapshot(w.db)) as { counts: { t: string; n: number; last: number | null }[]; versions: Record<string, unknown> };
		const was = JSON.parse(start) as typeof end;
		const changed = end.counts.filter((e, i) => e.n !== was.counts[i].n).map((e) => e.t);
		for (const t of changed.filter((t) => !['api_tokens', 'import_files', 'audit_log'].includes(t))) problems.push(`after the walk: ${t} changed`);
		// the audit log holds those tokens and kept files, and nothing else
		const logged = w.db.prepare('select distinct entity from audit_log where id > ?').pluck().all(was.counts.find((c) => c.t === 'audit_log')!.last ?? 0) as string[];
		for (const entity of logged.filter((e) => !['token', 'import-file'].includes(e))) problems.push(`after the walk: an audit entry of ${entity}`);
		if (end.versions.revision !== was.versions.revision) problems.push('after the walk: the record’s revision changed');
		if (end.versions.public_revision !== was.versions.public_revision) problems.push('after the walk: the public state’s revision changed');
		// and no page shows a script stored as text unescaped
		const pages: [Who | null, string][] = [
			['editor', '/account'],
			['secretariat', '/users'],
			['editor', '/audit'],
			...Object.values(w.reviews).map((id) => ['secretariat', `/reviews/${id}`] as [Who, string]),
			[null, '/'],
			[null, '/instruments/trafficking-protocol'],
			[null, `/participants/${w.record.participant}`]
		];
		for (const [who, path] of pages) {
			const a = await send(base, { method: 'GET', path, headers: who ? { cookie: w.cookies[who] } : {} });
			if (a.status !== 200) problems.push(`after the walk: ${path} answers ${a.status}`);
			if (a.text.includes(SCRIPT)) problems.push(`after the walk: ${path} shows the script unescaped`);
		}
		const fields = CASES.reduce((sum, c) => sum + Math.max(1, c.fields.length), 0);
		console.log(`bad input: ${CASES.length} handlers, ${fields} fields, ${requests} requests in ${walkSeconds.toFixed(1)} s`);
	} finally {
		await server.stop();
		scratch.remove();
	}
	expect(problems, `${problems.length} answers to bad input${log ? `\nserver log:\n${log.slice(0, 4000)}` : ''}`).toEqual([]);
});
