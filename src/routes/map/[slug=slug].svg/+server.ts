// The map as a standalone SVG file: what "Download SVG" saves, with or without JavaScript.
import { render } from 'svelte/server';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';
import * as maps from '$lib/server/views/map';
import * as mapQuery from '$lib/server/http/map-query';
import * as query from '$lib/server/text/query';
import { api, apiError } from '$lib/server/http/api';
import * as origin from '$lib/server/http/origin';
import { absolute } from '$lib/site';
import { l } from '$lib/i18n';
import StandaloneMap from '$lib/components/map/StandaloneMap.svelte';

// Its errors are JSON `{ error }`, like every other file the app serves.
export const GET: RequestHandler = ({ url, params, locals }) =>
	api(async () => {
		const asOf = query.asOf(url);
		const group = await mapQuery.group(locals.db, url, params.slug);
		const model = await maps.model(locals.db, { slug: params.slug, group });
		if (!model) return apiError(404, m.maps_error_no_instrument({ slug: query.quote(params.slug) }));
		// a stored answer: the link is absolute only with the configured origin
		const credit = m.maps_file_credit({ link: absolute(origin.configured(), l(`/map/${params.slug}${url.search}`)) });
		const { body } = render(StandaloneMap, { props: { model, asOf, credit, mode: mapQuery.highlight(url) } });
		// Svelte marks its blocks with comments; a file has no use for them.
		const svg = body.replace(/<!--[^]*?-->/g, '');
		return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, {
			headers: {
				'content-type': 'image/svg+xml; charset=utf-8',
				'content-disposition': `inline; filename="${params.slug}-${asOf}.svg"`,
				'cache-control': 'public, max-age=300'
			}
		});
	});
