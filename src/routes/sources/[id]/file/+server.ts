import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { fileOfSource } from '$lib/server/sources/import-files';
import { m } from '$lib/paraglide/messages';

// The file a source was brought in from, as it was uploaded or pasted: always a download, never
// rendered here (a saved page is someone else's HTML), and never sniffed into something else.
export const GET: RequestHandler = async ({ params, locals }) => {
	const file = await fileOfSource(locals.db, params.id);
	if (!file) error(404, m.home_sources_no_file({ id: params.id.slice(0, 80) }));
	const safe = file.name.replace(/[^A-Za-z0-9._-]+/g, '_');
	return new Response(new Uint8Array(file.content), {
		headers: {
			'content-type': 'application/octet-stream',
			'content-disposition': `attachment; filename="${safe}"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'public, max-age=86400, immutable'
		}
	});
};
