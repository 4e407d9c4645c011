// The map as a standalone SVG file: what "Download SVG" saves, with or without JavaScript.
import { error } from '@sveltejs/kit';
import { render } from 'svelte/server';
import type { RequestHandler } from './$types';
import * as maps from '$lib/server/map';
import * as page from '$lib/server/page';
import StandaloneMap from '$lib/components/map/StandaloneMap.svelte';

export const GET: RequestHandler = async ({ url, params, locals }) => {
	const { asOf } = page.asOf(url);
	const group = await maps.groupOf(locals.db, url);
	const model = await maps.model(locals.db, { slug: params.slug, group });
	if (!model) error(404, `There is no instrument "${params.slug}".`);
	const link = new URL(`/map/${params.slug}`, url);
	link.search = url.search;
	const credit = `Treaty Tracker · ${link.href} · outlines: Natural Earth 1:110m`;
	const { body } = render(StandaloneMap, { props: { model, asOf, credit } });
	// Svelte marks its blocks with comments; a file has no use for them.
	const svg = body.replace(/<!--[^]*?-->/g, '');
	return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, {
		headers: {
			'content-type': 'image/svg+xml; charset=utf-8',
			'content-disposition': `inline; filename="${params.slug}-${asOf}.svg"`,
			'cache-control': 'public, max-age=300'
		}
	});
};
