// Reading path data back in tests: the absolute points of each subpath, so that a test can
// say where an outline is drawn (not how it is written).

/** Absolute points of each subpath of path data made of M, m, l and z ("M3,4l1,0 0,1zm…"). */
export function subpaths(d: string): [number, number][][] {
	const rings: [number, number][][] = [];
	let pen: [number, number] = [0, 0];
	let start: [number, number] = [0, 0];
	for (const [, cmd, body, close] of d.matchAll(/([Mml])([^Mmlz]*)(z?)/g)) {
		const nums = (body.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
		for (let k = 0; k < nums.length; k += 2) {
			// After M's first pair, SVG reads further pairs as absolute lines; after m's, as relative ones.
			pen = cmd === 'M' ? [nums[k], nums[k + 1]] : [pen[0] + nums[k], pen[1] + nums[k + 1]];
			if (k === 0 && cmd !== 'l') {
				start = pen;
				rings.push([pen]);
			} else rings.at(-1)!.push(pen);
		}
		if (close) pen = start;
	}
	return rings;
}
