// Atom 1.0 (RFC 4287) feeds of participation events. Every value is text, never markup: it is
// escaped, and characters XML 1.0 cannot carry are dropped.
import type { ParticipationChange } from '../events';
import { sentence } from '../events';
import { formatDate } from '../dates';

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

/**
 * The entry's permanent id: the participant's page with a fragment naming the event by what
 * it is, not by a database row id, so a database rebuilt from data/ keeps the same ids.
 */
export function entryId(origin: string, c: ParticipationChange): string {
	const on = c.date ?? `by-${c.known}`;
	return `${origin}/participants/${c.code}#${c.slug}/${c.kind}/${on}`;
}

export interface Entry {
	id: string;
	title: string;
	/** RFC 3339 */
	updated: string;
	alternate: string;
	related?: string;
	category?: string;
	summary: string;
}

/** An Atom document of entries, newest first. */
export function document(opts: { self: string; alternate: string; title: string; subtitle: string; entries: Entry[] }): string {
	// A feed without entries still needs an `updated`; the epoch says "nothing yet".
	const updated = opts.entries[0]?.updated ?? '1970-01-01T00:00:00Z';
	const lines = [
		'<?xml version="1.0" encoding="utf-8"?>',
		'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
		`  <id>${escape(opts.self)}</id>`,
		`  <title>${escape(opts.title)}</title>`,
		`  <subtitle>${escape(opts.subtitle)}</subtitle>`,
		`  <updated>${updated}</updated>`,
		`  <link rel="self" type="application/atom+xml" href="${escape(opts.self)}"/>`,
		`  <link rel="alternate" type="text/html" href="${escape(opts.alternate)}"/>`,
		'  <author><name>Treaty Tracker</name></author>',
		'  <generator>Treaty Tracker</generator>'
	];
	for (const e of opts.entries) {
		lines.push(
			'  <entry>',
			`    <id>${escape(e.id)}</id>`,
			`    <title type="text">${escape(e.title)}</title>`,
			`    <updated>${e.updated}</updated>`,
			`    <link rel="alternate" type="text/html" href="${escape(e.alternate)}"/>`,
			...(e.related ? [`    <link rel="related" type="text/html" href="${escape(e.related)}"/>`] : []),
			...(e.category ? [`    <category term="${escape(e.category)}"/>`] : []),
			`    <summary type="text">${escape(e.summary)}</summary>`,
			'  </entry>'
		);
	}
	lines.push('</feed>', '');
	return lines.join('\n');
}

export function feed(opts: {
	origin: string;
	/** The feed's own URL (rel=self), also its id. */
	self: string;
	/** The page the feed follows (rel=alternate). */
	alternate: string;
	title: string;
	subtitle: string;
	changes: ParticipationChange[];
}): string {
	const { origin, changes, ...head } = opts;
	return document({
		...head,
		entries: changes.map((c) => {
			const recorded = c.source.recordedOn ? `, as recorded on ${formatDate(c.source.recordedOn)}` : '';
			return {
				id: entryId(origin, c),
				title: `${sentence(c)}.`,
				updated: timestamp(c.known),
				alternate: `${origin}/participants/${c.code}`,
				related: `${origin}/instruments/${c.slug}`,
				category: c.kind,
				summary: `Source: ${c.source.title}${recorded}.`
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
