import type { ParamMatcher } from '@sveltejs/kit';

/** A participant code: ISO 3166-1 alpha-3 ("IND"), or EUU for the European Union. */
export const match = ((param: string): param is string => /^[A-Z]{3}$/.test(param)) satisfies ParamMatcher;
