import type { Transport } from '@sveltejs/kit';
import { Unhydrated } from '$lib/unhydrated';

// Values a page that is not hydrated renders and never sends (see $lib/unhydrated): written as
// nothing. Never decoded — a page with `csr = false` runs no script to read its data.
export const transport: Transport = {
	Unhydrated: {
		encode: (value) => value instanceof Unhydrated && [0],
		decode: () => null
	}
};
