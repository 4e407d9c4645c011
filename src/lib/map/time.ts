// Moving a date through the years, for the map's slider: the same day of another year,
// never later than today.

/** `date` moved to `year` (29 February becomes the 28th in a common year), capped at `max`. */
export function withYear(date: string, year: number, max: string): string {
	let [, m, d] = date.split('-').map(Number);
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	if (m === 2 && d === 29 && !leap) d = 28;
	const moved = `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
	return moved > max ? max : moved;
}

export function yearOf(date: string): number {
	return Number(date.slice(0, 4));
}
