// Moments (ISO timestamps, UTC) as people read them: accounts' sign-ins, tokens' last use.
import { formatDate } from './dates';
import { m } from '$lib/paraglide/messages';

/** "30 November 2026, 12:05 UTC" */
export function formatTimestamp(iso: string | null | undefined): string {
	if (!iso) return '';
	return m.home_timestamp({ date: formatDate(iso.slice(0, 10)), time: iso.slice(11, 16) });
}
