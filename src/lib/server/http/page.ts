// Page plumbing: `asOf` for server-rendered pages, where a bad value is a 400 page that says why.
import { error } from '@sveltejs/kit';
import * as query from '../text/query';
import { today } from '../../dates';

export function asOf(url: URL): { asOf: string; today: string } {
	try {
		return { asOf: query.asOf(url), today: today() };
	} catch (e) {
		if (e instanceof query.BadParam) error(400, e.message);
		throw e;
	}
}
