// The site's own addresses as they are written for others (shared links, printed pages, embed
// code): absolute with the origin the deployment configured (ORIGIN), else as a path — never
// with a host taken from a request, since a public answer is stored and served to everyone.

/** `path` made absolute with `origin`, or left as a path when there is none. */
export function absolute(origin: string | null | undefined, path: string): string {
	return origin ? `${origin}${path}` : path;
}
