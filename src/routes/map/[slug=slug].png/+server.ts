// The picture a shared link to a map, an instrument or its non-parties shows (og:image): 1200 × 630.
import { render } from 'svelte/server';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';
import * as maps from '$lib/server/views/map';
import * as mapQuery from '$lib/server/http/map-query';
import * as query from '$lib/server/text/query';
import * as png from '$lib/server/http/png';
import { api, apiError } from '$lib/server/http/api';
import ShareCard from '$lib/components/map/ShareCard.svelte';

export const GET: RequestHandler = ({ url, params, locals }) =>
	api(async () => {
		const asOf = query.asOf(url);
		const group = await mapQuery.group(locals.db, url, params.slug);
		const model = await maps.model(locals.db, { slug: params.slug, group });
		if (!model) return apiError(404, m.maps_error_no_instrument({ slug: query.quote(params.slug) }));
		const { body } = render(ShareCard, { props: { model, asOf, mode: mapQuery.highlight(url) } });
		return png.response(png.fromSvg(body.replace(/<!--[^]*?-->/g, '')), `${params.slug}-${asOf}.png`);
	});
