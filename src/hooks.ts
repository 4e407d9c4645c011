import type { Reroute, Transport } from '@sveltejs/kit';
import { deLocalizeUrl } from '$lib/paraglide/runtime';
import { Unhydrated } from '$lib/unhydrated';

// Values a page that is not hydrated renders and never sends (see $lib/unhydrated): written as
// nothing. Never decoded — a page with `csr = false` runs no script to read its data.
export const transport: Transport = {
	Unhydrated: {
		encode: (value) => value instanceof Unhydrated && [0],
		decode: () => null
	}
};

// /fr/instruments/untoc is the page /instruments/untoc in French: the language is the address's
// first segment (src/lib/i18n), and every route answers under each language's prefix.
export const reroute: Reroute = ({ url }) => deLocalizeUrl(url).pathname;
