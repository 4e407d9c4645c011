// ISO dates (YYYY-MM-DD) as text, everywhere a date crosses a boundary.
import { getLocale, type Locale } from '$lib/paraglide/runtime';
import { intlLocale } from '$lib/i18n';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in YYYY-MM-DD form (2023-02-30 is not one). */
export function isIsoDate(s: unknown): s is string {
	if (typeof s !== 'string') return false;
	const m = ISO.exec(s);
	if (!m) return false;
	const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
	return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function toUtc(s: string): Date {
	const [y, m, d] = s.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(d: Date): string {
	return d.toISOString().slice(0, 10);
}

export function today(): string {
	return fromUtc(new Date());
}

export function addDays(s: string, days: number): string {
	const d = toUtc(s);
	d.setUTCDate(d.getUTCDate() + days);
	return fromUtc(d);
}

/** Calendar months; a day past the month's end clamps to its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(s: string, months: number): string {
	const [y, m, d] = s.split('-').map(Number);
	const first = new Date(Date.UTC(y, m - 1 + months, 1));
	const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
	first.setUTCDate(Math.min(d, last));
	return fromUtc(first);
}

/** The first day of the month after the month of `s`. */
export function firstOfNextMonth(s: string): string {
	const [y, m] = s.split('-').map(Number);
	return fromUtc(new Date(Date.UTC(y, m, 1)));
}

/** Is `date` within a period whose ends are both inclusive; null is open on that side. */
export function within(date: string, from: string | null, to: string | null): boolean {
	return (from === null || from <= date) && (to === null || to >= date);
}

export function maxDate(a: string, b: string): string {
	return a > b ? a : b;
}

export function yearsBetween(from: string, to: string): number {
	const a = toUtc(from);
	const b = toUtc(to);
	let years = b.getUTCFullYear() - a.getUTCFullYear();
	if (b.getUTCMonth() < a.getUTCMonth() || (b.getUTCMonth() === a.getUTCMonth() && b.getUTCDate() < a.getUTCDate())) years--;
	return years;
}

/** The months' English names, January first: the one table every date reader and writer uses. */
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/**
 * A month's number (1–12) from its English name or an abbreviation of it of at least three
 * letters, in any case ("Aug", "aug", "Sept", "September"); 0 when it names no month.
 */
export function monthNumber(name: string): number {
	const n = name.toLowerCase();
	if (n.length < 3) return 0;
	return MONTHS.findIndex((m) => m.toLowerCase().startsWith(n)) + 1;
}

const DATE_FORMATS = new Map<string, { day: Intl.DateTimeFormat; month: Intl.DateTimeFormat; year: Intl.DateTimeFormat }>();

function formatsOf(tag: string) {
	let f = DATE_FORMATS.get(tag);
	if (!f) {
		const utc = { timeZone: 'UTC' } as const;
		f = {
			day: new Intl.DateTimeFormat(tag, { ...utc, day: 'numeric', month: 'long', year: 'numeric' }),
			month: new Intl.DateTimeFormat(tag, { ...utc, month: 'long', year: 'numeric' }),
			year: new Intl.DateTimeFormat(tag, { ...utc, year: 'numeric' })
		};
		DATE_FORMATS.set(tag, f);
	}
	return f;
}

/**
 * "25 December 2003"; "November 2015" or "2011" for partial dates — in the request's language
 * ("25 décembre 2003", "2003年12月25日", "25 ديسمبر 2003").
 */
export function formatDate(s: string | null | undefined, to: Locale = getLocale()): string {
	if (!s) return '';
	const [y, m, d] = s.split('-');
	if (to === 'en') {
		if (!m) return y;
		if (!d) return `${MONTHS[+m - 1]} ${y}`;
		return `${+d} ${MONTHS[+m - 1]} ${y}`;
	}
	const f = formatsOf(intlLocale(to));
	const date = new Date(Date.UTC(+y, m ? +m - 1 : 0, d ? +d : 1));
	return (d ? f.day : m ? f.month : f.year).format(date);
}
