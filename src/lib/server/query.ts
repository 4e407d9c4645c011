// Reading the query string: one place that knows what a valid `asOf` is.
import { isIsoDate, today } from '../dates';

export class BadParam extends Error {
	constructor(
		readonly param: string,
		message: string
	) {
		super(message);
	}
}

/** `asOf` from the URL: today when absent; a BadParam naming the parameter when malformed. */
export function asOf(url: URL): string {
	const raw = url.searchParams.get('asOf');
	if (raw === null || raw === '') return today();
	if (!isIsoDate(raw)) {
		throw new BadParam('asOf', `asOf must be a date in the form YYYY-MM-DD (e.g. 2008-06-03); got "${raw}"`);
	}
	return raw;
}
