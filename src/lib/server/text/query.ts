// Reading the query string: one place that knows what a valid `asOf` is.
import { isIsoDate, today } from '../../dates';

export class BadParam extends Error {
	constructor(
		readonly param: string,
		message: string
	) {
		super(message);
	}
}

/** A value as a message quotes it back: a long one is cut, so a 9,000-character mistake is not echoed whole. */
export function quote(raw: string, max = 40): string {
	return raw.length > max ? `${raw.slice(0, max)}…` : raw;
}

/** What is said of an `asOf` that is no date: the pages and the API say the same. */
export function asOfProblem(raw: string): string {
	return `asOf must be a date in the form YYYY-MM-DD (e.g. 2008-06-03); got "${quote(raw)}"`;
}

/** `asOf` from the URL: today when absent; a BadParam naming the parameter when malformed. */
export function asOf(url: URL): string {
	const raw = url.searchParams.get('asOf');
	if (raw === null || raw === '') return today();
	if (!isIsoDate(raw)) throw new BadParam('asOf', asOfProblem(raw));
	return raw;
}
