import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		csrf: { trustedOrigins: [] },
		// Scripts only from this site and SvelteKit's own inline scripts, named by their hashes
		// (not a nonce: a nonce makes every answer unique, and a public page is rendered once per
		// state of the database and reused — see src/lib/server/http/page-cache.ts). Style
		// attributes are inline (bar widths, map fills), and the PNG download draws a blob: image.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
