// Compact SVG path data for projected outlines. A world map's outlines are the heaviest thing
// a map page ships, and they ship twice (in the markup, and in the data the page hydrates
// from), so they are written small: whole viewBox units, relative moves ("M12,30l1,2…m-5,4…"),
// and rings that round to fewer than three points are dropped. At a 960-unit-wide map a
// unit is about a pixel, finer than the 1:110m atlas itself; this halves the gzip size of
// d3's absolute, decimal output. The first move is absolute: joined into one path (the
// map's background), each outline must stay where it is, not start from where the last ended.

/**
 * A d3-geo path context (`geoPath(projection, new CompactPath())`) that collects rounded
 * rings and writes them as relative path data with `toString()`.
 */
export class CompactPath {
	private out: string[] = [];
	private ring: [number, number][] | null = null;
	private closed = false;
	/** The pen position after the last subpath, in rounded units. */
	private pen: [number, number] = [0, 0];

	moveTo(x: number, y: number): void {
		this.flush();
		this.ring = [[Math.round(x), Math.round(y)]];
		this.closed = false;
	}

	lineTo(x: number, y: number): void {
		if (!this.ring) return this.moveTo(x, y);
		const p: [number, number] = [Math.round(x), Math.round(y)];
		const last = this.ring[this.ring.length - 1];
		if (p[0] !== last[0] || p[1] !== last[1]) this.ring.push(p);
	}

	closePath(): void {
		this.closed = true;
		this.flush();
	}

	/** Points are drawn as dots by the map, never through a path. */
	arc(): void {}

	beginPath(): void {}

	/** The path data collected so far ('' when every ring was too small to draw). */
	toString(): string {
		this.flush();
		return this.out.join('');
	}

	private flush(): void {
		const ring = this.ring;
		this.ring = null;
		if (!ring) return;
		// An open line needs two points, a closed ring three (fewer is a speck).
		if (ring.length < (this.closed ? 3 : 2)) return;
		const [x0, y0] = ring[0];
		let s = this.out.length === 0 ? `M${num(x0)},${num(y0)}l` : `m${num(x0 - this.pen[0])},${num(y0 - this.pen[1])}l`;
		let [lx, ly] = ring[0];
		for (let i = 1; i < ring.length; i++) {
			const [x, y] = ring[i];
			const dx = num(x - lx);
			const dy = num(y - ly);
			// A separator is only needed before a number that does not start with "-".
			s += (i > 1 && dx[0] !== '-' ? ' ' : '') + dx + (dy[0] === '-' ? '' : ',') + dy;
			lx = x;
			ly = y;
		}
		if (this.closed) {
			s += 'z';
			this.pen = [x0, y0];
		} else {
			this.pen = [lx, ly];
		}
		this.out.push(s);
	}
}

function num(n: number): string {
	return String(n === 0 ? 0 : n); // no "-0"
}
