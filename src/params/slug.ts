import type { ParamMatcher } from '@sveltejs/kit';

/** An instrument slug: lower-case words joined by hyphens ("trafficking-protocol"). */
export const match = ((param: string): param is string => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(param)) satisfies ParamMatcher;
