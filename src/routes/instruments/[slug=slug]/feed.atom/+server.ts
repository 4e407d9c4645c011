import type { RequestHandler } from './$types';
import * as records from '$lib/server/record/record';
import * as changes from '$lib/server/record/changes';
import * as atom from '$lib/server/http/atom';
import * as origin from '$lib/server/http/origin';
import { api, apiError } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import { quote } from '$lib/server/text/query';
import * as events from '$lib/events';
import type { ParticipationChange } from '$lib/events';
import { formatDate } from '$lib/dates';
import { l, locale, instrumentName, instrumentTitle, stateName } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

/** "on 4 November 2022", "in November 2015", "by 2 March 2008 (day not recorded)", in the request's language. */
function when(c: ParticipationChange): string {
	if (c.date) return c.ilo ? m.instruments_feed_on_registered({ date: formatDate(c.date) }) : m.instruments_feed_on({ date: formatDate(c.date) });
	if (c.precision === 'month' && c.earliest && c.earliest.slice(0, 7) === c.known.slice(0, 7)) return m.instruments_feed_in({ month: formatDate(c.known.slice(0, 7)) });
	return m.instruments_feed_by({ date: formatDate(c.known) });
}

/** "Pakistan acceded to the Trafficking in Persons Protocol on 4 November 2022." */
function title(c: ParticipationChange): string {
	const args = {
		participant: stateName(c.code, c.name),
		// English says "the Trafficking in Persons Protocol" but "UNTOC"
		instrument: locale() === 'en' ? events.instrumentName(c.shortTitle) : instrumentName(c.slug, c.shortTitle).text,
		when: when(c)
	};
	switch (c.kind) {
		case 'signature': return m.instruments_feed_signature(args);
		case 'ratification': return m.instruments_feed_ratification(args);
		case 'acceptance': return m.instruments_feed_acceptance(args);
		case 'approval': return m.instruments_feed_approval(args);
		case 'accession': return m.instruments_feed_accession(args);
		case 'succession': return m.instruments_feed_succession(args);
		case 'formal-confirmation': return m.instruments_feed_formal_confirmation(args);
		case 'definitive-signature': return m.instruments_feed_definitive_signature(args);
		case 'denunciation': return m.instruments_feed_denunciation(args);
		case 'endorsement': return m.instruments_feed_endorsement(args);
		default: return m.instruments_feed_other({ ...args, kind: c.kind });
	}
}

/** The 100 newest participation events of one instrument, its title and entries in the request's language. */
export const GET: RequestHandler = (event) =>
	api(async () => {
		const { slug } = routes.read(routes.getInstrumentFeed, event);
		const ir = (await records.get(event.locals.db)).instruments.get(slug);
		if (!ir) return apiError(404, m.instruments_not_found({ slug: quote(slug) }));
		const page = l(`/instruments/${slug}`);
		const recent = await changes.recent(event.locals.db, { slug, limit: 100 });
		return atom.response(
			atom.document({
				origin: origin.configured(),
				self: l(`/instruments/${slug}/feed.atom`),
				alternate: page,
				title: m.instruments_feed_title({ name: instrumentName(slug, ir.instrument.short_title).text }),
				subtitle: m.instruments_feed_subtitle({ title: instrumentTitle(slug, ir.instrument.title).text }),
				entries: recent.map((c) => ({
					id: atom.entryId(c),
					title: title(c),
					updated: atom.timestamp(c.known),
					alternate: l(`/participants/${c.code}`),
					related: l(`/instruments/${c.slug}`),
					category: c.kind,
					summary: c.source.recordedOn
						? m.instruments_source_recorded({ title: c.source.title, date: formatDate(c.source.recordedOn) })
						: m.instruments_source({ title: c.source.title })
				}))
			})
		);
	});
