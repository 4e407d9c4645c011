// The picture a shared link to a State's page shows (og:image): 1200 × 630.
import { render } from 'svelte/server';
import { m } from '$lib/paraglide/messages';
import { instrumentName, stateName } from '$lib/i18n';
import type { RequestHandler } from './$types';
import * as status from '$lib/server/record/status';
import * as query from '$lib/server/text/query';
import * as png from '$lib/server/http/png';
import { api, apiError } from '$lib/server/http/api';
import ParticipantCard from '$lib/components/ParticipantCard.svelte';

export const GET: RequestHandler = ({ url, params, locals }) =>
	api(async () => {
		const asOf = query.asOf(url);
		const code = params.code.toUpperCase();
		const found = await status.participant(locals.db, { code, asOf });
		if (!found) return apiError(404, m.maps_error_no_participant({ code: query.quote(params.code) }));
		// The instruments it may join (or has acted on) and of which the record holds data.
		const instruments = found.instruments
			.filter((i) => i.dataStatus !== 'none' && (i.openToIt || (i.status !== 'none' && i.status !== 'unknown')))
			.map((i) => ({ ...i, shortTitle: instrumentName(i.slug, i.shortTitle).text }));
		const { body } = render(ParticipantCard, { props: { name: stateName(code, found.participant.name), asOf, instruments } });
		return png.response(png.fromSvg(body.replace(/<!--[^]*?-->/g, '')), `${code}-${asOf}.png`);
	});
