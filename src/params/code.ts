import type { ParamMatcher } from '@sveltejs/kit';

/**
 * A participant code: ISO 3166-1 alpha-3 ("IND"), or EUU for the European Union. Lower case is
 * accepted here so the page can redirect it to the canonical upper-case address.
 */
export const match = ((param: string): param is string => /^[A-Za-z]{3}$/.test(param)) satisfies ParamMatcher;
