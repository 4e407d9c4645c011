// negotiator 1.x's own API (@types/negotiator describes 0.6, without `preferred`): only what
// the page cache uses. https://github.com/jshttp/negotiator#readme
declare module 'negotiator' {
	export default class Negotiator {
		constructor(request: { headers: Record<string, string | string[] | undefined> });
		/** The encodings the request accepts among `available`, best first; ties broken by `preferred`'s order. */
		encodings(available?: readonly string[], options?: { preferred?: readonly string[] }): string[];
	}
}
