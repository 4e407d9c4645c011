// Runs code as a request in a given language would: what getLocale() (and so every message,
// formatDate, stateName…) reads while `fn` runs, as src/hooks.server.ts sets it per request.
import { overwriteGetLocale, getLocale, type Locale } from '$lib/paraglide/runtime';

export async function inLocale<T>(locale: Locale, fn: () => T | Promise<T>): Promise<T> {
	const before = getLocale;
	overwriteGetLocale(() => locale);
	try {
		return await fn();
	} finally {
		overwriteGetLocale(before);
	}
}
