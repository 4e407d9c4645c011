// Data a page renders on the server and never sends again as data. SvelteKit writes every
// page's data into the page for its script to hydrate from — even for a page that is not
// hydrated (`csr = false`), where nothing reads it: for the instrument page, ~200 KB of rows and
// map outlines turned into a script at a cost of ~10 ms a render, then hashed for the CSP. A
// value marked here is written as nothing in the page (the `transport` of src/hooks.ts), while a
// client-side navigation's data request (`isDataRequest`: the browser renders the page itself
// from it) gets it whole.

/** What a marked value is written as in a page that is not hydrated. */
export class Unhydrated {}

/**
 * `value` for a page's server render only, unless the request is a client-side navigation's
 * data request. Use only on pages with `csr = false`: a hydrated page would find nothing.
 */
export function unhydrated<T extends object>(value: T, event: { isDataRequest: boolean }): T {
	if (event.isDataRequest) return value;
	return Object.assign(Object.create(Unhydrated.prototype) as object, value) as T;
}
