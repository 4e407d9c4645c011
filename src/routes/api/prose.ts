// A paragraph of the API page as its message words it, with the code, links and emphasis it
// names by placeholder ({asOf}, {document}): each language puts them where its sentence wants
// them, and the page renders them as elements — no markup in a message.
import { parts as cut, slot } from '$lib/i18n';

/** What a placeholder stands for: a name in code, a link (its text in code or not), emphasis (or plain words: a string). */
export type Part = { code: string } | { strong: string } | { href: string; text: string; code?: true };

/** A piece of the paragraph: words of the message, or a part. */
export type Piece = string | Part;

/**
 * The message's words around its parts, in the message's order: it is called with each
 * placeholder as a marker (a private-use character pair), and its text split at the markers.
 */
export function prose<K extends string>(message: (inputs: Record<K, string>) => string, parts: Record<K, Part | string>): Piece[] {
	const markers = Object.fromEntries(Object.keys(parts).map((k) => [k, slot(k)])) as Record<K, string>;
	return cut(message(markers))
		.map((p) => (p.slot === null ? p.text : parts[p.slot as K]))
		.filter((p) => p !== '')
		.reduce<Piece[]>((out, p) => {
			// plain words given for a placeholder join the words around them
			if (typeof p === 'string' && typeof out.at(-1) === 'string') out[out.length - 1] += p;
			else out.push(p);
			return out;
		}, []);
}
