// Atom 1.0 (RFC 4287) feeds of participation events. Every value is text, never markup: it is
// escaped, and characters XML 1.0 cannot carry are dropped. A feed is stored and shared like a
// page, so nothing in it comes from the request: links are absolute only with the site's
// configured ORIGIN (else relative, which feed readers resolve against the feed's own address),
// and ids are name-based UUIDs of what an entry is about, the same wherever the site is served.
// Its words are in the language of its address (/fr/feed.atom); an entry's id is the same in all.
import { v5 as uuidv5 } from 'uuid';
import type { ParticipationChange } from '../../events';
import { instrumentName as withArticle, sentence } from '../../events';
import { formatDate } from '../../dates';
import { m } from '$lib/paraglide/messages';
import { instrumentName, l, locale, stateName } from '$lib/i18n';

const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escape(s: string): string {
	return s
		.replace(NOT_XML, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/** An ISO date as an RFC 3339 timestamp: midnight UTC, the record knows no time of day. */
export function timestamp(date: string): string {
	return `${date}T00:00:00Z`;
}

/** A permanent id for what `path` names: a UUID (RFC 9562, version 5) of the app's name for it. */
export function idOf(path: string): string {
	return `urn:uuid:${uuidv5(`treaty-tracker:${path}`, uuidv5.URL)}`;
}

/**
 * The entry's permanent id: of the participant's page with a fragment naming the event by what
 * it is, not by a database row id, so a database rebuilt from data/ keeps the same ids.
 */
export function entryId(c: ParticipationChange): string {
	const on = c.date ?? `by-${c.known}`;
	return idOf(`/participants/${c.code}#${c.slug}/${c.kind}/${on}`);
}

/** A path of the site as a link: absolute with the configured origin, else as it is. */
export function link(origin: string | null, path: string): string {
	return origin ? `${origin}${path}` : path;
}

export interface Entry {
	/** A permanent id (see idOf). */
	id: string;
	title: string;
	/** RFC 3339 */
	updated: string;
	/** Paths of the site. */
	alternate: string;
	related?: string;
	category?: string;
	summary: string;
}

/** An Atom document of entries, newest first. */
export function document(opts: { origin: string | null; self: string; alternate: string; title: string; subtitle: string; entries: Entry[] }): string {
	// A feed without entries still needs an `updated`; the epoch says "nothing yet".
	const updated = opts.entries[0]?.updated ?? '1970-01-01T00:00:00Z';
	const lines = [
		'<?xml version="1.0" encoding="utf-8"?>',
		`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale()}">`,
		`  <id>${escape(idOf(opts.self))}</id>`,
		`  <title>${escape(opts.title)}</title>`,
		`  <subtitle>${escape(opts.subtitle)}</subtitle>`,
		`  <updated>${updated}</updated>`,
		`  <link rel="self" type="application/atom+xml" href="${escape(link(opts.origin, opts.self))}"/>`,
		`  <link rel="alternate" type="text/html" href="${escape(link(opts.origin, opts.alternate))}"/>`,
		'  <author><name>Treaty Tracker</name></author>',
		'  <generator>Treaty Tracker</generator>'
	];
	for (const e of opts.entries) {
		lines.push(
			'  <entry>',
			`    <id>${escape(e.id)}</id>`,
			`    <title type="text">${escape(e.title)}</title>`,
			`    <updated>${e.updated}</updated>`,
			`    <link rel="alternate" type="text/html" href="${escape(link(opts.origin, e.alternate))}"/>`,
			...(e.related ? [`    <link rel="related" type="text/html" href="${escape(link(opts.origin, e.related))}"/>`] : []),
			...(e.category ? [`    <category term="${escape(e.category)}"/>`] : []),
			`    <summary type="text">${escape(e.summary)}</summary>`,
			'  </entry>'
		);
	}
	lines.push('</feed>', '');
	return lines.join('\n');
}

const SAID: Record<string, (inputs: { who: string; instrument: string; when: string }) => string> = {
	signature: m.api_feed_signature,
	ratification: m.api_feed_ratification,
	acceptance: m.api_feed_acceptance,
	approval: m.api_feed_approval,
	accession: m.api_feed_accession,
	succession: m.api_feed_succession,
	'formal-confirmation': m.api_feed_formal_confirmation,
	'definitive-signature': m.api_feed_definitive_signature,
	denunciation: m.api_feed_denunciation,
	endorsement: m.api_feed_endorsement
};

/**
 * "Pakistan acceded to the Trafficking in Persons Protocol on 4 November 2022." in the request's
 * language (English as events.ts's `sentence` words it: "the" before a name that takes one).
 */
export function title(c: ParticipationChange): string {
	const who = stateName(c.code, c.name);
	const instrument = locale() === 'en' ? withArticle(c.shortTitle) : instrumentName(c.slug, c.shortTitle).text;
	const when = c.date
		? m.api_feed_on({ date: formatDate(c.date) })
		: c.precision === 'month' && c.earliest && c.earliest.slice(0, 7) === c.known.slice(0, 7)
		? m.api_feed_in({ month: formatDate(c.known.slice(0, 7)) })
		: m.api_feed_by({ date: formatDate(c.known) });
	const say = SAID[c.kind];
	if (!say) return `${sentence(c)}.`;
	const said = say({ who, instrument, when });
	return c.ilo && c.date ? m.api_feed_registered({ event: said }) : m.api_feed_event({ event: said });
}

export function feed(opts: {
	/** The site's configured origin, or null: links are then relative. */
	origin: string | null;
	/** The feed's own path (rel=self), of which its id is made. */
	self: string;
	/** The path of the page the feed follows (rel=alternate). */
	alternate: string;
	title: string;
	subtitle: string;
	changes: ParticipationChange[];
}): string {
	const { changes, ...head } = opts;
	return document({
		...head,
		entries: changes.map((c) => {
			const source = c.source.title;
			return {
				id: entryId(c),
				title: title(c),
				updated: timestamp(c.known),
				alternate: l(`/participants/${c.code}`),
				related: l(`/instruments/${c.slug}`),
				category: c.kind,
				summary: c.source.recordedOn ? m.api_feed_source_recorded({ source, date: formatDate(c.source.recordedOn) }) : m.api_feed_source({ source })
			};
		})
	});
}

export function response(xml: string): Response {
	return new Response(xml, {
		headers: {
			'content-type': 'application/atom+xml; charset=utf-8',
			'access-control-allow-origin': '*',
			'cache-control': 'public, max-age=900'
		}
	});
}
