// What every change to a review does, whichever it is: ask whether the person may, check that
// it is made on the review as it stands (a change from a stale page is a conflict, never an
// overwrite), and write its audit entry in the change's transaction.
import * as audit from '../audit/log';
import type { Trx } from '../db';
import { can, refusal, type ReviewAction, type ReviewSubject } from '../accounts/permissions';
import { ReviewError, type Item, type Person, type Review } from './reviews';
import { m } from '$lib/paraglide/messages';
import { number } from '$lib/i18n';

/** Refuses (403, naming `field`) when `person` may not do `action` on the review. */
export function allowed(person: Person, action: ReviewAction, subject: ReviewSubject, field: string): void {
	if (!can(person, action, subject)) throw new ReviewError(field, refusal(person, action, subject), 403);
}

/**
 * Every change to a review bumps its version, checked against the database inside the change's
 * transaction: a form sent from an older page (`basedOn`), or a change decided on a review read
 * before someone else's change, is a conflict.
 */
export async function touch(trx: Trx, review: Review, basedOn: number | null): Promise<void> {
	const row = await trx.selectFrom('reviews').select('version').where('id', '=', review.id).executeTakeFirstOrThrow();
	const seen = basedOn ?? review.version;
	if (seen !== row.version || review.version !== row.version) {
		throw new ReviewError('version', m.reviews_error_stale({ seen: String(seen), now: String(row.version) }), 409);
	}
	await trx.updateTable('reviews').set({ version: row.version + 1 }).where('id', '=', review.id).execute();
}

/** Review work is not the treaty record: its entries move the public state when the public sees them (audit/changes.ts), never the record's revision. */
export async function audited(trx: Trx, person: Person, entry: Omit<audit.Entry<'review'>, 'actor' | 'sourceId'>): Promise<void> {
	await audit.write(trx, [{ ...entry, actor: person.actor, sourceId: null }]);
}

/** The item of the questionnaire for one article of one instrument, or a 404. */
export function itemOf(review: Review, instrument: string, article: string): Item {
	const item = review.items.find((i) => i.instrument === instrument && i.article === article);
	if (!item) throw new ReviewError('item', m.reviews_error_not_an_item({ article, instrument }), 404);
	return item;
}

/** What a required text is, for saying what is wrong with it. */
const REQUIRED = {
	text: { empty: m.reviews_error_text_empty, long: m.reviews_error_text_long },
	observation: { empty: m.reviews_error_observation_empty, long: m.reviews_error_observation_long },
	name: { empty: m.reviews_error_name_empty, long: m.reviews_error_name_long },
	summary: { empty: m.reviews_error_summary_empty, long: m.reviews_error_summary_long }
};

/** A text the change needs, trimmed: not empty, at most `max` characters. */
export function required(field: string, value: string, max: number, what: keyof typeof REQUIRED): string {
	const v = value.trim();
	if (!v) throw new ReviewError(field, REQUIRED[what].empty());
	if (v.length > max) throw new ReviewError(field, REQUIRED[what].long({ count: number(v.length), max: number(max) }));
	return v;
}
