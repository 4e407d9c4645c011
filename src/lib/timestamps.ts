// Moments (ISO timestamps, UTC) as people read them: accounts' sign-ins, tokens' last use.
import { formatDate } from './dates';

/** "30 November 2026, 12:05 UTC" */
export function formatTimestamp(iso: string | null | undefined): string {
	if (!iso) return '';
	return `${formatDate(iso.slice(0, 10))}, ${iso.slice(11, 16)} UTC`;
}
