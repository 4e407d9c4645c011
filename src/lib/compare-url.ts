// The compare view's URL, shared by server and page: readable (commas stay commas) so it can
// be read aloud, pasted and edited by hand; in the language of the page that links to it.
import { l } from '$lib/i18n';

export function compareHref(opts: { codes: string[]; group?: string | null; asOf: string; today: string; sort?: string | null; highlight?: string[]; extra?: Record<string, string> }): string {
	const parts: string[] = [];
	if (opts.codes.length) parts.push(`codes=${opts.codes.map(encodeURIComponent).join(',')}`);
	if (opts.group) parts.push(`group=${encodeURIComponent(opts.group)}`);
	if (opts.asOf !== opts.today) parts.push(`asOf=${opts.asOf}`);
	if (opts.sort && opts.sort !== 'name') parts.push(`sort=${encodeURIComponent(opts.sort)}`);
	if (opts.highlight?.length) parts.push(`highlight=${opts.highlight.map(encodeURIComponent).join(',')}`);
	for (const [k, v] of Object.entries(opts.extra ?? {})) parts.push(`${k}=${encodeURIComponent(v)}`);
	return l(`/compare${parts.length ? `?${parts.join('&')}` : ''}`);
}
