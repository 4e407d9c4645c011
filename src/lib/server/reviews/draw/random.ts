// The draw's random numbers: sfc32 seeded from a string through cyrb128, so that a seed written
// down gives the same numbers on any machine (Math.random cannot be seeded).

/** cyrb128 (bryc, public domain): a string hashed to four 32-bit words. */
function cyrb128(str: string): [number, number, number, number] {
	let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
	for (let i = 0; i < str.length; i++) {
		const k = str.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export type Rng = () => number;

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): numbers in [0, 1). */
export function rngFor(key: string): Rng {
	let [a, b, c, d] = cyrb128(key);
	const next = () => {
		a |= 0; b |= 0; c |= 0; d |= 0;
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
	for (let i = 0; i < 15; i++) next(); // the first outputs of a fresh state are poorly mixed
	return next;
}

export function pick<T>(rng: Rng, list: T[]): T {
	return list[Math.floor(rng() * list.length)];
}

export function shuffle<T>(rng: Rng, list: T[]): T[] {
	const out = [...list];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rng() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}
