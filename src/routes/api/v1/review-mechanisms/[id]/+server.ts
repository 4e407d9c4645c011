import type { RequestHandler } from './$types';
import { api, ok } from '$lib/server/http/api';
import * as routes from '$lib/server/http/api-routes';
import * as schemas from '$lib/server/http/api-schemas';
import * as config from '$lib/server/reviews/config';

export const GET: RequestHandler = (event) =>
	api(async () => {
		const { id } = routes.read(routes.getReviewMechanism, event);
		const mechanism = await config.mechanism(event.locals.db, id);
		if (!mechanism) return routes.notFound(routes.getReviewMechanism, 'id', id);
		const cycle = (await config.cycles(event.locals.db)).find((c) => c.mechanismId === mechanism.id);
		return ok(schemas.ReviewMechanism, {
			id: mechanism.id,
			title: mechanism.title,
			instruments: mechanism.instruments,
			clusters: (cycle?.clusters ?? []).map((k) => ({
				number: k.n,
				title: k.title,
				titleConfirmed: k.titleConfirmed,
				articles: k.articles.map((a) => ({ instrument: a.instrument, article: a.number, title: a.title, confirmed: a.confirmed }))
			})),
			settings: Object.values(mechanism.settings).map((s) => ({
				key: s.key,
				number: typeof s.value === 'number' ? s.value : null,
				flag: typeof s.value === 'boolean' ? s.value : null,
				confirmed: s.confirmed,
				text: s.text
			}))
		});
	});
