import { isIsoDate, monthNumber } from '../../dates';
import { LoadError, type Where } from './errors';

export function isoDate(s: string, where: Where): string {
	if (!isIsoDate(s)) throw new LoadError(`not a date (YYYY-MM-DD): "${s}"`, { ...where, value: s });
	return s;
}

/** "4 Aug 2004" or "04 Aug 2004" (UNTC and NORMLEX) → "2004-08-04". */
export function dayMonYear(s: string, where: Where): string {
	const m = /^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})$/.exec(s);
	const month = m ? monthNumber(m[2]) : 0;
	const iso = m && month ? `${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}` : '';
	if (!isIsoDate(iso)) throw new LoadError(`not a date (D Mon YYYY): "${s}"`, { ...where, value: s });
	return iso;
}

/** "2015-11" → first and last day of that month. */
export function monthBounds(s: string, where: Where): { earliest: string; latest: string } {
	const m = /^(\d{4})-(\d{2})$/.exec(s);
	if (!m || +m[2] < 1 || +m[2] > 12) throw new LoadError(`not a month (YYYY-MM): "${s}"`, { ...where, value: s });
	const last = new Date(Date.UTC(+m[1], +m[2], 0)).getUTCDate();
	return { earliest: `${s}-01`, latest: `${s}-${String(last).padStart(2, '0')}` };
}
